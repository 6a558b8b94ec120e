package io.hakeeper.controller.zk;

import io.hakeeper.controller.ExitCode;
import io.hakeeper.controller.HaCtlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The identity hactl authenticates with: the first {@code user:password} line of an
 * {@code auth_digest_file} (the agents' format: '#' starts a comment, blank lines are skipped).
 * Give hactl the agents' own file to act as the writer (switchover, drain), or a file whose first
 * line is the read-only identity for status, events and doctor. Like the agent, hactl refuses a
 * file that group or others can read: it holds a password.
 */
public record DigestIdentity(String user, String password, Path file) {

    public static DigestIdentity load(Path file) throws HaCtlException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
                throw HaCtlException.usage("--auth-digest-file " + file + " has mode "
                        + PosixFilePermissions.toString(perms) + ", looser than 0600 (rw-------); run: chmod 600 " + file);
            }
            Optional<String> first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst();
            if (first.isEmpty()) {
                throw HaCtlException.usage("--auth-digest-file " + file + " holds no 'user:password' line");
            }
            String line = first.get();
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw HaCtlException.usage("--auth-digest-file " + file + ": the first line is not 'user:password'");
            }
            return new DigestIdentity(line.substring(0, colon), line.substring(colon + 1), file);
        } catch (IOException e) {
            throw new HaCtlException(ExitCode.USAGE, "cannot read --auth-digest-file " + file + ": " + e.getMessage(), e);
        }
    }

    /** What {@code addauth digest} sends. */
    public byte[] authBytes() {
        return (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "'" + user + "' (from " + file + ")";
    }
}
