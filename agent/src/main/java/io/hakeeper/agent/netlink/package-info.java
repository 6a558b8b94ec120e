/**
 * The agent's netlink adapter, written by hand on jnr-ffi because no maintained Java netlink
 * library exists (DESIGN.md, "Kernel interfaces").
 *
 * <p>Two layers:
 * <ul>
 *   <li>Protocol-neutral core, reusable by a generic-netlink (IPVS) client: {@link
 *       io.hakeeper.agent.netlink.NetlinkSocket} (socket, timeouts, request/ack, dumps),
 *       {@link io.hakeeper.agent.netlink.NetlinkMessageBuilder} and
 *       {@link io.hakeeper.agent.netlink.NetlinkCodec} / {@link io.hakeeper.agent.netlink.NetlinkAttributes}
 *       (pure encode/decode), {@link io.hakeeper.agent.netlink.NetlinkException} (errno with advice),
 *       {@link io.hakeeper.agent.netlink.Netlink} (netlink.h constants),
 *       {@link io.hakeeper.agent.netlink.NetworkNamespace} (open sockets in another namespace).</li>
 *   <li>rtnetlink: {@link io.hakeeper.agent.netlink.RtNetlink} (links, addresses, lease renewal),
 *       {@link io.hakeeper.agent.netlink.RtNetlinkMonitor} (address/link events), the pure message
 *       classes {@link io.hakeeper.agent.netlink.AddressMessages} and
 *       {@link io.hakeeper.agent.netlink.LinkMessages}, records for what they carry, and header
 *       constants ({@code Rtnetlink}, {@code IfAddr}, {@code IfLink}).</li>
 * </ul>
 *
 * <p>Byte order: everything netlink is host order. Addresses inside attributes are network order
 * as {@link java.net.InetAddress#getAddress()} gives them.
 */
package io.hakeeper.agent.netlink;
