package io.hakeeper.common.config.grammar;

import io.hakeeper.common.config.Diagnostics;
import io.hakeeper.common.config.SourcePos;
import io.hakeeper.common.config.syntax.Statement;
import io.hakeeper.common.config.syntax.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies statements to a builder according to a {@link BlockSpec}: finds the keyword, checks
 * the number of arguments and the block, and reports every mistake with a fix. A bad line is
 * reported and skipped; the rest of the block is still read, so one run shows every error.
 */
public final class BlockReader {

    private final Diagnostics diagnostics;
    private final Collection<BlockSpec<?>> grammar;

    /** {@code grammar} is every block spec, to say where a misplaced keyword belongs. */
    public BlockReader(Diagnostics diagnostics, Collection<BlockSpec<?>> grammar) {
        this.diagnostics = diagnostics;
        this.grammar = grammar;
    }

    public <B> void read(List<Statement> statements, BlockSpec<B> spec, B builder) {
        Map<String, SourcePos> seen = new HashMap<>();
        for (Statement st : statements) {
            Keyword<B> kw = st.keyword().is(Token.Kind.WORD) ? spec.keyword(st.name()) : null;
            if (kw == null && spec.entry() != null) {
                entry(st, spec, builder);
                continue;
            }
            if (kw == null) {
                unknown(st, spec);
                continue;
            }
            if (!shapeOk(st, kw, spec)) {
                continue;
            }
            if (kw.note() != null) {
                diagnostics.warning(st.pos(), kw.note());
            }
            SourcePos first = seen.putIfAbsent(kw.name(), st.pos());
            if (first != null && !spec.isRepeatable(kw.name())) {
                diagnostics.warning(st.pos(), "'" + kw.name() + "' appears again " + spec.where()
                        + " (first at line " + first.line() + "); the last one wins, remove the other");
            }
            apply(kw.action(), builder, new Args(st, st.args(), kw.name(), this));
        }
    }

    private <B> void entry(Statement st, BlockSpec<B> spec, B builder) {
        if (st.hasBlock()) {
            diagnostics.error(st.pos(), "'" + st.name() + "' cannot open a block " + spec.where()
                    + "; each line is '" + spec.entryUsage() + "'");
            return;
        }
        List<Token> all = new ArrayList<>();
        all.add(st.keyword());
        all.addAll(st.args());
        apply(spec.entry(), builder, new Args(st, all, spec.name(), this));
    }

    private <B> void apply(Keyword.Action<B> action, B builder, Args args) {
        try {
            action.apply(builder, args);
        } catch (BadArgument e) {
            diagnostics.error(e.pos, e.getMessage());
        }
    }

    private <B> boolean shapeOk(Statement st, Keyword<B> kw, BlockSpec<B> spec) {
        int n = st.args().size();
        String fix = "; write '" + kw.example() + "'";
        if (n < kw.minArgs()) {
            diagnostics.error(st.pos(), "'" + kw.name() + "' is missing "
                    + (kw.minArgs() - n == 1 && n == 0 ? "its argument" : "an argument") + fix);
            return false;
        }
        if (kw.maxArgs() >= 0 && n > kw.maxArgs()) {
            Token extra = st.args().get(kw.maxArgs());
            diagnostics.error(extra.pos(), "unexpected '" + extra.text() + "' after '" + kw.name() + "': it takes "
                    + (kw.maxArgs() == 0 ? "no arguments" : "at most " + kw.maxArgs()
                    + (kw.maxArgs() == 1 ? " argument" : " arguments")) + fix);
            return false;
        }
        if (kw.block() == Keyword.BlockUse.REQUIRED && !st.hasBlock()) {
            diagnostics.error(st.pos(), "'" + kw.name() + "' needs a block" + fix);
            return false;
        }
        if (kw.block() == Keyword.BlockUse.NONE && st.hasBlock()) {
            diagnostics.error(st.pos(), "'" + kw.name() + "' does not open a block " + spec.where()
                    + "; remove the '{ ... }'");
            return false;
        }
        return true;
    }

    private <B> void unknown(Statement st, BlockSpec<B> spec) {
        String word = st.name();
        if (!word.isEmpty() && "$@~".indexOf(word.charAt(0)) >= 0) {
            diagnostics.error(st.pos(), "keepalived's '" + word.charAt(0) + "' parameter/conditional syntax is not"
                    + " supported by hakeeper; write the expanded lines instead");
            return;
        }
        TreeSet<String> homes = new TreeSet<>();
        for (BlockSpec<?> other : grammar) {
            if (other != spec && other.keyword(word) != null) {
                homes.add(other.name());
            }
        }
        if (!homes.isEmpty()) {
            diagnostics.error(st.pos(), "'" + word + "' is not allowed " + spec.where() + "; it belongs in "
                    + String.join(" or ", homes) + ", move it there");
            return;
        }
        String hint = Suggest.nearest(word, spec.keywords().keySet())
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("; see the config reference in README.md for what " + spec.name() + " accepts");
        diagnostics.error(st.pos(), "unknown keyword '" + word + "' " + spec.where() + hint);
    }

    void warning(SourcePos pos, String message) {
        diagnostics.warning(pos, message);
    }
}
