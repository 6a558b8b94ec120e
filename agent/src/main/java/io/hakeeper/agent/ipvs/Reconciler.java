package io.hakeeper.agent.ipvs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the table we want and the table the kernel has into the requests that make the kernel's
 * match ours. Pure: no netlink, no clock; the agent dumps the kernel, calls {@link #diff}, and
 * sends the ops in {@link #batches}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Ownership.</b> Only services in {@code owned} or in {@code desired} are touched. A
 *       service somebody added with ipvsadm is left alone, destinations and all. The agent passes
 *       the keys of the config it is applying plus those of the config it applied before, so a
 *       service removed from the config on reload is deleted, while one that was never ours is
 *       not. Within an owned service, every destination is ours: extra ones are removed.</li>
 *   <li><b>Drift.</b> Nothing is assumed about the kernel: an owned service that is missing
 *       (ipvsadm -D, -C) is created with all its destinations; one whose scheduler, flags,
 *       timeout or netmask changed is edited; destinations missing, extra or changed are added,
 *       removed or edited.</li>
 *   <li><b>Minimal.</b> One op per difference and none where there is none. Scheduler, flags,
 *       persistence and every destination attribute are edited in place (SET_SERVICE /
 *       SET_DEST keep connections and counters). Only a key change, which the kernel cannot
 *       edit, is a delete and a create, and since the key is the identity that is simply the old
 *       service deleted and the new one created. Deleting a service drops its destinations, so
 *       no DeleteDest precedes a DeleteService.</li>
 *   <li><b>Order.</b> Services in key order; per service: the service op first (a destination
 *       needs its service), then new destinations, edited ones, and removed ones last, so a
 *       service never runs empty while one set of destinations replaces another (a sorry server
 *       swapped in for the real servers is added before they go).</li>
 *   <li><b>Idempotent.</b> Applying the ops to {@code actual} yields {@code desired} on the
 *       managed keys and {@code actual} elsewhere, so a second diff is empty.</li>
 * </ul>
 */
public final class Reconciler {

    private Reconciler() {
    }

    /** The ops that turn {@code actual} into {@code desired} on the services we own. */
    public static List<IpvsOp> diff(IpvsTable desired, IpvsTable actual, Set<IpvsServiceKey> owned) {
        TreeSet<IpvsServiceKey> keys = new TreeSet<>(desired.keys());
        for (IpvsServiceKey k : actual.keys()) {
            if (owned.contains(k)) {
                keys.add(k);
            }
        }
        List<IpvsOp> ops = new ArrayList<>();
        for (IpvsServiceKey key : keys) {
            service(desired.entry(key), actual.entry(key), ops);
        }
        return ops;
    }

    private static void service(IpvsServiceEntry want, IpvsServiceEntry have, List<IpvsOp> ops) {
        if (want == null) {
            ops.add(new IpvsOp.DeleteService(have.key()));
            return;
        }
        IpvsServiceKey key = want.key();
        if (have == null) {
            ops.add(new IpvsOp.NewService(want.service()));
            for (IpvsDestination d : want.destinations().values()) {
                ops.add(new IpvsOp.NewDest(key, d));
            }
            return;
        }
        if (!want.service().equals(have.service())) {
            ops.add(new IpvsOp.EditService(have.service(), want.service()));
        }
        List<IpvsOp> edits = new ArrayList<>();
        for (IpvsDestination d : want.destinations().values()) {
            IpvsDestination current = have.destination(d.key());
            if (current == null) {
                ops.add(new IpvsOp.NewDest(key, d));
            } else if (!current.equals(d)) {
                edits.add(new IpvsOp.EditDest(key, current, d));
            }
        }
        ops.addAll(edits);
        for (IpvsDestination d : have.destinations().values()) {
            if (want.destination(d.key()) == null) {
                ops.add(new IpvsOp.DeleteDest(key, d));
            }
        }
    }

    /**
     * Splits {@code ops} into batches of about {@code size} ops that are each valid on their own.
     *
     * <p>The rule: <b>all ops on one service go into the same batch</b>, in their original order,
     * and a batch holds whole services until adding the next service would take it past
     * {@code size}. A service with more than {@code size} ops gets a batch to itself rather than
     * being split. IPVS services are independent of each other (no request on one service looks
     * at another), so each batch applies to the table as it was before any batch, in any order,
     * and a batch that fails leaves every other batch applicable. A service is never left
     * created without its destinations, or half-switched between two sets of them, between batches.
     *
     * @param size the target number of ops per batch, at least 1
     */
    public static List<List<IpvsOp>> batches(List<IpvsOp> ops, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one op, not " + size);
        }
        Map<IpvsServiceKey, List<IpvsOp>> byService = new LinkedHashMap<>();
        for (IpvsOp op : ops) {
            byService.computeIfAbsent(op.serviceKey(), k -> new ArrayList<>()).add(op);
        }
        List<List<IpvsOp>> batches = new ArrayList<>();
        List<IpvsOp> current = new ArrayList<>();
        for (List<IpvsOp> group : byService.values()) {
            if (!current.isEmpty() && current.size() + group.size() > size) {
                batches.add(List.copyOf(current));
                current = new ArrayList<>();
            }
            current.addAll(group);
        }
        if (!current.isEmpty()) {
            batches.add(List.copyOf(current));
        }
        return List.copyOf(batches);
    }
}
