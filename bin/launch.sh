#!/usr/bin/env bash
# Shared by bin/haagent and bin/hactl: build the module's jar when it is missing or older than
# any source, then run it. Usage: launch.sh MODULE JAR_NAME [ARGS...]. With HAKEEPER_JAR set, runs
# that jar as it is (bin/lab runs its daemons from a copy that a rebuild cannot pull away).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$1"
name="$2"
jar="${HAKEEPER_JAR:-$root/$module/target/$name.jar}"
shift 2

stale() {
    [ ! -f "$jar" ] && return 0
    [ -n "$(find "$root/pom.xml" "$root/common/pom.xml" "$root/common/src" "$root/$module/pom.xml" \
        "$root/$module/src" -newer "$jar" -print -quit 2>/dev/null)" ]
}

if [ -z "${HAKEEPER_JAR:-}" ] && stale; then
    "$root/lab/setup-host.sh" java >&2 || { echo "$name: step 'install a JDK' failed (lab/setup-host.sh java); see above" >&2; exit 1; }
    echo "$name: building $module (jar missing or older than its sources)" >&2
    # shellcheck source=bin/build-step.sh
    . "$root/bin/build-step.sh"
    build_step "$root" -q -DskipTests -pl "$module" -am package
fi

# Small, predictable footprint for a long-running daemon that mostly waits on sockets: C1 only
# (the agent is I/O-bound), a fixed 20 MB heap (a growing and shrinking heap caused 30-40 ms full
# collections that delayed VRRP adverts) with a small young generation, small stacks and code
# cache. Measured RSS and advert jitter with these flags are in README.md. Override with
# HAKEEPER_JAVA_OPTS.
default_opts="-XX:+UseSerialGC -Xms20m -Xmx20m -Xmn6m -Xss256k -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
# shellcheck disable=SC2086
exec java ${HAKEEPER_JAVA_OPTS:-$default_opts} -jar "$jar" "$@"
