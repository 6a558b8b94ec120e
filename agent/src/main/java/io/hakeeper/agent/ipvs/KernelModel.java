package io.hakeeper.agent.ipvs;

import io.hakeeper.common.config.model.VirtualServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the kernel does with {@link IpvsOp}s, in memory: the same table changes, and the same
 * refusals, as net/netfilter/ipvs/ip_vs_ctl.c (ip_vs_genl_set_cmd, ip_vs_add_service,
 * ip_vs_edit_service, ip_vs_add_dest, ip_vs_edit_dest, ip_vs_del_dest). Tests check the
 * reconciler against it, and the agent's dry run shows its result. It does not model what needs
 * the rest of the host: routes ("address not unicast"), the sync daemon, or destinations the
 * kernel turns into {@code Local} because the address is the host's own.
 */
public final class KernelModel {

    private final Set<String> schedulers;

    /** A kernel where exactly {@code schedulers} can be bound (plus "none"). */
    public KernelModel(Set<String> schedulers) {
        this.schedulers = Set.copyOf(schedulers);
    }

    /** A kernel with every scheduler module upstream ships. */
    public static KernelModel stock() {
        return new KernelModel(Set.copyOf(VirtualServer.SCHEDULERS));
    }

    /** {@link #apply(List, IpvsTable)} on a {@link #stock()} kernel. */
    public static IpvsTable applyStock(List<? extends IpvsOp> ops, IpvsTable table) {
        return stock().apply(ops, table);
    }

    /**
     * The table after {@code ops}, applied in order.
     *
     * @throws IpvsOpRejectedException at the first op the kernel would refuse; as in the kernel,
     *                                 the ops before it have taken effect, but no table is returned
     */
    public IpvsTable apply(List<? extends IpvsOp> ops, IpvsTable table) {
        Map<IpvsServiceKey, IpvsServiceEntry> untouched = new HashMap<>(table.services());
        Map<IpvsServiceKey, Working> touched = new HashMap<>();
        for (IpvsOp op : ops) {
            IpvsServiceKey key = op.serviceKey();
            Working w = touched.get(key);
            if (w == null && untouched.containsKey(key)) {
                w = new Working(untouched.remove(key));
                touched.put(key, w);
            }
            Working after = step(op, w);
            if (after == null) {
                touched.remove(key);
            } else {
                touched.put(key, after);
            }
        }
        TreeMap<IpvsServiceKey, IpvsServiceEntry> out = new TreeMap<>(untouched);
        for (Working w : touched.values()) {
            out.put(w.service.key(), new IpvsServiceEntry(w.service, w.destinations));
        }
        return new IpvsTable(out);
    }

    /** The service after {@code op}; null when the op deleted it. {@code w} is null for a missing service. */
    private Working step(IpvsOp op, Working w) {
        // Java 17 has no pattern switch; IpvsOp is sealed, so this chain is exhaustive.
        if (op instanceof IpvsOp.NewService n) {
            if (w != null) {
                throw new IpvsOpRejectedException(op, IpvsErrno.EEXIST, "the service already exists");
            }
            requireScheduler(op, n.service());
            return new Working(n.service());
        }
        requireService(op, w);
        if (op instanceof IpvsOp.EditService e) {
            requireScheduler(op, e.to());
            w.service = e.to();
        } else if (op instanceof IpvsOp.DeleteService) {
            return null;
        } else if (op instanceof IpvsOp.NewDest n) {
            requireAcceptable(op, w.service, n.destination());
            if (w.destinations.containsKey(n.destination().key())) {
                throw new IpvsOpRejectedException(op, IpvsErrno.EEXIST, "the destination already exists");
            }
            w.destinations.put(n.destination().key(), n.destination());
        } else if (op instanceof IpvsOp.EditDest e) {
            requireAcceptable(op, w.service, e.to());
            requireDestination(op, w, e.to().key());
            w.destinations.put(e.to().key(), e.to());
        } else if (op instanceof IpvsOp.DeleteDest d) {
            requireDestination(op, w, d.destination().key());
            w.destinations.remove(d.destination().key());
        }
        return w;
    }

    private void requireScheduler(IpvsOp op, IpvsService s) {
        if (!s.scheduler().equals("none") && !schedulers.contains(s.scheduler())) {
            throw new IpvsOpRejectedException(op, IpvsErrno.ENOENT,
                    "scheduler '" + s.scheduler() + "' is not available (modprobe ip_vs_" + s.scheduler() + ")");
        }
    }

    private static void requireService(IpvsOp op, Working w) {
        if (w == null) {
            throw new IpvsOpRejectedException(op, IpvsErrno.ESRCH, "no such service");
        }
    }

    private static void requireDestination(IpvsOp op, Working w, DestinationKey key) {
        if (!w.destinations.containsKey(key)) {
            throw new IpvsOpRejectedException(op, IpvsErrno.ENOENT, "no such destination");
        }
    }

    /** The checks ip_vs_genl_set_cmd and ip_vs_add_dest/ip_vs_edit_dest make on a destination. */
    private static void requireAcceptable(IpvsOp op, IpvsService s, IpvsDestination d) {
        if (d.family() != s.key().family() && d.method() != ForwardingMethod.TUNNEL) {
            throw new IpvsOpRejectedException(op, IpvsErrno.EINVAL,
                    "only a tunnelled destination may differ from its service's address family");
        }
        if (Integer.toUnsignedLong(d.lowerThreshold()) > Integer.toUnsignedLong(d.upperThreshold())) {
            throw new IpvsOpRejectedException(op, IpvsErrno.ERANGE,
                    "lower threshold " + d.lowerThreshold() + " is above upper threshold " + d.upperThreshold());
        }
        if (d.method() == ForwardingMethod.TUNNEL && d.tunnel().type() == TunnelType.GUE && d.tunnel().port() == 0) {
            throw new IpvsOpRejectedException(op, IpvsErrno.EINVAL, "a GUE tunnel needs a port");
        }
    }

    /** A service being changed: mutable so a long op list costs one copy per service, not per op. */
    private static final class Working {
        IpvsService service;
        final TreeMap<DestinationKey, IpvsDestination> destinations;

        Working(IpvsService service) {
            this.service = service;
            this.destinations = new TreeMap<>();
        }

        Working(IpvsServiceEntry entry) {
            this.service = entry.service();
            this.destinations = new TreeMap<>(entry.destinations());
        }
    }
}
