package io.hakeeper.agent.track;

import java.util.ArrayList;
import java.util.List;

/** A script's command line, run as {@code script_user} (through setpriv(1)) when one is set. */
public final class ScriptCommand {

    private ScriptCommand() {
    }

    public static List<String> asUser(List<String> argv, String user, String group) {
        if (user == null || user.equals(System.getProperty("user.name"))) {
            return argv;
        }
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + user,
                "--regid=" + (group != null ? group : user), "--init-groups", "--"));
        out.addAll(argv);
        return out;
    }
}
