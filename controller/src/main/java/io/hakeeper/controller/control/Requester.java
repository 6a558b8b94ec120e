package io.hakeeper.controller.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who is asking: {@code user@host}, written into requests and events for the history. */
public final class Requester {

    private Requester() {
    }

    public static String current() {
        return System.getProperty("user.name", "unknown") + "@" + host();
    }

    private static String host() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
