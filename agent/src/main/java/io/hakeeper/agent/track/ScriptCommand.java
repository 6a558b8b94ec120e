package io.hakeeper.agent.track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A script's command line, run as {@code script_user} (through setpriv(1)) when one is set. */
public final class ScriptCommand {

    private static final Map<String, String> PRIMARY_GROUPS = new ConcurrentHashMap<>();

    private ScriptCommand() {
    }

    public static List<String> asUser(List<String> argv, String user, String group) {
        if (user == null || user.equals(System.getProperty("user.name"))) {
            return argv;
        }
        // keepalived.conf(5), script_user: "If GROUPNAME is not specified, the group of the user is used",
        // that is the user's primary group (nobody's is nogroup on Debian), not a group named like the user.
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + user,
                "--regid=" + (group != null ? group : primaryGroup(user)), "--init-groups", "--"));
        out.addAll(argv);
        return out;
    }

    /** The user's primary gid as {@code id -g} reports it (NSS included); the user's name when unknown. */
    static String primaryGroup(String user) {
        return PRIMARY_GROUPS.computeIfAbsent(user, u -> {
            try {
                Process p = new ProcessBuilder("id", "-g", "--", u).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+")) {
                    return out;
                }
            } catch (IOException e) {
                // no id(1): fall through to the name, as before
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return u;
        });
    }
}
