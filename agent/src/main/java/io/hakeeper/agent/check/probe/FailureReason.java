package io.hakeeper.agent.check.probe;

/** Why an attempt failed; the metrics label ({@code hakeeper_check_failures_total{reason}}). */
public enum FailureReason {
    /** The connection was refused (RST to our SYN), or ICMP port/host unreachable. */
    REFUSED,
    /** No answer within the timeout: SYN unanswered, or the server accepted and went silent. */
    TIMEOUT,
    /** The server reset or closed the connection before a complete answer. */
    RESET,
    /** An HTTP status outside {@code status_code}. */
    BAD_STATUS,
    /** The body's MD5 differs from {@code digest}. */
    BAD_DIGEST,
    /** The body does not match {@code regex}. */
    BAD_BODY,
    /** A protocol answer we could not parse or did not expect (SMTP reply code, DNS rcode, TLS). */
    BAD_REPLY,
    /** MISC_CHECK's script exited 1 (or 2..255 without misc_dynamic), or was killed. */
    SCRIPT_FAILED,
    /** A local error: no route, bind failure, too many open files. */
    LOCAL_ERROR
}
