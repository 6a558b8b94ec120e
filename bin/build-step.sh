# Sourced by bin/launch.sh, bin/lab and lab/*.sh: one build step with the Maven Wrapper.
# build_step ROOT MAVEN_ARGS...: runs ./mvnw -B MAVEN_ARGS in ROOT with its output in
# ROOT/target/build.log. On failure it prints the log's last 30 lines, then one line naming the
# step, Maven's first error and what to do next, and exits 1. The project's own modules are built
# in one reactor run and never installed into the local Maven repository.
build_step() {
    local root="$1" log rc=0
    shift
    log="$root/target/build.log"
    mkdir -p "$root/target"
    [ -d "$HOME/.m2/wrapper/dists" ] || echo "build: first build on this machine: the Maven Wrapper downloads" \
        "Maven 3.9.11 (9 MB), then Maven about 60 MB of dependencies, from Maven Central" >&2
    echo "build: ./mvnw -B $* (output: $log)" >&2
    (cd "$root" && ./mvnw -B "$@") >"$log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
        tail -n 30 "$log" >&2
        local first
        # The most telling line: a compile error's file:line, else the failed goal, else any error.
        first="$(grep -m1 -E '^\[ERROR\] /.*\.java' "$log" || grep -m1 -E '^\[ERROR\] (Failed to execute|Could not|Non-resolvable)' "$log" \
            || grep -m1 -E '^\[ERROR\]|^Exception|^Error' "$log" || true)"
        first="${first:0:300}"
        echo "build: step 'build the jars' failed: ./mvnw -B $* exited $rc: ${first:-see $log}." \
            "Fix that (the whole output is in $log), then run the same command again." >&2
        exit 1
    fi
}
