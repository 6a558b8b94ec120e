package io.hakeeper.common.zk;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

import java.util.List;

/**
 * {@code instances/<inst>/members/<node>} (ephemeral): one node's standing in one instance, the
 * input every node's candidacy decision reads (DESIGN.md, "The fence", point 1).
 *
 * @param vips every address the instance configures ({@code virtual_ipaddress} and
 *             {@code virtual_ipaddress_excluded}) as {@code VirtualIp.cidr()}; members whose vrid
 *             or VIPs disagree are a critical finding and never win against each other
 * @param basePriority the configured {@code priority} (255 = address owner)
 * @param effectivePriority base plus tracker weights, clamped as keepalived does
 * @param eligible false while FAULT, drained or stopping; {@code reason} says why
 * @param preemptDelayMs this node's {@code preempt_delay}: how long it waits before preempting
 * @param vrrp what this node hears on the wire; null when it has not listened yet
 * @param addressesSeen configured VIPs this node actually finds on its interfaces
 * @param updatedAtMs wall-clock epoch milliseconds of the last write, for people
 * @param vrrpSource the address this node sends its VRRP adverts from (empty before its speaker
 *                   starts): an advert from an address no member publishes is a foreign router
 */
public record MemberRecord(String node, int vrid, List<String> vips, int basePriority, int effectivePriority,
                           boolean eligible, String reason, boolean nopreempt, long preemptDelayMs, State state,
                           VrrpView vrrp, List<String> addressesSeen, long updatedAtMs, String vrrpSource)
        implements ZkRecord {

    public MemberRecord {
        RecordFields.name("node", node);
        RecordFields.range("vrid", vrid, 1, 255);
        vips = RecordFields.list("vips", vips);
        RecordFields.range("basePriority", basePriority, 1, 255);
        RecordFields.range("effectivePriority", effectivePriority, 1, 255);
        reason = RecordFields.orEmpty(reason);
        RecordFields.atLeast("preemptDelayMs", preemptDelayMs, 0);
        state = state == null ? State.UNKNOWN : state;
        addressesSeen = RecordFields.list("addressesSeen", addressesSeen);
        vrrpSource = RecordFields.orEmpty(vrrpSource);
    }

    /** Without a VRRP source yet (records from before the speaker starts). */
    public MemberRecord(String node, int vrid, List<String> vips, int basePriority, int effectivePriority,
                        boolean eligible, String reason, boolean nopreempt, long preemptDelayMs, State state,
                        VrrpView vrrp, List<String> addressesSeen, long updatedAtMs) {
        this(node, vrid, vips, basePriority, effectivePriority, eligible, reason, nopreempt, preemptDelayMs, state,
                vrrp, addressesSeen, updatedAtMs, "");
    }

    /** keepalived's instance states; UNKNOWN stands for a state a newer writer added. */
    public enum State {
        INIT, BACKUP, MASTER, FAULT, STOP,
        @JsonEnumDefaultValue UNKNOWN
    }

    /**
     * The VRRP wire as this node hears it (DESIGN.md, "VRRP's role"): the master it hears, whether
     * that master went silent, and speakers that are not agents of the cluster.
     */
    public record VrrpView(String master, int masterPriority, boolean masterSilent, List<String> foreignRouters,
                           long advertsReceived, long advertsDropped) {
        public VrrpView {
            master = RecordFields.orEmpty(master);
            RecordFields.range("vrrp.masterPriority", masterPriority, 0, 255);
            foreignRouters = RecordFields.list("vrrp.foreignRouters", foreignRouters);
            RecordFields.atLeast("vrrp.advertsReceived", advertsReceived, 0);
            RecordFields.atLeast("vrrp.advertsDropped", advertsDropped, 0);
        }
    }
}
