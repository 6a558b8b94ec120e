package io.hakeeper.agent.zk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * The identities in {@code auth_digest_file}: the first {@code user:password} line is the writer
 * (agents, and hactl's switchover/drain); an optional second line is a read-only identity for
 * {@code hactl status/events/doctor}. Lines starting with '#' are comments. The file must not be
 * readable by group or others (mode 0600 or stricter), as it holds passwords.
 */
public record DigestCredentials(String user, String password, String readerUser, String readerPassword) {

    /** Loads and checks the file; the message of the exception says what to fix. */
    public static DigestCredentials load(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
            throw new IOException("auth_digest_file " + file + " has mode " + PosixFilePermissions.toString(perms)
                    + ", looser than 0600 (rw-------); run: chmod 600 " + file);
        }
        List<String> lines = Files.readAllLines(file).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (lines.isEmpty() || lines.size() > 2) {
            throw new IOException("auth_digest_file " + file + " must hold one 'user:password' line (the agents'"
                    + " identity) and optionally a second one (a read-only identity); found " + lines.size());
        }
        String[] writer = split(file, lines.get(0));
        String[] reader = lines.size() == 2 ? split(file, lines.get(1)) : new String[] {null, null};
        return new DigestCredentials(writer[0], writer[1], reader[0], reader[1]);
    }

    private static String[] split(Path file, String line) throws IOException {
        int colon = line.indexOf(':');
        if (colon <= 0 || colon == line.length() - 1) {
            throw new IOException("auth_digest_file " + file + ": a line is not 'user:password'");
        }
        return new String[] {line.substring(0, colon), line.substring(colon + 1)};
    }

    /** What {@code addauth digest} sends for the writer identity. */
    public byte[] authBytes() {
        return (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The ACL id of the writer: {@code user:base64(sha1(user:password))}. */
    public String writerId() {
        return digest(user, password);
    }

    /** The ACL id of the read-only identity, or null when the file names none. */
    public String readerId() {
        return readerUser == null ? null : digest(readerUser, readerPassword);
    }

    private static String digest(String user, String password) {
        try {
            return DigestAuthenticationProvider.generateDigest(user + ":" + password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "DigestCredentials[" + user + (readerUser == null ? "" : ", reader " + readerUser) + "]";
    }
}
