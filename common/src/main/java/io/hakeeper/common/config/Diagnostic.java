package io.hakeeper.common.config;

/**
 * One finding about a config file. Errors stop {@code haagent run}; warnings are printed and
 * tolerated. The message says what is wrong and how to fix it.
 */
public record Diagnostic(Severity severity, SourcePos pos, String message) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(SourcePos pos, String message) {
        return new Diagnostic(Severity.ERROR, pos, message);
    }

    public static Diagnostic warning(SourcePos pos, String message) {
        return new Diagnostic(Severity.WARNING, pos, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: message}, with {@code warning: } before warnings, as compilers print them. */
    public String format() {
        return pos + ": " + (isError() ? "" : "warning: ") + message;
    }
}
