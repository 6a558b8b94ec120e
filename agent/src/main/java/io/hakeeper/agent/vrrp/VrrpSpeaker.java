package io.hakeeper.agent.vrrp;

import io.hakeeper.common.vrrp.DecodeResult;
import io.hakeeper.common.vrrp.Finding;
import io.hakeeper.common.vrrp.IpFamily;
import io.hakeeper.common.vrrp.RxContext;
import io.hakeeper.common.vrrp.VrrpAction;
import io.hakeeper.common.vrrp.VrrpDecoder;
import io.hakeeper.common.vrrp.VrrpEncoder;
import io.hakeeper.common.vrrp.VrrpExpectation;
import io.hakeeper.common.vrrp.VrrpInput;
import io.hakeeper.common.vrrp.VrrpMachine;
import io.hakeeper.common.vrrp.VrrpState;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vrrp_instance on the wire: a {@link VrrpMachine} driven by a monotonic clock, a
 * {@link VrrpTransport} (raw sockets), and a listener for the facts the machine reports.
 *
 * <p>Lifecycle, as Curator recipes: {@link #start()} opens the sockets (in the calling thread's
 * network namespace) and starts listening (BACKUP); {@link #advertise}, {@link #stopAdvertising},
 * {@link #setPriority} and {@link #fault} are the fence's commands; {@link #close()} stops
 * everything without a priority-0 advert (call {@code stopAdvertising(true)} first for a graceful
 * hand-over). Commands return once the machine has applied them and any advert they cause has been
 * handed to the kernel.
 *
 * <p>Threads: one loop owns the machine, sleeps until the machine's deadline or the next input and
 * sends adverts; one receives and decodes, counting every drop by reason (logged at most once per
 * reason per {@link #LOG_PERIOD}); one delivers listener calls, so a slow listener never delays an
 * advert. A flood of valid adverts is bounded by a queue; the excess is counted as overflow.
 */
public final class VrrpSpeaker implements AutoCloseable {

    /** Curator-style lifecycle of the speaker object itself. */
    public enum Lifecycle { LATENT, STARTED, CLOSED }

    /** Opens the transport for a config; the default opens raw sockets. */
    @FunctionalInterface
    public interface TransportOpener {
        VrrpTransport open(SpeakerConfig config, LongSupplier clock) throws IOException;
    }

    /** Logged at most once per reason per period. */
    public static final Duration LOG_PERIOD = Duration.ofSeconds(10);
    /** Valid adverts waiting for the loop; more than this during a flood are counted and dropped. */
    static final int INBOX_CAPACITY = 1024;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long before a deadline the loop stops sleeping and spins: a little over one timer tick at
     * HZ=1000, so the wake-up lands on time; at most 0.2% of a core at one advert per second.
     */
    private static final long SPIN_NANOS = 2_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(VrrpSpeaker.class);

    private final SpeakerConfig config;
    private final VrrpSpeakerListener listener;
    private final LongSupplier clock;
    private final TransportOpener opener;
    private final VrrpMachine machine;
    private final VrrpExpectation expectation;
    private final SpeakerCounters counters = new SpeakerCounters();
    private final RateLimitedLog rateLimited;
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>(INBOX_CAPACITY);
    private final ExecutorService events;
    private volatile Lifecycle lifecycle = Lifecycle.LATENT;
    private volatile VrrpState state = VrrpState.INIT;
    private volatile InetAddress currentMaster;
    private volatile boolean running;
    private VrrpTransport transport;
    private Thread loop;
    private Thread receiver;

    public VrrpSpeaker(SpeakerConfig config, VrrpSpeakerListener listener) {
        this(config, listener, System::nanoTime, RawVrrpSocket::forSpeaker);
    }

    /**
     * @param clock  monotonic nanoseconds; every deadline is measured on it
     * @param opener opens the transport at {@link #start()}
     */
    public VrrpSpeaker(SpeakerConfig config, VrrpSpeakerListener listener, LongSupplier clock, TransportOpener opener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.machine = new VrrpMachine(config.machine());
        this.expectation = config.machine().expectation(config.unicast());
        this.rateLimited = new RateLimitedLog(LOG, LOG_PERIOD.toNanos(), clock);
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, "vrrp-" + config.instance() + "-events"));
    }

    // ---- lifecycle ----

    /**
     * Opens the sockets and starts listening: the machine goes to BACKUP and master-down detection
     * runs. Sockets belong to the calling thread's network namespace.
     *
     * @throws IOException if the interface, its address or the raw sockets cannot be had; the
     *                     speaker is then closed
     */
    public synchronized void start() throws IOException {
        if (lifecycle != Lifecycle.LATENT) {
            throw new IllegalStateException("start() on a speaker that is " + lifecycle);
        }
        try {
            transport = opener.open(config, clock);
        } catch (IOException | RuntimeException e) {
            lifecycle = Lifecycle.CLOSED;
            events.shutdown();
            throw e;
        }
        running = true;
        lifecycle = Lifecycle.STARTED;
        loop = daemon(this::runLoop, "vrrp-" + config.instance() + "-loop");
        receiver = daemon(this::runReceiver, "vrrp-" + config.instance() + "-rx");
        loop.start();
        receiver.start();
        command(VrrpInput.BecomeBackup::new);
        LOG.info("vrrp_instance {}: VRRPv{} VRID {} on {} from {} to {}, listening", config.instance(),
                config.machine().version(), config.machine().vrid(), config.interfaceName(),
                transport.source().getHostAddress(), literals(config.destinations()));
    }

    /** Stops both threads and closes the sockets, without a priority-0 advert. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (lifecycle == Lifecycle.CLOSED) {
                return;
            }
            if (lifecycle == Lifecycle.LATENT) {
                lifecycle = Lifecycle.CLOSED;
                events.shutdown();
                return;
            }
            lifecycle = Lifecycle.CLOSED;
        }
        try {
            submit(VrrpInput.Stop::new).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("vrrp_instance {}: stopping the state machine: {}", config.instance(), e.toString());
        }
        running = false;
        join(loop);
        join(receiver);
        transport.close();
        events.shutdown();
        try {
            events.awaitTermination(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- commands from the fence ----

    /** Become MASTER (if not already) and advertise at {@code priority} (1-255); the first advert goes at once. */
    public void advertise(int priority) {
        command(now -> new VrrpInput.BecomeMaster(now, priority));
    }

    /**
     * Stop advertising and listen. With {@code sendPriorityZero}, a master sends one priority-0 advert
     * first so backups take over after Skew_Time (RFC 3768 section 6.4.3); without it, they wait
     * Master_Down_Interval as if we had crashed.
     */
    public void stopAdvertising(boolean sendPriorityZero) {
        command(sendPriorityZero ? VrrpInput.Release::new : VrrpInput.BecomeBackup::new);
    }

    /** Our effective priority (1-255): carried by the next advert and used for Skew_Time. */
    public void setPriority(int priority) {
        command(now -> new VrrpInput.SetPriority(now, priority));
    }

    /** Ineligible: a master sends priority 0; then neither adverts nor master-down detection. */
    public void fault() {
        command(VrrpInput.Fault::new);
    }

    // ---- inspection ----

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /** The VRRP state, as of the last input the machine applied. */
    public VrrpState state() {
        return state;
    }

    /** The member currently advertising as master, as far as we heard. */
    public Optional<InetAddress> currentMaster() {
        return Optional.ofNullable(currentMaster);
    }

    public VrrpCounters counters() {
        return counters.snapshot();
    }

    public SpeakerConfig config() {
        return config;
    }

    /** The address our adverts come from; null before {@link #start()}. */
    public InetAddress sourceAddress() {
        VrrpTransport t = transport;
        return t == null ? null : t.source();
    }

    /** Master_Down_Interval at our current priority and the master's interval, in nanoseconds. */
    public long masterDownIntervalNanos() {
        return machine.masterDownIntervalNanos();
    }

    /** Log lines the rate limiter let through; for tests that check a flood is not logged per packet. */
    long rateLimitedLogLines() {
        return rateLimited.linesLogged();
    }

    // ---- the loop: owns the machine ----

    private void command(LongFunction<VrrpInput> input) {
        if (lifecycle != Lifecycle.STARTED) {
            throw new IllegalStateException("vrrp_instance " + config.instance() + ": speaker is " + lifecycle);
        }
        try {
            submit(input).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the VRRP loop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("vrrp_instance " + config.instance() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("vrrp_instance " + config.instance() + ": the VRRP loop did not answer in "
                    + COMMAND_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private CompletableFuture<Void> submit(LongFunction<VrrpInput> input) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                apply(input.apply(clock.getAsLong()), OptionalLong.empty());
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        try {
            inbox.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    private void runLoop() {
        while (running) {
            try {
                OptionalLong deadline = machine.deadline();
                long now = clock.getAsLong();
                if (deadline.isPresent() && now - deadline.getAsLong() >= 0) {
                    apply(new VrrpInput.Tick(now), deadline);
                    continue;
                }
                Runnable next;
                if (deadline.isPresent() && deadline.getAsLong() - now <= SPIN_NANOS) {
                    // The last stretch before a deadline is spun, not slept: a timed park may wake a
                    // whole timer tick late, which would show up as advert jitter.
                    next = inbox.poll();
                    if (next == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                } else {
                    long wait = deadline.isPresent() ? deadline.getAsLong() - now - SPIN_NANOS
                            : config.receiveTimeout().toNanos();
                    next = inbox.poll(wait, TimeUnit.NANOSECONDS);
                }
                if (next != null) {
                    next.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A bug must not stop adverts for good; say so loudly, once per kind.
                rateLimited.warn("loop:" + e.getClass().getName(), () -> "vrrp_instance " + config.instance()
                        + ": VRRP loop error: " + e);
            }
        }
    }

    /** Runs one input through the machine and carries out its actions, on the loop thread. */
    private void apply(VrrpInput input, OptionalLong firedDeadline) {
        List<VrrpAction> actions = machine.on(input);
        long now = input.now();
        for (VrrpAction action : actions) {
            if (action instanceof VrrpAction.SendAdvert send) {
                sendAdvert(send);
                if (firedDeadline.isPresent()) {
                    counters.lateness(clock.getAsLong() - firedDeadline.getAsLong());
                }
            } else if (action instanceof VrrpAction.StateChanged changed) {
                state = changed.to();
                LOG.info("vrrp_instance {}: {} -> {}", config.instance(), changed.from(), changed.to());
                report(() -> listener.stateChanged(changed.from(), changed.to(), now));
            } else if (action instanceof VrrpAction.MasterSilent silent) {
                counters.masterSilent.incrementAndGet();
                LOG.info("vrrp_instance {}: master down timer expired (Master_Down_Interval {} ms, last master {});"
                        + " a fact for the fence, not a claim", config.instance(), silent.masterDownIntervalNanos() / 1_000_000,
                        silent.lastMaster() == null ? "none" : silent.lastMaster().getHostAddress());
                report(() -> listener.masterSilent(silent.masterDownIntervalNanos(), silent.lastMaster(), now));
            } else if (action instanceof VrrpAction.MasterSeen seen) {
                report(() -> listener.masterSeen(seen.source(), seen.priority(), now));
            } else if (action instanceof VrrpAction.ConflictingMaster conflict) {
                counters.conflicts.incrementAndGet();
                rateLimited.warn("conflict", () -> "vrrp_instance " + config.instance() + ": we are MASTER and member "
                        + conflict.source().getHostAddress() + " advertises VRID " + config.machine().vrid()
                        + " at priority " + conflict.priority());
                report(() -> listener.conflictingMaster(conflict.source(), conflict.priority(), now));
            } else if (action instanceof VrrpAction.ForeignRouter foreign) {
                counters.foreign(foreign.source());
                rateLimited.warn("foreign", () -> "vrrp_instance " + config.instance() + ": "
                        + foreign.source().getHostAddress() + " advertises VRID " + config.machine().vrid()
                        + " at priority " + foreign.priority() + " but is no member of this cluster (a keepalived"
                        + " still running?); ignored");
                report(() -> listener.foreignRouter(foreign.source(), foreign.priority(), now));
            } else if (action instanceof VrrpAction.PriorityZeroSeen zero) {
                counters.priorityZeroSeen.incrementAndGet();
                report(() -> listener.priorityZeroSeen(zero.source(), now));
            }
        }
        currentMaster = machine.currentMaster().orElse(null);
    }

    private void sendAdvert(VrrpAction.SendAdvert send) {
        InetAddress source = transport.source();
        for (InetAddress destination : config.destinations()) {
            byte[] message = VrrpEncoder.encode(send.advert(), source, destination);
            try {
                transport.send(message, destination);
                counters.sent.incrementAndGet();
            } catch (IOException e) {
                counters.sendErrors.incrementAndGet();
                rateLimited.warn("send", () -> "vrrp_instance " + config.instance() + ": " + e.getMessage());
            }
        }
    }

    private void report(Runnable call) {
        try {
            events.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    LOG.warn("vrrp_instance {}: listener failed: {}", config.instance(), e.toString(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // close() is shutting the event thread down; late facts have no one to go to
        }
    }

    // ---- the receiver: decode, count, hand valid adverts to the loop ----

    private void runReceiver() {
        while (running) {
            InboundPacket packet;
            try {
                packet = transport.receive();
            } catch (IOException e) {
                if (running) {
                    rateLimited.warn("receive", () -> "vrrp_instance " + config.instance() + ": " + e.getMessage());
                }
                continue;
            }
            if (packet == null) {
                continue;
            }
            try {
                handle(packet);
            } catch (RuntimeException e) {
                rateLimited.warn("handle:" + e.getClass().getName(), () -> "vrrp_instance " + config.instance()
                        + ": dropped a packet from " + packet.source().getHostAddress() + " on an internal error: " + e);
            }
        }
    }

    private void handle(InboundPacket packet) {
        if (packet.source().equals(transport.source())) {
            return; // our own advert looped back (unicast to ourselves); not traffic from the link
        }
        counters.received.incrementAndGet();
        DecodeResult result = decode(packet);
        if (result instanceof DecodeResult.Rejected rejected) {
            counters.dropped(rejected.reason());
            rateLimited.warn("drop:" + rejected.reason(), () -> "vrrp_instance " + config.instance() + ": dropped a "
                    + "packet from " + packet.source().getHostAddress() + " on " + config.interfaceName() + ": "
                    + rejected.describe());
            return;
        }
        counters.accepted.incrementAndGet();
        for (Finding finding : ((DecodeResult.Ok) result).findings()) {
            rateLimited.info("finding:" + finding.kind(), () -> "vrrp_instance " + config.instance() + ": advert from "
                    + packet.source().getHostAddress() + ": " + finding.describe());
        }
        InetAddress source = packet.source();
        Runnable task = () -> apply(new VrrpInput.Received(clock.getAsLong(), source, result), OptionalLong.empty());
        if (!inbox.offer(task)) {
            counters.overflows.incrementAndGet();
            rateLimited.warn("overflow", () -> "vrrp_instance " + config.instance() + ": more than " + INBOX_CAPACITY
                    + " adverts waiting; dropping (a flood?)");
        }
    }

    private DecodeResult decode(InboundPacket packet) {
        byte[] data = packet.data();
        if (packet.family() == IpFamily.IPV4) {
            return VrrpDecoder.decodeIpv4Packet(data, 0, data.length, expectation);
        }
        // Without IPV6_PKTINFO or IPV6_HOPLIMIT (never on Linux with the options set) assume the group
        // and a hop limit of 0, so the packet is dropped as BAD_TTL rather than trusted.
        InetAddress destination = packet.destination() != null ? packet.destination()
                : config.machine().family().multicastGroup();
        int hopLimit = Math.max(0, packet.hopLimit());
        return VrrpDecoder.decode(data, 0, data.length, new RxContext(packet.source(), destination, hopLimit),
                expectation);
    }

    // ---- helpers ----

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(COMMAND_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("vrrp_instance {}: thread {} did not stop in {} s", config.instance(), t.getName(),
                    COMMAND_TIMEOUT.toSeconds());
        }
    }

    private static String literals(List<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).toList().toString();
    }
}
