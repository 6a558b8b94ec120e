package io.hakeeper.common.zk;

import io.hakeeper.common.fence.FenceBudget;

import java.util.List;

/** One realistic value of every record type, shared by the codec tests. */
final class RecordSamples {

    private RecordSamples() {
    }

    static final long SESSION = 0x1000012a3450007L;

    static NodeRecord node() {
        return new NodeRecord("lb01", "lb01.example.net", "0.1.0", 4242, 1_700_000_000_000L, SESSION,
                NodeRecord.Fence.of(FenceBudget.of(4000, 2000)), false);
    }

    static MemberRecord member() {
        return new MemberRecord("lb01", 51, List.of("10.0.0.3/32", "2001:db8::3/128"), 150, 148, true, "", false,
                5000, MemberRecord.State.MASTER,
                new MemberRecord.VrrpView("10.0.0.1", 148, false, List.of("10.0.0.9"), 1200, 3),
                List.of("10.0.0.3/32"), 1_700_000_000_500L);
    }

    static HolderRecord holder() {
        return new HolderRecord("lb01", 7, 1_700_000_000_900L, List.of("10.0.0.3/32"));
    }

    static EventRecord event() {
        return new EventRecord(1_700_000_001_000L, EventRecord.Kind.RENEWAL_FAILURE, "VI_1", "lb01", 7,
                "renewal multi timed out");
    }

    static SwitchoverRequest switchover() {
        return new SwitchoverRequest("VI_1", "lb02", "ops@bastion", 1_700_000_002_000L, "kernel upgrade");
    }

    static DrainRequest drain() {
        return new DrainRequest("lb02", "ops@bastion", 1_700_000_003_000L, "maintenance");
    }

    static RealServerView realServers() {
        return new RealServerView("lb01", "TCP_10.0.0.3_80", List.of(
                new RealServerView.RealServer("192.168.1.10", 8080, true, 1, "", 1_700_000_000_000L),
                new RealServerView.RealServer("192.168.1.11", 8080, false, 0, "connect timeout", 1_700_000_000_100L)),
                1_700_000_004_000L);
    }

    static List<ZkRecord> all() {
        return List.of(node(), member(), holder(), event(), switchover(), drain(), realServers());
    }

    @SuppressWarnings("unchecked")
    static List<Class<? extends ZkRecord>> types() {
        return List.of(NodeRecord.class, MemberRecord.class, HolderRecord.class, EventRecord.class,
                SwitchoverRequest.class, DrainRequest.class, RealServerView.class);
    }
}
