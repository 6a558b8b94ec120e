package io.hakeeper.agent.ipvs.kernel;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * This test JVM's classpath as plain paths, for a {@code java -cp} inside the VM (whose root is the
 * host's). A manifest-only jar (Surefire's booter) is replaced by the entries of its Class-Path.
 */
final class GuestClasspath {

    private GuestClasspath() {
    }

    static String current() throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    String cp = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Class-Path");
                    if (cp != null && jar.getEntry("io/hakeeper") == null && !cp.isBlank()) {
                        for (String u : cp.trim().split("\\s+")) {
                            out.add(Path.of(URI.create(u)).toString());
                        }
                        continue;
                    }
                }
            }
            out.add(p.toString());
        }
        return String.join(File.pathSeparator, out);
    }
}
