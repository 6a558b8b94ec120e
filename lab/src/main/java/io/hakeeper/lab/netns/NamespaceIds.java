package io.hakeeper.lab.netns;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids this (the JVM's) network namespace knows other namespaces by: the tag a netlink socket
 * with NETLINK_LISTEN_ALL_NSID receives with each of their notifications (rtnetlink(7) NSID).
 */
final class NamespaceIds {

    /** {@code ip netns list-id}: "nsid 3 (iproute2 netns name: hkl-lb01)". */
    private static final Pattern LINE = Pattern.compile("nsid (\\d+) \\(iproute2 netns name: (\\S+)\\)");

    private NamespaceIds() {
    }

    /** Gives each named namespace an id here if it has none, and returns id by namespace name. */
    static Map<String, Integer> assign(Iterable<String> namespaces) throws IOException {
        Map<String, Integer> known = parse(Shell.ip("netns", "list-id"));
        for (String ns : namespaces) {
            if (!known.containsKey(ns)) {
                Shell.ip("netns", "set", ns, "auto");
            }
        }
        return parse(Shell.ip("netns", "list-id"));
    }

    static Map<String, Integer> parse(String listIdOutput) {
        Map<String, Integer> ids = new HashMap<>();
        Matcher m = LINE.matcher(listIdOutput);
        while (m.find()) {
            ids.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        return ids;
    }
}
