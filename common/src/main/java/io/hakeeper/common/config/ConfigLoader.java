package io.hakeeper.common.config;

import io.hakeeper.common.config.TopGrammar.ConfigDraft;
import io.hakeeper.common.config.grammar.BlockReader;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.syntax.Parser;
import io.hakeeper.common.config.syntax.Statement;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads keepalived.conf (plus our extensions) into a validated {@link KeepalivedConfig}.
 * Every problem in the file is reported, not just the first.
 */
public final class ConfigLoader {

    /** CHECK reports facts about this host as warnings; RUN refuses them. */
    public enum Mode { CHECK, RUN }

    /** The model (null when there are errors) and every diagnostic, in file order. */
    public record Result(KeepalivedConfig config, List<Diagnostic> diagnostics) {

        public boolean ok() {
            return config != null;
        }

        public List<Diagnostic> errors() {
            return diagnostics.stream().filter(Diagnostic::isError).toList();
        }

        public List<Diagnostic> warnings() {
            return diagnostics.stream().filter(x -> !x.isError()).toList();
        }
    }

    private ConfigLoader() {
    }

    public static Result load(Path file, Mode mode, HostFacts host) {
        Diagnostics d = new Diagnostics();
        return finish(file.toString(), Parser.parseFile(file, d), d, mode, host);
    }

    /** Text that is not on disk (tests); includes resolve against {@code file}'s folder. */
    public static Result loadText(Path file, String text, Mode mode, HostFacts host) {
        Diagnostics d = new Diagnostics();
        return finish(file.toString(), Parser.parseText(file, text, d), d, mode, host);
    }

    /** Loads for {@code haagent run}: host facts are errors; throws with every diagnostic. */
    public static KeepalivedConfig loadForRun(Path file, HostFacts host) throws ConfigException {
        Result r = load(file, Mode.RUN, host);
        if (!r.ok()) {
            throw new ConfigException(r.diagnostics());
        }
        return r.config();
    }

    private static Result finish(String source, List<Statement> statements, Diagnostics d, Mode mode,
                                 HostFacts host) {
        ConfigDraft draft = new ConfigDraft(source);
        new BlockReader(d, TopGrammar.ALL).read(statements, TopGrammar.TOP, draft);
        new ConfigValidator(draft, d, mode, host).validate();
        KeepalivedConfig config = d.hasErrors() ? null : draft.build();
        return new Result(config, d.sorted());
    }
}
