package io.hakeeper.common.zk;

import java.util.Optional;

/**
 * The rules a single path element must follow in ZooKeeper, from the ZooKeeper Programmer's Guide
 * ("The ZooKeeper Data Model", ZNodes): no '/' (the separator), no U+0000, none of U+0001–U+001F
 * or U+007F–U+009F, none of U+D800–U+F8FF or U+FFF0–U+FFFF, and not "." or ".." alone.
 * Node ids ({@code router_id}) and instance names become such elements in our layout, so a
 * bad one is caught here with a message that says what to change.
 */
public final class ZNodeName {

    private static final String ADVICE = "use letters, digits, '.', '_' or '-'";

    private ZNodeName() {
    }

    /** What is wrong with {@code name} as one path element, or empty when it is fine. */
    public static Optional<String> problem(String name) {
        if (name == null) {
            return Optional.of("it is missing");
        }
        if (name.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'" + name + "' alone is a relative path element, which ZooKeeper does not allow");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                return Optional.of("it contains '/', the path separator");
            }
            if (forbidden(c)) {
                return Optional.of(String.format("it contains the character U+%04X at index %d,"
                        + " which ZooKeeper does not allow in names", (int) c, i));
            }
        }
        return Optional.empty();
    }

    public static boolean valid(String name) {
        return problem(name).isEmpty();
    }

    /**
     * Returns {@code name} when it can be a path element, otherwise throws with a message such as
     * {@code node id 'lb/01' cannot name a ZooKeeper node: it contains '/', the path separator;
     * use letters, digits, '.', '_' or '-'}.
     *
     * @param what what the name is, for the message ("node id", "instance name", ...)
     */
    public static String require(String what, String name) {
        Optional<String> p = problem(name);
        if (p.isPresent()) {
            String shown = name == null ? "" : " '" + printable(name) + "'";
            throw new IllegalArgumentException(what + shown + " cannot name a ZooKeeper node: " + p.get() + "; " + ADVICE);
        }
        return name;
    }

    private static boolean forbidden(char c) {
        return c == '\u0000'
                || (c >= '\u0001' && c <= '\u001F')
                || (c >= '\u007F' && c <= '\u009F')
                || (c >= '\uD800' && c <= '\uF8FF')
                || c >= '\uFFF0';
    }

    /** The name as it can safely appear in a log line: forbidden characters as \\uXXXX. */
    private static String printable(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && b.length() < 80; i++) {
            char c = name.charAt(i);
            b.append(forbidden(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
