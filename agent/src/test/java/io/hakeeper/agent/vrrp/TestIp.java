package io.hakeeper.agent.vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address literals for tests; literals never cause a name lookup. */
final class TestIp {
    private TestIp() {
    }

    static InetAddress of(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(literal, e);
        }
    }
}
