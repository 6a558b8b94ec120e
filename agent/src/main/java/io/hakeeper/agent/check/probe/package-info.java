/**
 * The checkers' engine: one attempt per {@link io.hakeeper.agent.check.probe.Probe} call, many checks
 * on a shared timer, no thread per check (DESIGN.md, "IPVS and checkers").
 *
 * <ul>
 *   <li>{@link io.hakeeper.agent.check.probe.IoLoop}: one thread with a NIO selector and a
 *       {@link io.hakeeper.agent.check.probe.TimerQueue}; every socket and deadline lives there.</li>
 *   <li>{@link io.hakeeper.agent.check.probe.Probes}: the {@code Probe} for every checker type.
 *       Stream checks (TCP_CHECK, HTTP_GET, SSL_GET through an SSLEngine, SMTP_CHECK) are a
 *       {@code StreamSession} driving a pure {@code Dialogue}; DNS_CHECK and UDP_CHECK a
 *       {@code DatagramSession}; PING_CHECK an ICMP socket on the agent's libc binding
 *       ({@code Pinger}); MISC_CHECK a process watched through {@code Process.onExit()}.</li>
 *   <li>{@link io.hakeeper.agent.check.probe.LoopCheckRunner}: the
 *       {@link io.hakeeper.agent.check.probe.CheckRunner} on one loop, with a bound on attempts in
 *       flight (the fd budget) and counters for metrics.</li>
 * </ul>
 *
 * <p>Retries, delay_loop, alpha/omega and verdicts are not here: the runner's listener decides when
 * a check runs next. Wiring for the agent: one {@code IoLoop} (System::nanoTime), one
 * {@code Probes} with global_defs script_user, one {@code LoopCheckRunner} with a budget well under
 * the open-file limit; add each check at {@code now + spreadOffsetNanos(key, delay_loop)}.
 * MISC_CHECK without misc_timeout times out after the checker's delay_loop, so hand checkers over
 * with the virtual server's delay_loop resolved into their connection.
 */
package io.hakeeper.agent.check.probe;
