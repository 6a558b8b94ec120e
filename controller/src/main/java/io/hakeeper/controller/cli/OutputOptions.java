package io.hakeeper.controller.cli;

import picocli.CommandLine.Option;

/** {@code -o json} / {@code --json} on every command that prints state. */
public final class OutputOptions {

    /** Output formats; JSON follows hactl.schema.json ({@code hactl schema} prints it). */
    public enum Format { TEXT, JSON }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "text (default) or json; json follows the schema that 'hactl schema' prints")
    Format format = Format.TEXT;

    @Option(names = "--json", description = "Same as -o json.")
    boolean json;

    public boolean json() {
        return json || format == Format.JSON;
    }
}
