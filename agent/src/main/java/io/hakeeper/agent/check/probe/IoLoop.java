package io.hakeeper.agent.check.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns a NIO selector and a {@link TimerQueue}: every probe's socket and every
 * deadline of the checkers lives here, so a hanging server costs a registered channel and a timer,
 * never a thread. Everything but {@link #execute} and {@link #close} must be called on the loop
 * thread ({@link #inLoop()}).
 */
public final class IoLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IoLoop.class);
    /** Longest select when nothing is due: a bound on how late a clock that is not the JVM's can be noticed. */
    private static final long MAX_SELECT_MILLIS = 1000;


    /** Told when its channel is ready for the operations it registered. */
    public interface Ready {
        void ready(SelectionKey key);
    }

    private final Selector selector;
    private final TimerQueue timers = new TimerQueue();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final LongSupplier clock;
    private final Thread thread;
    private volatile boolean closed;

    /** @param nanoClock monotonic nanoseconds for every deadline (System::nanoTime in production) */
    public IoLoop(String name, LongSupplier nanoClock) {
        this.clock = nanoClock;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a NIO selector", e);
        }
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    public long now() {
        return clock.getAsLong();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, soon; callable from any thread. */
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Loop thread only. */
    public TimerQueue.Timer schedule(long dueNanos, Runnable action) {
        return timers.add(dueNanos, action);
    }

    /** Loop thread only. Registers {@code channel} (non-blocking) for {@code ops}. */
    public SelectionKey register(SelectableChannel channel, int ops, Ready handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    /**
     * Loop thread only. A timeout {@code delayNanos} from now: cheaper than {@link #schedule} when
     * many timers share a few delays (see {@link TimerQueue#addAfter}).
     */
    public TimerQueue.Timer scheduleAfter(long delayNanos, Runnable action) {
        return timers.addAfter(clock.getAsLong(), delayNanos, action);
    }

    /** Timers queued (cancelled ones included until they come due). */
    public int timersQueued() {
        return timers.size();
    }

    private void run() {
        while (!closed) {
            try {
                long wait = timers.nanosToNext(clock.getAsLong());
                if (!tasks.isEmpty() || wait == 0) {
                    selector.selectNow();
                } else {
                    long millis = wait < 0 ? MAX_SELECT_MILLIS : Math.min(MAX_SELECT_MILLIS, Math.max(1, (wait + 999_999) / 1_000_000));
                    selector.select(millis);
                }
                wakeupPending.set(false);
                dispatchReady();
                runTasks();
                timers.runDue(clock.getAsLong());
            } catch (Throwable t) {
                // A bug in one probe must not stop every check: log it and keep the loop turning.
                log.error("checker loop: unexpected error", t);
            }
        }
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing: nothing left to tell
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void dispatchReady() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (key.isValid()) {
                try {
                    ((Ready) key.attachment()).ready(key);
                } catch (RuntimeException e) {
                    log.error("checker loop: a probe failed handling its socket", e);
                }
            }
        }
    }

    private void runTasks() {
        Runnable task;
        int budget = 100_000; // tasks added while running wait for the next turn, after I/O and timers
        while (budget-- > 0 && (task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("checker loop: task failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
