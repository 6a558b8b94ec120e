package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.netlink.IfAddr;
import io.hakeeper.agent.netlink.InterfaceAddress;
import io.hakeeper.common.vrrp.IpFamily;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which address adverts come from when the config names none: IPv4, the interface's primary
 * address (the first that is not secondary, as keepalived's {@code ifp->sin_addr}); IPv6, its
 * link-local address (RFC 5798 section 5.1.2.1). Our own virtual addresses never count, and
 * neither do IPv6 addresses still in or failed at duplicate address detection.
 */
final class SourceAddress {

    private SourceAddress() {
    }

    static Optional<InetAddress> choose(List<InterfaceAddress> onInterface, IpFamily family,
                                        Collection<InetAddress> virtualAddresses) {
        for (InterfaceAddress a : onInterface) {
            InetAddress address = a.address();
            if (IpFamily.of(address) != family || virtualAddresses.contains(address)) {
                continue;
            }
            if (family == IpFamily.IPV4) {
                if (!a.hasFlag(IfAddr.IFA_F_SECONDARY)) {
                    return Optional.of(address);
                }
            } else if (address.isLinkLocalAddress()
                    && !a.hasFlag(IfAddr.IFA_F_TENTATIVE) && !a.hasFlag(IfAddr.IFA_F_DADFAILED)) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }
}
