package io.hakeeper.common.config.grammar;

import io.hakeeper.common.config.SourcePos;
import io.hakeeper.common.config.syntax.Statement;
import io.hakeeper.common.config.syntax.Token;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The arguments of one line, with typed accessors. A bad value throws {@link BadArgument}, which
 * the reader turns into a {@code file:line:col} error naming the keyword and the allowed values.
 */
public final class Args {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,6})?");

    private final Statement statement;
    private final List<Token> tokens;
    private final String owner;
    private final BlockReader reader;

    Args(Statement statement, List<Token> tokens, String owner, BlockReader reader) {
        this.statement = statement;
        this.tokens = tokens;
        this.owner = owner;
        this.reader = reader;
    }

    public Statement statement() {
        return statement;
    }

    public SourcePos pos() {
        return statement.pos();
    }

    public SourcePos pos(int i) {
        return i < tokens.size() ? tokens.get(i).pos() : statement.pos();
    }

    public int count() {
        return tokens.size();
    }

    public boolean has(int i) {
        return i < tokens.size();
    }

    public String word(int i) {
        return tokens.get(i).text();
    }

    /** Arguments from {@code i} on, as strings (a command line, a list). */
    public List<String> from(int i) {
        return tokens.subList(Math.min(i, tokens.size()), tokens.size()).stream().map(Token::text).toList();
    }

    /**
     * A command line: {@code script "/path/x.sh arg"} and {@code script /path/x.sh arg} both give
     * {@code [/path/x.sh, arg]}; a single quoted value is split on spaces, as keepalived does.
     */
    public List<String> command(int i) {
        List<String> words = from(i);
        if (words.size() == 1 && tokens.get(i).is(Token.Kind.QUOTED)) {
            return Arrays.stream(words.get(0).trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        }
        return words;
    }

    public int integer(int i, long min, long max) {
        String w = word(i);
        if (!INTEGER.matcher(w).matches()) {
            throw bad(i, "invalid number '" + w + "' for '" + owner + "'; expected an integer"
                    + range(min, max));
        }
        long v = Long.parseLong(w);
        if (v < min || v > max) {
            throw bad(i, "'" + owner + "' " + w + " is out of range; use an integer" + range(min, max));
        }
        return (int) v;
    }

    /** A number of seconds that may have a fraction ({@code advert_int 0.5}), in milliseconds. */
    public int secondsAsMillis(int i, int minMs, int maxMs) {
        String w = word(i);
        String shown = " from " + seconds(minMs) + " to " + seconds(maxMs) + " seconds";
        if (!DECIMAL.matcher(w).matches()) {
            throw bad(i, "invalid number '" + w + "' for '" + owner + "'; expected seconds" + shown);
        }
        long ms = Math.round(Double.parseDouble(w) * 1000);
        if (ms < minMs || ms > maxMs) {
            throw bad(i, "'" + owner + "' " + w + " is out of range; use" + shown);
        }
        return (int) ms;
    }

    private static String seconds(int ms) {
        return ms % 1000 == 0 ? Integer.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }

    private static String range(long min, long max) {
        return max == Integer.MAX_VALUE ? " of at least " + min : " from " + min + " to " + max;
    }

    /** A value from a fixed set, compared without case; returns it as listed in {@code allowed}. */
    public String oneOf(int i, List<String> allowed) {
        String w = word(i);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(w)) {
                return a;
            }
        }
        String hint = Suggest.nearest(w, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
        throw bad(i, "unknown value '" + w + "' for '" + owner + "'" + hint + "; use one of "
                + String.join(", ", allowed));
    }

    public <E extends Enum<E>> E choice(int i, Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        return Enum.valueOf(type, oneOf(i, names).toUpperCase(Locale.ROOT));
    }

    public IpLiteral address(int i) {
        String w = word(i);
        return IpLiteral.parse(w).orElseThrow(() -> bad(i, "invalid IP address '" + w + "' for '" + owner
                + "'; write an IPv4 address like 192.168.1.10 or an IPv6 address like 2001:db8::10"));
    }

    public int port(int i) {
        return integer(i, 0, 65535);
    }

    /** Whether argument {@code i} is the word {@code flag} (e.g. {@code reverse}). */
    public boolean isWord(int i, String flag) {
        return has(i) && word(i).equals(flag);
    }

    /** Fails unless argument {@code i} is {@code expected}. */
    public void expect(int i, String expected, String usage) {
        if (!isWord(i, expected)) {
            throw bad(i, "expected '" + expected + "' but found '" + (has(i) ? word(i) : "end of line")
                    + "'; write '" + usage + "'");
        }
    }

    /** Reads this line's block with {@code spec} into {@code builder} and returns the builder. */
    public <C> C block(BlockSpec<C> spec, C builder) {
        reader.read(statement.block() == null ? List.of() : statement.block(), spec, builder);
        return builder;
    }

    /** Like {@link #block} but the builder is made only when the line has a block. */
    public <C> C blockOr(BlockSpec<C> spec, Supplier<C> builder) {
        C b = builder.get();
        return statement.hasBlock() ? block(spec, b) : b;
    }

    public BadArgument bad(int i, String message) {
        return new BadArgument(pos(i), message);
    }

    public void warn(String message) {
        reader.warning(statement.pos(), message);
    }

    public void warn(int i, String message) {
        reader.warning(pos(i), message);
    }
}
