package io.hakeeper.lab.netns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Who held the VIP when: ADDED and REMOVED events per node, from one netlink socket that hears
 * every director's namespace in the kernel's order ({@link AddressWatch}), stamped on CLOCK_MONOTONIC. Answers the fence's questions: was there ever an
 * instant with two holders, and when did a node gain or lose the VIP.
 */
public final class VipTimeline {

    public record Event(String node, boolean added, long nanos) {
    }

    /** [start, end) on the monotonic clock; end is Long.MAX_VALUE while still held. */
    public record Interval(String node, long start, long end) {
    }

    private final List<Event> events = new ArrayList<>();

    public synchronized void added(String node, long nanos) {
        events.add(new Event(node, true, nanos));
        notifyAll();
    }

    public synchronized void removed(String node, long nanos) {
        events.add(new Event(node, false, nanos));
        notifyAll();
    }

    public synchronized List<Interval> intervals() {
        Map<String, Long> open = new TreeMap<>();
        List<Interval> out = new ArrayList<>();
        for (Event e : events) {
            if (e.added()) {
                open.putIfAbsent(e.node(), e.nanos());
            } else {
                Long start = open.remove(e.node());
                if (start != null) {
                    out.add(new Interval(e.node(), start, e.nanos()));
                }
            }
        }
        open.forEach((n, s) -> out.add(new Interval(n, s, Long.MAX_VALUE)));
        return out;
    }

    /** The longest time two different nodes held the VIP at once, in nanoseconds (0 = never). */
    public synchronized long longestOverlapNanos() {
        List<Interval> all = intervals();
        long worst = 0;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Interval a = all.get(i);
                Interval b = all.get(j);
                if (!a.node().equals(b.node())) {
                    worst = Math.max(worst, Math.min(a.end(), b.end()) - Math.max(a.start(), b.start()));
                }
            }
        }
        return worst;
    }

    public synchronized boolean holds(String node) {
        return intervals().stream().anyMatch(i -> i.node().equals(node) && i.end() == Long.MAX_VALUE);
    }

    public synchronized OptionalLong firstAddedAfter(String node, long nanos) {
        return events.stream().filter(e -> e.added() && e.node().equals(node) && e.nanos() >= nanos)
                .mapToLong(Event::nanos).min().stream().mapToObj(OptionalLong::of).findFirst()
                .orElse(OptionalLong.empty());
    }

    public synchronized OptionalLong firstRemovedAfter(String node, long nanos) {
        return events.stream().filter(e -> !e.added() && e.node().equals(node) && e.nanos() >= nanos)
                .mapToLong(Event::nanos).min().stream().mapToObj(OptionalLong::of).findFirst()
                .orElse(OptionalLong.empty());
    }

    /**
     * Starts one {@link AddressWatch} over the namespaces in {@code namespaceByNode} that records
     * the VIP's additions and removals in each as that node's, in the kernel's order. The caller
     * closes it.
     */
    public AddressWatch watch(Map<String, String> namespaceByNode, InetAddress vip) throws IOException {
        return new AddressWatch(namespaceByNode, (node, address, added, nanos) -> {
            if (!address.equals(vip)) {
                return;
            }
            if (added) {
                added(node, nanos);
            } else {
                removed(node, nanos);
            }
        });
    }

    /** Waits (on this timeline's monitor, woken by every event) until {@code condition} or the deadline. */
    public synchronized boolean await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder();
        long t0 = events.isEmpty() ? 0 : events.get(0).nanos();
        for (Event e : events) {
            sb.append(String.format("%+9.3f s %s %s%n", (e.nanos() - t0) / 1e9, e.node(), e.added() ? "ADDED" : "REMOVED"));
        }
        return sb.toString();
    }
}
