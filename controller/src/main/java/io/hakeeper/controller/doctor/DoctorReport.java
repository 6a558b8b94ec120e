package io.hakeeper.controller.doctor;

import io.hakeeper.controller.findings.Finding;
import io.hakeeper.controller.findings.Severity;
import io.hakeeper.controller.text.Durations;
import java.util.List;

/** {@code hactl doctor} as data: {@code $defs/doctor} in hactl.schema.json. */
public record DoctorReport(String command, int schemaVersion, String generatedAt, long generatedAtMs,
                           String zookeeper, String root, String cluster, String health, int exitCode,
                           List<ServerHealth> servers, ClockEstimates.Result clocks, List<Finding> checks) {

    public static final int SCHEMA_VERSION = 1;

    public static DoctorReport of(long nowMs, String zookeeper, String root, String cluster, List<ServerHealth> servers,
                                  ClockEstimates.Result clocks, List<Finding> checks, Integer exitCodeOverride) {
        Severity worst = Severity.worst(checks);
        int exit = exitCodeOverride != null ? exitCodeOverride : worst.exitCode().code();
        return new DoctorReport("doctor", SCHEMA_VERSION, Durations.iso(nowMs), nowMs, zookeeper, root, cluster,
                exitCodeOverride != null ? "unknown" : Severity.health(worst), exit, servers, clocks, checks);
    }
}
