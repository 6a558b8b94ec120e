/**
 * The VRRP speaker: adverts on the wire for one {@code vrrp_instance}, master-down detection, and
 * the facts the fence acts on (DESIGN.md, "VRRP's role").
 *
 * <ul>
 *   <li>{@link io.hakeeper.agent.vrrp.VrrpSpeaker}: the lifecycle object (start, advertise,
 *       stopAdvertising, setPriority, fault, close), driving the pure
 *       {@link io.hakeeper.common.vrrp.VrrpMachine} with a monotonic clock. Facts go to a
 *       {@link io.hakeeper.agent.vrrp.VrrpSpeakerListener}; counters are read as a
 *       {@link io.hakeeper.agent.vrrp.VrrpCounters} snapshot.</li>
 *   <li>{@link io.hakeeper.agent.vrrp.VrrpTransport}: send one message, receive one datagram.
 *       {@link io.hakeeper.agent.vrrp.RawVrrpSocket} is the real one: raw IPv4/IPv6 sockets for
 *       protocol 112 on jnr-ffi, set up with keepalived's socket options.</li>
 *   <li>{@link io.hakeeper.agent.vrrp.SpeakerConfig}: a configured instance as a speaker.</li>
 * </ul>
 *
 * <p>The speaker never makes an instance master by itself and never yields by itself: master
 * silence, conflicting masters and foreign routers are reported; the fence decides.
 */
package io.hakeeper.agent.vrrp;
