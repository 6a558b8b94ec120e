package io.hakeeper.common.config.grammar;

/**
 * One keyword a block accepts. {@code usage} is how its arguments are written: words separated by
 * spaces, optional ones in brackets ({@code "N [reverse]"}, {@code "NAME [weight N [reverse]]"}),
 * alternatives joined by '|' ({@code "PASS|AH"}), and "..." after a word for "and more"
 * ({@code "CMD..."}). The number of arguments allowed is read from it, and error messages quote it
 * as the fix. A non-null {@code note} makes every use a warning (deprecated alias, obsolete or
 * ignored keyword).
 */
public record Keyword<B>(String name, String usage, BlockUse block, Action<B> action, String note) {

    /** Whether a line with this keyword opens a block. */
    public enum BlockUse { NONE, REQUIRED, OPTIONAL }

    /** Applies one statement to the block's builder. */
    @FunctionalInterface
    public interface Action<B> {
        void apply(B builder, Args args);
    }

    private String[] words() {
        String u = usage.trim();
        return u.isEmpty() ? new String[0] : u.split("\\s+");
    }

    /** Words outside brackets are required; a bracket opens at a word's start and closes at its end. */
    public int minArgs() {
        int n = 0;
        int depth = 0;
        for (String w : words()) {
            depth += leading(w, '[');
            if (depth == 0) {
                n++;
            }
            depth -= trailing(w, ']');
        }
        return n;
    }

    /** The most arguments allowed; -1 when a word ending in "..." allows any number. */
    public int maxArgs() {
        for (String w : words()) {
            if (w.replace("]", "").endsWith("...")) {
                return -1;
            }
        }
        return words().length;
    }

    private static int leading(String s, char c) {
        int n = 0;
        while (n < s.length() && s.charAt(n) == c) {
            n++;
        }
        return n;
    }

    private static int trailing(String s, char c) {
        int n = 0;
        while (n < s.length() && s.charAt(s.length() - 1 - n) == c) {
            n++;
        }
        return n;
    }

    /** The line as the operator should write it, for messages. */
    public String example() {
        String line = usage.isEmpty() ? name : name + " " + usage;
        return block == BlockUse.REQUIRED ? line + " { ... }" : line;
    }
}
