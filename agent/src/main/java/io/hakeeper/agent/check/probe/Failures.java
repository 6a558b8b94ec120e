package io.hakeeper.agent.check.probe;

import java.io.EOFException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Which {@link FailureReason} a socket error is: the kernel's errno, as Java reports it, mapped once. */
final class Failures {

    private Failures() {
    }

    static FailureReason reasonOf(Throwable e) {
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof PortUnreachableException) {
            return FailureReason.REFUSED; // ICMP port unreachable on a connected datagram socket
        }
        if (e instanceof BindException || e instanceof UnresolvedAddressException) {
            return FailureReason.LOCAL_ERROR;
        }
        if (e instanceof NoRouteToHostException) {
            return FailureReason.REFUSED; // EHOSTUNREACH: ICMP host unreachable or no ARP answer
        }
        if (e instanceof ConnectException) {
            // ECONNREFUSED is an RST to our SYN; ENETUNREACH is our routing table's answer.
            return msg.contains("refused") ? FailureReason.REFUSED
                    : msg.contains("timed out") ? FailureReason.TIMEOUT : FailureReason.LOCAL_ERROR;
        }
        if (e instanceof EOFException || msg.contains("reset") || msg.contains("broken pipe")) {
            return FailureReason.RESET;
        }
        if (e instanceof SSLException) {
            return FailureReason.BAD_REPLY;
        }
        if (e instanceof SocketException && (msg.contains("too many open files") || msg.contains("network is unreachable"))) {
            return FailureReason.LOCAL_ERROR;
        }
        return FailureReason.LOCAL_ERROR;
    }

    static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
