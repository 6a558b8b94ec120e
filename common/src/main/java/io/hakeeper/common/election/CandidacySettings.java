package io.hakeeper.common.election;

import io.hakeeper.common.config.model.VirtualIp;
import io.hakeeper.common.config.model.VrrpInstance;

import java.util.HashSet;
import java.util.Set;

/**
 * Our own configuration of the instance, as the candidacy decision needs it.
 *
 * @param vrid with {@code vips}, what a member must agree with to count as a candidate
 * @param vips every address the instance configures, as {@link VirtualIp#cidr()}
 * @param nopreempt our {@code nopreempt}
 * @param preemptDelayMs our {@code preempt_delay}
 */
public record CandidacySettings(int vrid, Set<String> vips, boolean nopreempt, long preemptDelayMs) {

    public CandidacySettings {
        vips = Set.copyOf(vips);
        if (preemptDelayMs < 0) {
            throw new IllegalArgumentException("preemptDelayMs " + preemptDelayMs + " is negative");
        }
    }

    /** Both {@code virtual_ipaddress} and {@code virtual_ipaddress_excluded}: the holder adds both. */
    public static CandidacySettings of(VrrpInstance instance) {
        Set<String> vips = new HashSet<>();
        instance.virtualIps().forEach(v -> vips.add(v.cidr()));
        instance.excludedVirtualIps().forEach(v -> vips.add(v.cidr()));
        return new CandidacySettings(instance.vrid(), vips, instance.nopreempt(), instance.preemptDelaySec() * 1000L);
    }
}
