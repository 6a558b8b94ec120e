package io.hakeeper.agent.fence;

import io.hakeeper.agent.garp.GarpSender;
import io.hakeeper.agent.netlink.NetlinkException;
import io.hakeeper.agent.vrrp.SpeakerConfig;
import io.hakeeper.agent.vrrp.VrrpSpeaker;
import io.hakeeper.agent.vrrp.VrrpSpeakerListener;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.hakeeper.agent.track.Notifier;
import io.hakeeper.common.config.model.VrrpInstance;
import io.hakeeper.common.election.Candidacy;
import io.hakeeper.common.election.CandidacySettings;
import io.hakeeper.common.election.Decision;
import io.hakeeper.common.election.HolderView;
import io.hakeeper.common.election.MemberView;
import io.hakeeper.common.election.SelfView;
import io.hakeeper.common.fence.FenceBudget;
import io.hakeeper.common.fence.Lease;
import io.hakeeper.common.fence.RenewalWatchdog;
import io.hakeeper.common.zk.DecodeResult;
import io.hakeeper.common.zk.EventRecord;
import io.hakeeper.common.zk.HolderRecord;
import io.hakeeper.common.zk.MemberRecord;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.SwitchoverRequest;
import io.hakeeper.common.election.EffectivePriority;
import io.hakeeper.common.zk.ZkLayout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.x.async.AsyncCuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fence for one {@code vrrp_instance} (DESIGN.md, "The fence"): joins the instance's
 * LeaderLatch while eligible, decides with {@link Candidacy}, claims with one {@code multi}
 * (latch check, holder create, epoch bump), holds the VIPs with a kernel lifetime that
 * {@link LeaseKeeper} renews, and releases in the order VIPs, holder, latch.
 *
 * <p>Every method runs on the agent's single fence thread; ZooKeeper callbacks hop back onto it.
 * That thread is the only one that adds or renews VIPs.
 */
public final class InstanceFence {

    private static final Logger log = LoggerFactory.getLogger(InstanceFence.class);
    /** The holder node's version: created by the claim, never written again. */
    private static final int HOLDER_VERSION = 0;
    /** How long an unknown advert source must stay unknown before it is reported as a foreign router. */
    static final long FOREIGN_GRACE_MS = 2000;
    /** How soon a member record the PersistentNode refused (say, before its first create) is written again. */
    private static final long MEMBER_RETRY_MS = 200;
    /**
     * A foreign router silent this long is forgotten (and the finding clears): three times keepalived's
     * Master_Down_Interval at advert_int 1 (RFC 3768 section 6.1: 3 × 1 s + skew).
     */
    static final long FOREIGN_FORGET_MS = 10_000;
    /** Upper bound on waiting for the instance's cache to load before the speaker starts listening. */
    private static final long CACHE_LOAD_WAIT_MS = 5000;

    /** Where the instance is in its claim/hold/release cycle. */
    public enum Phase { FOLLOWING, CLAIMING, HOLDING, RELEASING, STOPPED }

    private final VrrpInstance instance;
    private final String node;
    private final ZkLayout layout;
    private final CuratorFramework client;
    private final AsyncCuratorFramework async;
    private final ScheduledExecutorService fence;
    private final VipKeeper vips;
    private final FenceBudget budget;
    private final LongSupplier nanoClock;
    private final ClusterView cluster;
    private final EventLog events;
    private final InstanceHealth health;
    private final CandidacySettings settings;
    private final RenewalWatchdog watchdog;
    private final RecordCodec codec = new RecordCodec();
    private final List<String> vipCidrs;
    private final Notifier notifier;
    private final GarpSender garp;
    private Notifier.State notifiedState;
    private boolean stopping;
    private SwitchoverRequest switchover;
    private final boolean holdOnZkLoss;
    private final int globalVrrpVersion;
    private volatile VrrpSpeaker speaker;
    private final Set<InetAddress> memberSources = ConcurrentHashMap.newKeySet();
    private String vrrpMaster = "";
    private int vrrpMasterPriority;
    private boolean masterSilent;
    /** Confirmed foreign routers by address, with when (fence clock, ms) each last advertised. */
    private final Map<String, Long> foreignRouters = new java.util.LinkedHashMap<>();
    private ScheduledFuture<?> foreignSweep;
    private ScheduledFuture<?> memberRetry;
    /** Non-member sources waiting out {@link #FOREIGN_GRACE_MS} before they count as foreign. */
    private final Set<String> suspects = new LinkedHashSet<>();
    private Runnable renewNow = () -> { };
    private boolean zooKeeperUnreachable;
    private boolean heldWhenSwitchoverSeen;
    /** The last claim's multi failed: the next one reads the stats instead of trusting the cache. */
    private boolean claimFromCacheFailed;
    private boolean excluded;

    private LeaderLatch latch;
    private CuratorCache cache;
    private PersistentNode member;
    private byte[] memberData;
    private volatile Phase phase = Phase.FOLLOWING;
    private volatile Lease lease;
    private volatile long claims;
    private List<String> addressesSeen = List.of();
    private volatile long releases;
    private long epoch;
    private String heldLatchPath;
    private long heldSession;
    private ZooKeeper heldHandle;
    private boolean holderCleanupInFlight;
    /** The epoch in the holder record the cache showed last (0: none, or unreadable). */
    private long cachedHolderEpoch;
    private long holdingSinceMs;
    private ScheduledFuture<?> reevaluation;
    private final Map<String, Standing> standings = new HashMap<>();
    private String lastHolderKey;
    private long holderObservedSinceMs;
    private String lastDecision = "";
    private long garbageRecords;

    /** A member's (eligible, priority) and since when, on our monotonic clock. */
    private record Standing(boolean eligible, int priority, long sinceMs) {
    }

    InstanceFence(VrrpInstance instance, String node, ZkLayout layout, CuratorFramework client,
                  ScheduledExecutorService fence, VipKeeper vips, FenceBudget budget, LongSupplier nanoClock,
                  ClusterView cluster, EventLog events, InstanceHealth health, Notifier notifier, GarpSender garp,
                  boolean holdOnZkLoss, int globalVrrpVersion) {
        this.holdOnZkLoss = holdOnZkLoss;
        this.globalVrrpVersion = globalVrrpVersion;
        this.notifier = notifier;
        this.garp = garp;
        this.instance = instance;
        this.node = node;
        this.layout = layout;
        this.client = client;
        this.async = AsyncCuratorFramework.wrap(client);
        this.fence = fence;
        this.vips = vips;
        this.budget = budget;
        this.nanoClock = nanoClock;
        this.cluster = cluster;
        this.events = events;
        this.health = health;
        this.settings = CandidacySettings.of(instance);
        this.watchdog = new RenewalWatchdog(budget);
        List<String> all = new ArrayList<>();
        instance.virtualIps().forEach(v -> all.add(v.cidr()));
        instance.excludedVirtualIps().forEach(v -> all.add(v.cidr()));
        this.vipCidrs = List.copyOf(all);
    }

    public String name() {
        return instance.name();
    }

    public Phase phase() {
        return phase;
    }

    // ---- read by the status endpoint, from its own thread (volatile snapshots) ----

    public long claims() {
        return claims;
    }

    public long releases() {
        return releases;
    }

    /** Milliseconds of lease left on the monotonic clock, 0 when nothing is held. */
    public long leaseRemainingMs() {
        Lease l = lease;
        return l == null || phase != Phase.HOLDING ? 0 : Math.max(0, l.remainingMs(nanoClock.getAsLong()));
    }

    public io.hakeeper.common.election.EffectivePriority.Result standing() {
        return health.result();
    }

    /** The VRRP speaker's counters, or empty when it did not start. */
    public java.util.Optional<io.hakeeper.agent.vrrp.VrrpCounters> vrrpCounters() {
        VrrpSpeaker s = speaker;
        return s == null ? java.util.Optional.empty() : java.util.Optional.of(s.counters());
    }

    RenewalWatchdog watchdog() {
        return watchdog;
    }

    private long nowMs() {
        return nanoClock.getAsLong() / 1_000_000L;
    }

    private long sessionId() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0L;
        }
    }

    // ---- lifecycle --------------------------------------------------------------------------

    /** Creates the instance's persistent nodes, starts watching, publishes our member record. */
    void start() throws Exception {
        try {
            client.create().creatingParentContainersIfNeeded().forPath(layout.epoch(name()));
        } catch (KeeperException.NodeExistsException e) {
            // Another node created it first: the epoch lives on across holders.
        }
        cache = CuratorCache.build(client, layout.instance(name()));
        java.util.concurrent.CountDownLatch loaded = new java.util.concurrent.CountDownLatch(1);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> fence.execute(this::evaluate))
                .forInitialized(loaded::countDown).build());
        cache.start();
        // The speaker classifies advert sources by the members' records: let them load first.
        if (!loaded.await(CACHE_LOAD_WAIT_MS, TimeUnit.MILLISECONDS)) {
            log.warn("[{}] instance cache not loaded after {} ms; starting the VRRP speaker anyway", name(),
                    CACHE_LOAD_WAIT_MS);
        }
        refreshMemberSources();
        startSpeaker();
        memberData = memberRecord();
        member = new PersistentNode(client, CreateMode.EPHEMERAL, false, layout.member(name(), node), memberData);
        member.start();
        // setData before the first create is refused ("initial create has not been processed").
        if (!member.waitForInitialCreate(CACHE_LOAD_WAIT_MS, TimeUnit.MILLISECONDS)) {
            log.warn("[{}] member record not created after {} ms; later changes are retried until it is", name(),
                    CACHE_LOAD_WAIT_MS);
        }
        evaluate();
    }

    /** Runs the instance's VRRP speaker: adverts while we hold, master-down detection otherwise. */
    private void startSpeaker() {
        try {
            SpeakerFacts facts = new SpeakerFacts();
            speaker = new VrrpSpeaker(SpeakerConfig.from(instance, globalVrrpVersion, memberSources::contains), facts);
            speaker.start();
            foreignSweep = fence.scheduleWithFixedDelay(facts::forgetSilentForeignRouters, 1, 1, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("[{}] VRRP speaker not started ({}); the fence works without it, but there are no adverts",
                    name(), e.getMessage());
            speaker = null;
        }
    }

    /** Called by the agent: how to ask the lease keeper for an immediate renewal (a conflict). */
    void onConflict(Runnable renewal) {
        this.renewNow = renewal;
    }

    /** VRRP facts hop onto the fence thread; none of them claims anything by itself. */
    private final class SpeakerFacts implements VrrpSpeakerListener {
        @Override
        public void masterSilent(long interval, InetAddress lastMaster, long at) {
            fence.execute(() -> {
                masterSilent = true;
                log.info("[{}] VRRP master {} silent for {} ms: checking the fence now", name(), lastMaster,
                        interval / 1_000_000L);
                evaluate();
            });
        }

        @Override
        public void masterSeen(InetAddress source, int priority, long at) {
            fence.execute(() -> {
                vrrpMaster = source.getHostAddress();
                vrrpMasterPriority = priority;
                masterSilent = false;
                publishMember();
            });
        }

        @Override
        public void conflictingMaster(InetAddress source, int priority, long at) {
            fence.execute(() -> conflict(source, priority));
        }

        @Override
        public void foreignRouter(InetAddress source, int priority, long at) {
            fence.execute(() -> {
                // Membership is decided in confirmForeign, after a fresh read of the members: a known
                // foreign router's every advert only refreshes when it was last heard.
                String a = source.getHostAddress();
                if (foreignRouters.containsKey(a)) {
                    foreignRouters.put(a, nowMs());
                    return;
                }
                if (memberSources.contains(source) || !suspects.add(a)) {
                    return;
                }
                // A peer's first adverts can overtake its member record on our cache's watch: confirm
                // only a source that is still nobody's vrrpSource after the grace period.
                fence.schedule(() -> confirmForeign(source, priority), FOREIGN_GRACE_MS, TimeUnit.MILLISECONDS);
            });
        }

        private void confirmForeign(InetAddress source, int priority) {
            String a = source.getHostAddress();
            suspects.remove(a);
            refreshMemberSources();
            if (!memberSources.contains(source)) {
                if (foreignRouters.size() < 16 && foreignRouters.putIfAbsent(a, nowMs()) == null) {
                    log.warn("[{}] foreign VRRP router {} (priority {}) advertises VRID {}: not an agent of this"
                            + " cluster", name(), a, priority, instance.vrid());
                    events.record(new EventRecord(System.currentTimeMillis(), EventRecord.Kind.FOREIGN_ROUTER, name(),
                            node, epoch, "foreign VRRP router " + a + " priority " + priority));
                    publishMember();
                }
            }
        }

        /** Forgets foreign routers silent for {@link #FOREIGN_FORGET_MS}, so the finding clears. */
        private void forgetSilentForeignRouters() {
            long now = nowMs();
            boolean changed = foreignRouters.entrySet().removeIf(e -> {
                boolean silent = now - e.getValue() > FOREIGN_FORGET_MS;
                if (silent) {
                    log.info("[{}] foreign VRRP router {} silent for {} ms: forgotten", name(), e.getKey(),
                            now - e.getValue());
                }
                return silent;
            });
            if (changed) {
                publishMember();
            }
        }

        @Override
        public void priorityZeroSeen(InetAddress source, long at) {
            fence.execute(InstanceFence.this::evaluate);
        }
    }

    /**
     * Another member advertises for our VRID while we hold: reconfirm in ZooKeeper at once and keep
     * or drop the VIPs by its answer. While ZooKeeper is unreachable in {@code hold} mode, another
     * master means the lease must end now (DESIGN.md: the overlap stays within an advert interval).
     */
    private void conflict(InetAddress source, int priority) {
        if (phase != Phase.HOLDING) {
            return;
        }
        log.warn("[{}] conflicting VRRP master {} (priority {}) while we hold epoch {}: reconfirming in ZooKeeper",
                name(), source.getHostAddress(), priority, epoch);
        events.record(new EventRecord(System.currentTimeMillis(), EventRecord.Kind.CONFLICT, name(), node, epoch,
                "another master " + source.getHostAddress() + " priority " + priority));
        if (zooKeeperUnreachable) {
            lost("another VRRP master appeared while ZooKeeper is unreachable (on_zk_loss hold)");
        } else {
            renewNow.run();
        }
    }

    /** Graceful stop: releases what we hold, leaves the latch, removes our member record. */
    void stop(String why) {
        // keepalived reports STOP, not BACKUP, for a master that shuts down. The member record
        // says "agent stopping" from the release on: written after the holder's deletion and before
        // the latch's (one session, so in that order), it reaches the successor before leadership
        // does, and the successor never sees us as a better candidate; nothing is written before
        // the holder's deletion, which is what the successor waits for.
        stopping = true;
        if (phase == Phase.HOLDING) {
            releaseNow(why, EventRecord.Kind.RELEASE);
        }
        phase = Phase.STOPPED;
        notifyState(Notifier.State.STOP);
        cancelReevaluation();
        leaveLatch();
        closeQuietly(member);
        member = null; // nothing to publish any more; a pending retry finds nothing to do
        if (memberRetry != null) {
            memberRetry.cancel(false);
        }
        closeQuietly(speaker);
        if (foreignSweep != null) {
            foreignSweep.cancel(false);
        }
        if (cache != null) {
            cache.close();
        }
    }

    /** A tracker changed: fold it into the effective priority and decide again. */
    void trackerChanged(io.hakeeper.common.election.TrackerState state) {
        if (health.update(state)) {
            if (speaker != null && phase == Phase.HOLDING) {
                speaker.setPriority(health.result().priority());
            }
            log.info("[{}] effective priority {} ({}){}", name(), health.result().priority(),
                    health.result().eligible() ? "eligible" : "not eligible",
                    health.result().eligible() ? "" : ": " + health.result().reason());
        }
        evaluate();
    }

    /** {@code control/drain/<node>} appeared or went: ineligible everywhere while drained. */
    void setDrained(boolean drained) {
        if (health.drained() != drained) {
            log.info("[{}] {}", name(), drained ? "drained: giving up the instance" : "undrained: eligible again");
            health.setDrained(drained);
        }
        evaluate();
    }

    /**
     * {@code control/switchover/<inst>} appeared, changed or went. While a request stands, every
     * node but its target stays out (or, without a target, the node that held when it was made), so
     * the hand-over goes through the ordinary release and claim; the new holder deletes the request.
     */
    void switchoverChanged(SwitchoverRequest request) {
        if (request != null && switchover == null) {
            heldWhenSwitchoverSeen = phase == Phase.HOLDING;
            log.info("[{}] switchover requested by {}{}", name(), request.requestedBy(),
                    request.target().isEmpty() ? "" : " to " + request.target());
        }
        switchover = request;
        if (request == null) {
            excluded = false; // evaluate() must not read a standing computed for the old request
        }
        evaluate();
    }

    /** True while a switchover request keeps this node out of the instance. */
    private boolean excludedBySwitchover(List<MemberView> members) {
        if (switchover == null) {
            return false;
        }
        String target = switchover.target();
        if (target.isEmpty()) {
            // Only the old holder steps aside, and only when someone else can take over.
            return heldWhenSwitchoverSeen && members.stream()
                    .anyMatch(m -> !m.node().equals(node) && m.eligible() && m.current());
        }
        if (target.equals(node)) {
            return false;
        }
        // Honour a target only while it can take over; otherwise the request would leave no holder.
        return members.stream().anyMatch(m -> m.node().equals(target) && m.eligible() && m.current());
    }

    /** Our standing with a switchover's exclusion folded in (published and used in the decision). */
    private EffectivePriority.Result standing(boolean excluded) {
        EffectivePriority.Result r = health.result();
        if (stopping && r.eligible()) {
            return new EffectivePriority.Result(r.priority(), false, List.of("agent stopping"));
        }
        if (!excluded || !r.eligible()) {
            return r;
        }
        List<String> faults = new ArrayList<>(r.faults());
        String target = switchover == null || switchover.target().isEmpty() ? "another node" : switchover.target();
        faults.add("switchover to " + target);
        return new EffectivePriority.Result(r.priority(), false, faults);
    }

    // ---- the decision -----------------------------------------------------------------------

    /** Re-reads the view and acts on {@link Candidacy#decide}. Cheap; called on every change. */
    void evaluate() {
        if (phase == Phase.STOPPED) {
            return;
        }
        log.debug("[{}] evaluate: phase {}, latch leader {}, holder {}", name(), phase,
                latch != null && latch.hasLeadership(),
                cache == null ? "?" : cache.get(layout.holder(name())).isPresent());
        if (latch == null && standing(excluded).eligible()) {
            joinLatch();
        }
        if (phase == Phase.CLAIMING || phase == Phase.RELEASING) {
            return; // the in-flight step evaluates again when it completes
        }
        long now = nowMs();
        Optional<HolderView> holder = holder(now);
        if (phase == Phase.FOLLOWING && ours(holder)) {
            // A holder node of our session while we do not hold: a release whose delete has not gone
            // through yet, or a claim that went through although its answer was lost (a retry then
            // met our own node). Either way the node names the epoch it was created with.
            deleteOwnHolder(cachedHolderEpoch, handle());
            return;
        }
        if (phase == Phase.HOLDING && !ours(holder)) {
            // The cache does not show our holder node: it lags our claim, or someone deleted the
            // node. Only ZooKeeper can say which, so ask it now (the renewal's checks); meanwhile
            // the lease bounds the VIPs. Never leave the latch holding them, as the decision below
            // would for a non-holder: the next in line would claim while we still have the VIPs.
            String why = "holding, but the cache shows " + holder.map(HolderView::node).orElse("no one")
                    + " as holder; reconfirming in ZooKeeper";
            if (!why.equals(lastDecision)) {
                log.info("[{}] {}", name(), why);
                lastDecision = why;
            }
            renewNow.run();
            return;
        }
        List<MemberView> members = members(now);
        excluded = excludedBySwitchover(members);
        publishMember();
        Decision d = Candidacy.decide(members, self(), holder, settings, now);
        if (!d.why().equals(lastDecision)) {
            log.info("[{}] {}: {}", name(), d.getClass().getSimpleName().toLowerCase(), d.why());
            lastDecision = d.why();
        }
        scheduleReevaluation(d.reevaluateAtMs());
        if (d instanceof Decision.Claim c) {
            if (phase == Phase.FOLLOWING) {
                claim(c.why());
            }
        } else if (d instanceof Decision.Requeue r) {
            requeue(r.rejoin(), r.why());
        } else if (d instanceof Decision.Release r) {
            EventRecord.Kind kind = r.reason() == Decision.ReleaseReason.INELIGIBLE
                    ? EventRecord.Kind.FAULT : EventRecord.Kind.YIELD;
            releaseNow(r.why(), kind);
            if (r.reason().rejoinLatch()) {
                requeueLatch();
            } else {
                leaveLatch();
            }
            fence.execute(this::evaluate);
        }
        // Decision.Hold: someone else leads, or a holder must go first; nothing to do.
    }

    /** Reads every member's advert source from the cache, so a just-joined peer is not foreign. */
    private void refreshMemberSources() {
        if (cache == null) {
            return;
        }
        String dir = layout.membersDir(name()) + "/";
        cache.stream().filter(c -> c.getPath().startsWith(dir)).forEach(c -> {
            if (codec.decode(c.getData(), MemberRecord.class) instanceof DecodeResult.Ok<MemberRecord> ok) {
                rememberSource(ok.record());
            }
        });
    }

    private void rememberSource(MemberRecord m) {
        if (!m.vrrpSource().isEmpty()) {
            io.hakeeper.common.config.grammar.IpLiteral.parse(m.vrrpSource()).ifPresent(ip -> {
                try {
                    memberSources.add(InetAddress.getByAddress(ip.bytes()));
                } catch (java.net.UnknownHostException e) {
                    // a literal's bytes always make an address
                }
            });
        }
    }

    private SelfView self() {
        boolean leader = latch != null && latch.hasLeadership();
        return SelfView.of(node, sessionId(), leader, standing(excluded), health.stableSinceMs());
    }

    private List<MemberView> members(long now) {
        List<MemberView> out = new ArrayList<>();
        String dir = layout.membersDir(name()) + "/";
        for (ChildData c : cache.stream().filter(c -> c.getPath().startsWith(dir)).toList()) {
            DecodeResult<MemberRecord> r = codec.decode(c.getData(), MemberRecord.class);
            if (!(r instanceof DecodeResult.Ok<MemberRecord> ok)) {
                garbage(c.getPath(), r);
                continue;
            }
            MemberRecord m = ok.record();
            rememberSource(m);
            Standing s = standings.get(m.node());
            if (s == null || s.eligible() != m.eligible() || s.priority() != m.effectivePriority()) {
                s = new Standing(m.eligible(), m.effectivePriority(), now);
                standings.put(m.node(), s);
            }
            long owner = c.getStat() == null ? 0 : c.getStat().getEphemeralOwner();
            out.add(MemberView.of(m, owner, cluster.sessionOf(m.node()), s.sinceMs()));
        }
        return out;
    }

    private boolean ours(Optional<HolderView> holder) {
        return holder.isPresent() && holder.get().node().equals(node) && holder.get().sessionId() == sessionId();
    }

    private Optional<HolderView> holder(long now) {
        Optional<ChildData> data = cache.get(layout.holder(name()));
        if (data.isEmpty()) {
            lastHolderKey = null;
            return Optional.empty();
        }
        long owner = data.get().getStat() == null ? 0 : data.get().getStat().getEphemeralOwner();
        DecodeResult<HolderRecord> r = codec.decode(data.get().getData(), HolderRecord.class);
        String holderNode;
        if (r instanceof DecodeResult.Ok<HolderRecord> ok) {
            holderNode = ok.record().node();
            cachedHolderEpoch = ok.record().epoch();
        } else {
            cachedHolderEpoch = 0;
            garbage(layout.holder(name()), r);
            holderNode = "unreadable-holder"; // still blocks claims until it is gone
        }
        String key = holderNode + "/" + owner;
        if (!key.equals(lastHolderKey)) {
            lastHolderKey = key;
            holderObservedSinceMs = now;
        }
        long since = holderNode.equals(node) && owner == sessionId() && phase == Phase.HOLDING
                ? holdingSinceMs : holderObservedSinceMs;
        return Optional.of(new HolderView(holderNode, owner, since));
    }

    private void garbage(String path, DecodeResult<?> r) {
        garbageRecords++;
        if (Long.bitCount(garbageRecords) == 1) { // log the 1st, 2nd, 4th, 8th, ... only
            log.warn("[{}] skipping unreadable record at {} ({} so far): {}", name(), path, garbageRecords, r);
        }
    }

    public long garbageRecords() {
        return garbageRecords;
    }

    private void scheduleReevaluation(OptionalLong atMs) {
        cancelReevaluation();
        if (atMs.isPresent()) {
            long delay = Math.max(0, atMs.getAsLong() - nowMs());
            reevaluation = fence.schedule(this::evaluate, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelReevaluation() {
        if (reevaluation != null) {
            reevaluation.cancel(false);
            reevaluation = null;
        }
    }

    // ---- latch ------------------------------------------------------------------------------

    private void joinLatch() {
        latch = new LeaderLatch(client, layout.latch(name()), node, LeaderLatch.CloseMode.SILENT);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                fence.execute(InstanceFence.this::evaluate);
            }

            @Override
            public void notLeader() {
                fence.execute(InstanceFence.this::evaluate);
            }
        });
        try {
            latch.start();
        } catch (Exception e) {
            log.error("[{}] cannot join the leader latch: {}", name(), e.toString());
            latch = null;
        }
    }

    private void leaveLatch() {
        if (latch != null) {
            closeQuietly(latch);
            latch = null;
        }
    }

    /** Back of the queue: close our latch node (the next in line leads at once) and rejoin. */
    private void requeueLatch() {
        leaveLatch();
        if (standing(excluded).eligible() && phase != Phase.STOPPED) {
            joinLatch();
        }
    }

    private void requeue(boolean rejoin, String why) {
        events.record(new EventRecord(System.currentTimeMillis(), EventRecord.Kind.REQUEUE, name(), node, epoch, why));
        if (rejoin) {
            requeueLatch();
        } else {
            leaveLatch();
        }
    }

    // ---- claim ------------------------------------------------------------------------------

    /** DESIGN.md, "The fence", point 2: one multi, then VIPs with a lifetime from the send time. */
    private void claim(String why) {
        String ourPath = latch == null ? null : latch.getOurPath();
        if (ourPath == null) {
            return;
        }
        phase = Phase.CLAIMING;
        long session = sessionId();
        String epochPath = layout.epoch(name());
        // The instance cache usually has both stats already: the multi checks their versions, so a
        // stale one only fails the claim (and the next one reads them). This saves a round trip in
        // the hand-over gap. A latch node's path is never reused (sequential), so its cached
        // ephemeralOwner is the one the multi's check sees.
        Optional<Stat> cachedLatch = cache == null ? Optional.empty() : cache.get(ourPath).map(ChildData::getStat);
        Optional<Stat> cachedEpoch = cache == null ? Optional.empty() : cache.get(epochPath).map(ChildData::getStat);
        if (!claimFromCacheFailed && cachedLatch.isPresent() && cachedEpoch.isPresent()
                && cachedLatch.get().getEphemeralOwner() == session) {
            sendClaim(ourPath, session, cachedLatch.get(), cachedEpoch.get(), why);
            return;
        }
        var epochStage = async.checkExists().forPath(epochPath);
        async.checkExists().forPath(ourPath).thenCombine(epochStage, (latchStat, epochStat) -> {
            if (latchStat == null || latchStat.getEphemeralOwner() != session || epochStat == null) {
                throw new IllegalStateException("our latch node " + ourPath + " is not ours under session 0x"
                        + Long.toHexString(session));
            }
            return new Stat[] {latchStat, epochStat};
        }).whenCompleteAsync((stats, error) -> {
            if (error != null) {
                claimFailed(error);
            } else {
                sendClaim(ourPath, session, stats[0], stats[1], why);
            }
        }, fence);
    }

    /** The claim's multi: check our latch node, create the holder node, bump the epoch (DESIGN.md, the fence, 2). */
    private void sendClaim(String ourPath, long session, Stat latchStat, Stat epochStat, String why) {
        long nextEpoch = epochStat.getVersion() + 1L;
        byte[] holderData = codec.encode(new HolderRecord(node, nextEpoch, System.currentTimeMillis(), vipCidrs));
        List<CuratorOp> ops = List.of(
                async.transactionOp().check().withVersion(latchStat.getVersion()).forPath(ourPath),
                async.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(layout.holder(name()), holderData),
                async.transactionOp().setData().withVersion(epochStat.getVersion()).forPath(layout.epoch(name()),
                        new byte[0]));
        long sentAt = nanoClock.getAsLong();
        async.transaction().forOperations(ops).whenCompleteAsync((results, e) -> {
            if (e != null) {
                claimFromCacheFailed = true; // read the stats afresh next time
                claimFailed(e);
            } else if (sessionId() != session) {
                claimFailed(new IllegalStateException("the ZooKeeper session changed during the claim"));
            } else {
                claimFromCacheFailed = false;
                claimed(ourPath, session, nextEpoch, sentAt, why);
            }
        }, fence);
    }

    /**
     * Completes a switchover request made before this claim, whether or not our control watcher has
     * delivered it yet: left behind, it would keep the node it moved the VIPs from out for good (a
     * successor that claims quickly can be ahead of its own watcher). The epoch node's mzxid is our
     * claim's, so a request created after it is the next one and stays.
     */
    private void completeSwitchover() {
        String requestPath = layout.switchover(name());
        long claimEpoch = epoch;
        async.checkExists().forPath(layout.epoch(name()))
                .thenCombine(async.checkExists().forPath(requestPath), (epochStat, request) ->
                        epochStat != null && request != null && request.getCzxid() < epochStat.getMzxid()
                                ? request : null)
                .whenCompleteAsync((request, error) -> {
                    if (error != null || request == null) {
                        return; // no request, a newer one, or ZooKeeper busy: a later claim completes it
                    }
                    async.delete().withVersion(request.getVersion()).forPath(requestPath);
                    String by = switchover == null ? "an operator" : switchover.requestedBy();
                    events.record(new EventRecord(System.currentTimeMillis(), EventRecord.Kind.SWITCHOVER, name(),
                            node, claimEpoch, "switchover requested by " + by + " completed"));
                }, fence);
    }

    private void claimFailed(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        log.info("[{}] claim did not go through: {}", name(), cause.toString());
        if (phase == Phase.CLAIMING) {
            phase = Phase.FOLLOWING;
        }
        fence.execute(this::evaluate);
    }

    private void claimed(String ourPath, long session, long newEpoch, long sentAtNanos, String why) {
        if (phase != Phase.CLAIMING) {
            return; // stopped meanwhile; the holder node goes with our session or the stop
        }
        ZooKeeper handle = handle();
        if (handle == null || handle.getSessionId() != session) {
            claimFailed(new IllegalStateException("the ZooKeeper session changed during the claim"));
            return;
        }
        heldHandle = handle;
        phase = Phase.HOLDING;
        epoch = newEpoch;
        heldLatchPath = ourPath;
        heldSession = session;
                holdingSinceMs = nowMs();
        int lifetime;
        try {
            lifetime = applyLease(new Lease(sentAtNanos, budget));
        } catch (NetlinkException e) {
            log.error("[{}] cannot add the VIPs after claiming: {}; releasing", name(), e.getMessage());
            releaseNow("cannot add VIPs: " + e.getMessage(), EventRecord.Kind.FAULT);
            requeueLatch();
            return;
        }
        claims++;
        log.info("[{}] CLAIMED epoch {} on {}: VIPs {} valid_lft {} s ({})", name(), epoch, node, vipCidrs, lifetime,
                why);
        garp.announce(instance);
        if (speaker != null) {
            speaker.advertise(health.result().priority());
        }
        events.record(new EventRecord(System.currentTimeMillis(), EventRecord.Kind.CLAIM, name(), node, epoch, why));
        completeSwitchover();
        publishMember();
        fence.execute(this::evaluate);
    }

    // ---- renewal (driven by LeaseKeeper) ----------------------------------------------------

    /** The {@code check} ops that prove we still hold: our latch node, our holder node, our epoch. */
    List<Op> renewalOps() {
        if (phase != Phase.HOLDING) {
            return List.of();
        }
        return HolderOps.renewal(heldLatchPath, layout.holder(name()), HOLDER_VERSION, layout.epoch(name()), epoch);
    }

    /**
     * The ZooKeeper handle of the session we claimed under. Renewals and the holder's deletion go
     * through it, never through Curator's retries: a retry could run under a newer session and
     * touch a successor's holder node.
     */
    ZooKeeper heldHandle() {
        return heldHandle;
    }

    private ZooKeeper handle() {
        try {
            return client.getZookeeperClient().getZooKeeper();
        } catch (Exception e) {
            return null;
        }
    }



    /** ZooKeeper confirmed our nodes under the same session at {@code sentAtNanos}: extend the VIPs. */
    void renewed(long sentAtNanos) {
        zooKeeperUnreachable = false;
        if (phase != Phase.HOLDING) {
            return;
        }
        Lease next = new Lease(sentAtNanos, budget);
        if (next.deadlineNanos() <= lease.deadlineNanos()) {
            return; // an older confirmation arriving late must not shorten anything
        }
        try {
            applyLease(next);
        } catch (NetlinkException e) {
            log.error("[{}] cannot renew VIP lifetimes: {}", name(), e.getMessage());
        }
    }

    /**
     * Makes {@code next} the lease and gives every VIP what is left of it (nothing is added when
     * less than a second is left: valid_lft cannot say so). Counts as a completed round for the
     * watchdog. Returns the lifetime set, in seconds.
     */
    private int applyLease(Lease next) throws NetlinkException {
        lease = next;
        long now = nanoClock.getAsLong();
        int lifetime = lease.validLifetimeSec(now);
        if (lifetime > 0) {
            vips.hold(lifetime);
        }
        watchdog.completed(now);
        return lifetime;
    }

    /**
     * A renewal got no answer (connection loss, timeout). By default nothing happens and the lease
     * runs out. With {@code on_zk_loss hold} the holder extends its lease locally while it hears no
     * other VRRP master for its VRID (DESIGN.md, "ZooKeeper unreachable"); backups never claim
     * without ZooKeeper, so the only risk is a successor on the other side of a partition, whose
     * first advert ends our tenure (see {@link #conflict}).
     */
    void renewalUnanswered() {
        zooKeeperUnreachable = true;
        if (!holdOnZkLoss || phase != Phase.HOLDING || speaker == null) {
            return;
        }
        try {
            applyLease(new Lease(nanoClock.getAsLong(), budget));
        } catch (NetlinkException e) {
            log.error("[{}] cannot extend VIP lifetimes while ZooKeeper is unreachable: {}", name(), e.getMessage());
        }
    }

    /** A definite answer that we no longer hold (session expired, latch or holder node gone). */
    void lost(String why) {
        if (phase != Phase.HOLDING) {
            return;
        }
        log.warn("[{}] LOST the VIPs: {}; deleting them now", name(), why);
        stopAdverts();
        removeVips();
        garp.stop(name());
        phase = Phase.FOLLOWING;
        lease = null;
        watchdog.disarm();
        events.record(new EventRecord(System.currentTimeMillis(), EventRecord.Kind.RENEWAL_FAILURE, name(), node,
                epoch, why));
        publishMember();
        fence.execute(this::evaluate);
    }

    /** The watchdog saw no completed renewal for longer than the lease: drop everything now. */
    void watchdogFired(long sinceMs) {
        if (phase != Phase.HOLDING) {
            return;
        }
        String why = "watchdog: no renewal completed for " + sinceMs + " ms (lease " + budget.leaseMs() + " ms)";
        log.error("[{}] {}; deleting VIPs and releasing", name(), why);
        releaseNow(why, EventRecord.Kind.FAULT);
        requeueLatch();
        fence.execute(this::evaluate);
    }

    // ---- release ----------------------------------------------------------------------------

    /**
     * DESIGN.md, "The fence", point 4: VIPs first (waiting for the kernel's ack), then the holder
     * node through the session that created it. The caller then closes or requeues the latch,
     * which lets the successor lead.
     */
    private void releaseNow(String why, EventRecord.Kind kind) {
        if (phase != Phase.HOLDING) {
            return;
        }
        phase = Phase.RELEASING;
        stopAdverts();
        removeVips();
        garp.stop(name());
        watchdog.disarm();
        lease = null;
        phase = Phase.FOLLOWING;
        releases++;
        deleteOwnHolder(epoch, heldHandle);
        log.info("[{}] RELEASED epoch {}: {}", name(), epoch, why);
        events.record(new EventRecord(System.currentTimeMillis(), kind, name(), node, epoch, why));
        publishMember();
    }

    /**
     * Deletes our holder node, created by the claim of {@code nodeEpoch}, with the handle of the
     * session that owns it, in a multi that checks that no one has claimed since
     * ({@link HolderOps#release}): the epoch node's version is the epoch of the claim that created
     * the current holder node, so a match proves the node is that one. The cache that asks for it
     * can be stale (say, our first delete went through but its answer was lost with a ZooKeeper
     * leader), and a successor's node looks the same to a plain delete; this one then fails with
     * BADVERSION and leaves it alone. If our session has ended, the server already deleted the node.
     * Evaluation retries while the cache still shows the node as ours.
     */
    private void deleteOwnHolder(long nodeEpoch, ZooKeeper h) {
        if (h == null || holderCleanupInFlight || nodeEpoch <= 0) {
            return;
        }
        holderCleanupInFlight = true;
        List<Op> ops = HolderOps.release(layout.holder(name()), HOLDER_VERSION, layout.epoch(name()), nodeEpoch);
        h.multi(ops, (rc, path, ctx, results) -> fence.execute(() -> {
            holderCleanupInFlight = false;
            KeeperException.Code code = KeeperException.Code.get(rc);
            log.debug("[{}] holder delete answered {}", name(), code);
            if (code != KeeperException.Code.OK && code != KeeperException.Code.NONODE
                    && code != KeeperException.Code.BADVERSION && code != KeeperException.Code.SESSIONEXPIRED) {
                log.warn("[{}] could not delete our holder node yet ({}); retrying when the view changes", name(),
                        code);
            }
        }), null);
    }

    /** Release order starts here: one priority-0 advert so backups look at once (RFC 3768 6.4.3). */
    private void stopAdverts() {
        if (speaker != null) {
            speaker.stopAdvertising(true);
        }
    }

    private void removeVips() {
        try {
            vips.remove();
        } catch (NetlinkException e) {
            log.error("[{}] could not delete every VIP: {}; their lifetime still ends them", name(), e.getMessage());
        }
    }

    // ---- member record ----------------------------------------------------------------------

    private byte[] memberRecord() {
        var r = standing(excluded);
        MemberRecord.State state = !r.eligible() ? MemberRecord.State.FAULT
                : phase == Phase.HOLDING ? MemberRecord.State.MASTER : MemberRecord.State.BACKUP;
        MemberRecord.VrrpView view = null;
        String source = "";
        if (speaker != null) {
            // Advert counters change every second; they go to /metrics, not into a record written on change.
            source = speaker.sourceAddress().getHostAddress();
            // The holder is the master it advertises as; the last master it heard as a backup is history.
            boolean holding = phase == Phase.HOLDING;
            view = new MemberRecord.VrrpView(holding ? source : vrrpMaster,
                    holding ? r.priority() : vrrpMasterPriority, !holding && masterSilent,
                    List.copyOf(foreignRouters.keySet()), 0, 0);
        }
        return codec.encode(new MemberRecord(node, instance.vrid(), vipCidrs, health.basePriority(), r.priority(),
                r.eligible(), r.reason(), instance.nopreempt(), instance.preemptDelaySec() * 1000L, state, view,
                addressesSeen, 0L, source));
    }

    /** Writes our member record when it changed (the timestamp is left out so that it can compare). */
    private void publishMember() {
        if (!stopping) {
            var r = health.result();
            notifyState(!r.eligible() ? Notifier.State.FAULT
                    : phase == Phase.HOLDING ? Notifier.State.MASTER : Notifier.State.BACKUP);
        }
        if (member == null) {
            return;
        }
        byte[] next = memberRecord();
        if (!java.util.Arrays.equals(next, memberData)) {
            try {
                member.setData(next);
                memberData = next; // only once accepted: a failed write must be retried, not forgotten
            } catch (Exception e) {
                log.warn("[{}] could not publish the member record: {}; retrying in {} ms", name(), e.toString(),
                        MEMBER_RETRY_MS);
                if (memberRetry == null || memberRetry.isDone()) {
                    memberRetry = fence.schedule(this::publishMember, MEMBER_RETRY_MS, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /**
     * A configured VIP appeared on or left a local interface: publish which ones this node really
     * has, so that {@code hactl status} can see a VIP on two nodes (say, a keepalived left running).
     */
    void refreshAddressesSeen() {
        try {
            List<String> seen = vips.present().stream().map(a -> a.cidr()).sorted().toList();
            if (!seen.equals(addressesSeen)) {
                addressesSeen = seen;
                publishMember();
            }
        } catch (NetlinkException e) {
            log.warn("[{}] cannot list local addresses: {}", name(), e.getMessage());
        }
    }

    /** Runs the notify scripts once per state change (never blocking: see {@link Notifier}). */
    private void notifyState(Notifier.State state) {
        if (state != notifiedState) {
            notifiedState = state;
            notifier.notify(name(), instance.notifyScripts(), state, health.result().priority());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.debug("close failed: {}", e.toString());
        }
    }
}
