package io.hakeeper.common.config;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * What a config says about the host that the text alone cannot prove: interfaces exist, scripts
 * exist and are safe to run. {@code haagent check} reports problems as warnings (the file may be
 * meant for another machine); {@code haagent run} refuses them.
 */
public interface HostFacts {

    boolean interfaceExists(String name);

    /** The file at {@code path} (a bare command is searched in PATH), or empty when there is none. */
    Optional<FileFacts> file(String path);

    /** What matters about a script or secret file. {@code resolved} is where it was found. */
    /** {@code openToOthers}: any group or other permission bit is set (looser than 0600 / 0700). */
    record FileFacts(String resolved, boolean regular, boolean executable, boolean writableByOthers,
                     boolean openToOthers) {
    }

    /** Facts read from this machine: {@code /sys/class/net} and the file system. */
    static HostFacts local() {
        return new HostFacts() {
            @Override
            public boolean interfaceExists(String name) {
                return !name.contains("/") && Files.exists(Path.of("/sys/class/net", name));
            }

            @Override
            public Optional<FileFacts> file(String path) {
                if (path.contains("/")) {
                    return facts(Path.of(path));
                }
                String pathEnv = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
                for (String dir : pathEnv.split(File.pathSeparator)) {
                    Optional<FileFacts> f = facts(Path.of(dir.isEmpty() ? "." : dir, path));
                    if (f.isPresent()) {
                        return f;
                    }
                }
                return Optional.empty();
            }

            private Optional<FileFacts> facts(Path p) {
                if (!Files.exists(p)) {
                    return Optional.empty();
                }
                boolean regular = Files.isRegularFile(p);
                boolean others = false;
                boolean open = false;
                try {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                    if (Files.isSymbolicLink(p)) {
                        perms = Files.getPosixFilePermissions(p);
                    }
                    others = perms.contains(PosixFilePermission.OTHERS_WRITE)
                            || perms.contains(PosixFilePermission.GROUP_WRITE);
                    open = perms.stream().anyMatch(x -> x.name().startsWith("GROUP_") || x.name().startsWith("OTHERS_"));
                } catch (IOException | UnsupportedOperationException e) {
                    // Unknown permissions are reported as not writable by others: we cannot tell.
                }
                return Optional.of(new FileFacts(p.toString(), regular, Files.isExecutable(p), others, open));
            }
        };
    }

    /** Assumes every fact holds; for parsing a config meant for another host. */
    static HostFacts trusting() {
        return new HostFacts() {
            @Override
            public boolean interfaceExists(String name) {
                return true;
            }

            @Override
            public Optional<FileFacts> file(String path) {
                return Optional.of(new FileFacts(path, true, true, false, false));
            }
        };
    }
}
