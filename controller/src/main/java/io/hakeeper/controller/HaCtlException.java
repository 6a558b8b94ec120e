package io.hakeeper.controller;

/**
 * A failure hactl reports to the user in one message, with the exit code that classifies it.
 * The message says what happened, where, and what to do; no stack trace is printed.
 */
public class HaCtlException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ExitCode exitCode;

    public HaCtlException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public HaCtlException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** An unknown instance or node, or a request that cannot make sense. */
    public static HaCtlException usage(String message) {
        return new HaCtlException(ExitCode.USAGE, message);
    }
}
