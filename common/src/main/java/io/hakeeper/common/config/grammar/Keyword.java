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

    /** Words outside brackets are required. */
    public int minArgs() {
        int n = 0;
        int depth = 0;
        for (String w : words()) {
            depth += count(w, '[');
            if (depth == 0) {
                n++;
            }
            depth -= count(w, ']');
        }
        return n;
    }

    /** The most arguments allowed; -1 when "..." allows any number. */
    public int maxArgs() {
        return usage.contains("...") ? -1 : words().length;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }

    /** The line as the operator should write it, for messages. */
    public String example() {
        String line = usage.isEmpty() ? name : name + " " + usage;
        return block == BlockUse.REQUIRED ? line + " { ... }" : line;
    }
}
