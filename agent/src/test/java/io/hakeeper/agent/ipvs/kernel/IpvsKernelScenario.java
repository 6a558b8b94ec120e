package io.hakeeper.agent.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.HaAgent;
import io.hakeeper.agent.ipvs.AddressFamily;
import io.hakeeper.agent.ipvs.DesiredState;
import io.hakeeper.agent.ipvs.DestinationKey;
import io.hakeeper.agent.ipvs.ForwardingMethod;
import io.hakeeper.agent.ipvs.IpAddress;
import io.hakeeper.agent.ipvs.IpvsApplier;
import io.hakeeper.agent.ipvs.IpvsApplyReport;
import io.hakeeper.agent.ipvs.IpvsDestination;
import io.hakeeper.agent.ipvs.IpvsDump;
import io.hakeeper.agent.ipvs.IpvsNetlink;
import io.hakeeper.agent.ipvs.IpvsOp;
import io.hakeeper.agent.ipvs.IpvsProtocol;
import io.hakeeper.agent.ipvs.IpvsRequestException;
import io.hakeeper.agent.ipvs.IpvsService;
import io.hakeeper.agent.ipvs.IpvsServiceEntry;
import io.hakeeper.agent.ipvs.IpvsServiceFlags;
import io.hakeeper.agent.ipvs.IpvsServiceKey;
import io.hakeeper.agent.ipvs.IpvsStats;
import io.hakeeper.agent.ipvs.IpvsTable;
import io.hakeeper.agent.ipvs.IpvsTableFormat;
import io.hakeeper.agent.ipvs.RealServerHealth;
import io.hakeeper.agent.ipvs.TunnelOptions;
import io.hakeeper.agent.ipvs.TunnelType;
import io.hakeeper.agent.netlink.Errno;
import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.HostFacts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs inside the VM (lab/qemu), as root, on Debian's stock kernel with IPVS: applies configs with
 * {@code haagent ipvs apply}, enters the same rules with ipvsadm, and compares what ipvsadm lists
 * for both; then drift repair, refusals, missing capability and live counters. Each check starts
 * from an empty table. {@link IpvsKernelTest} boots the VM and asserts each check.
 *
 * <p>Arguments: the repository's root directory (for the keepalived fixtures).
 */
public final class IpvsKernelScenario {

    private final Path root;
    private final Path resources;
    private final GuestChecks checks = new GuestChecks(System.out);
    private final IpvsNetlink kernel;

    private IpvsKernelScenario(Path root, IpvsNetlink kernel) throws Exception {
        this.root = root;
        this.resources = Path.of(IpvsKernelScenario.class.getResource("/ipvs-kernel/README.md").toURI()).getParent();
        this.kernel = kernel;
    }

    public static void main(String[] args) throws Exception {
        try (IpvsNetlink kernel = IpvsNetlink.open()) {
            IpvsKernelScenario s = new IpvsKernelScenario(Path.of(args[0]), kernel);
            s.checks.info("IPVS family id " + kernel.family().id() + " version " + kernel.family().version()
                    + "; " + kernel.info().versionText() + " size " + kernel.info().connTabSize()
                    + "; schedulers " + System.getenv("HAKEEPER_QEMU_SCHEDULERS"));
            s.checks.run("lvsFixtureMatchesIpvsadm", s::lvsFixture);
            s.checks.run("haagentProcessAppliesTheFixtureAndExitsZero", s::haagentProcess);
            s.checks.run("natDrTunOverTcpUdpSctpMatchIpvsadm", () -> s.sameAsIpvsadm("methods"));
            s.checks.run("ipv6AndFwmarkMatchIpvsadm", () -> s.sameAsIpvsadm("ipv6-fwmark"));
            s.checks.run("sorryServerAndGroupMatchIpvsadm", () -> s.sameAsIpvsadm("sorry-group"));
            s.checks.run("everySchedulerMatchesIpvsadm", s::everyScheduler);
            s.checks.run("everyWireFeatureRoundTripsAndMatchesIpvsadm", s::everyWireFeature);
            s.checks.run("driftIsRepairedAndForeignServicesSurvive", s::drift);
            s.checks.run("refusalMidwayReportsWhatWasAndWasNotApplied", s::refusedMidway);
            s.checks.run("unknownSchedulerNamesItsModule", s::unknownScheduler);
            s.checks.run("liveConnectionCountersMatchIpvsadm", s::liveCounters);
            s.checks.run("withoutCapNetAdminTheCommandsSaySo", s::withoutCapNetAdmin);
            s.checks.run("trafficStatsMatchIpvsadm", s::statsAfterTheEstimator);
            s.checks.run("verdictsDriveTheTableWithSorryServerAndQuorum",
                    () -> new VerdictKernelCheck(kernel, s.checks).run());
        }
    }

    // ---- helpers ----

    record Run(int exit, String out, String err) {
        String describe() {
            return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    /** {@code haagent ARGS} in this JVM (one JVM start under TCG costs seconds). */
    private static Run haagent(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = HaAgent.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static DesiredState.Result desired(Path conf) {
        ConfigLoader.Result r = ConfigLoader.load(conf, ConfigLoader.Mode.CHECK, HostFacts.trusting());
        assertTrue(r.ok(), () -> conf + ": " + r.errors());
        return DesiredState.build(r.config(), RealServerHealth.allHealthy());
    }

    /** Applies {@code conf} with haagent, lists it; enters {@code rules} with ipvsadm -R, lists it; both must agree. */
    private void compare(Path conf, String rules) throws Exception {
        DesiredState.Result want = desired(conf);
        kernel.flush();
        Run applied = haagent("ipvs", "apply", "--config", conf.toString());
        assertEquals(0, applied.exit(), applied::describe);
        Ipvsadm.Listing ours = Ipvsadm.listing();
        assertEquals(want.table(), kernel.table(), "our dump of our table is the desired table");
        assertEquals(ours.ln(), haagent("ipvs", "show").out(), "haagent ipvs show prints what ipvsadm -Ln prints");
        assertEquals(ours.persistentConn(), haagent("ipvs", "show", "--persistent-conn").out(), "--persistent-conn");
        assertEquals(ours.thresholds(), haagent("ipvs", "show", "--thresholds").out(), "--thresholds");
        assertEquals(ours.ln(), haagent("ipvs", "show", "--config", conf.toString()).out(), "show --config: all ours");

        kernel.flush();
        Ipvsadm.restore(rules);
        Ipvsadm.Listing theirs = Ipvsadm.listing();
        assertEquals(theirs.ln(), ours.ln(), "ipvsadm -Ln");
        assertEquals(theirs.persistentConn(), ours.persistentConn(), "ipvsadm -Ln --persistent-conn");
        assertEquals(theirs.thresholds(), ours.thresholds(), "ipvsadm -Ln --thresholds");
        assertEquals(theirs.rules(), ours.rules(), "ipvsadm -Sn");
        assertEquals(want.table(), kernel.table(), "our dump of ipvsadm's table is the desired table");
        checks.info("== " + conf.getFileName() + ": haagent ipvs apply output\n" + applied.out()
                + "== ipvsadm -Ln (identical for both)\n" + ours.ln());
    }

    private void sameAsIpvsadm(String name) throws Exception {
        compare(resources.resolve(name + ".conf"), Files.readString(resources.resolve(name + ".ipvsadm")));
    }

    // ---- checks ----

    /** keepalived's LVS fixture (DR, rr, persistence 5, TCP_CHECK real servers), addresses untouched. */
    private void lvsFixture() throws Exception {
        compare(root.resolve("common/src/test/resources/fixtures/keepalived/seed003-ch4-13-lvs-master.conf"),
                Files.readString(resources.resolve("seed003-ch4-13-lvs-master.ipvsadm")));
    }

    /** The real command line, as a process: exit status and output. */
    private void haagentProcess() throws Exception {
        kernel.flush();
        Path conf = root.resolve("common/src/test/resources/fixtures/keepalived/seed003-ch4-14-lvs-backup.conf");
        Run r = java(List.of(), "io.hakeeper.agent.HaAgent", "ipvs", "apply", "--config", conf.toString());
        assertEquals(0, r.exit(), r::describe);
        assertEquals(List.of("applied 3 of 3 changes (1 batch, ", "  applied: add service TCP 192.168.156.150:80 rr persistent 5",
                        "  applied: add destination 192.168.156.135:80 Route weight 1 to TCP 192.168.156.150:80",
                        "  applied: add destination 192.168.156.137:80 Route weight 1 to TCP 192.168.156.150:80",
                        "confirmed: the changed services read back as desired (1 service, 2 destinations)"),
                r.out().lines().map(l -> l.startsWith("applied 3 of 3") ? l.substring(0, l.indexOf(", ") + 2) : l).toList(),
                r::describe);
        Run again = java(List.of(), "io.hakeeper.agent.HaAgent", "ipvs", "apply", "--config", conf.toString());
        assertEquals(0, again.exit(), again::describe);
        assertEquals("nothing to change: the kernel already holds the desired table\nconfirmed: nothing was changed\n",
                again.out());
    }

    /** One service per scheduler module this kernel ships, read from the harness's list. */
    private void everyScheduler() throws Exception {
        String[] schedulers = System.getenv("HAKEEPER_QEMU_SCHEDULERS").trim().split("\\s+");
        StringBuilder conf = new StringBuilder();
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < schedulers.length; i++) {
            String vip = "192.168.110." + (i + 1);
            String rs = "192.168.5." + (i + 1);
            conf.append("virtual_server ").append(vip).append(" 80 {\n    lb_algo ").append(schedulers[i])
                    .append("\n    lb_kind NAT\n    protocol TCP\n    real_server ").append(rs)
                    .append(" 8080 {\n        weight ").append(i + 1).append("\n    }\n}\n");
            rules.append("-A -t ").append(vip).append(":80 -s ").append(schedulers[i]).append('\n')
                    .append("-a -t ").append(vip).append(":80 -r ").append(rs).append(":8080 -m -w ").append(i + 1).append('\n');
        }
        Path file = Files.createTempFile("schedulers", ".conf");
        Files.writeString(file, conf);
        compare(file, rules.toString());
        assertTrue(schedulers.length >= 13, "Debian's kernel ships at least 13 schedulers: " + String.join(" ", schedulers));
    }

    /**
     * A table with what configs cannot yet express: scheduler flags, one-packet scheduling, GUE
     * and GRE tunnels with checksum options, a port-0 persistent service, an IPv6 fwmark with a /48
     * granularity, big weights and thresholds. Programmed with our netlink client, dumped back
     * identical, and listed as ipvsadm -R of the same rules ({@link IpvsTableFormat#rules}) lists.
     */
    private void everyWireFeature() throws Exception {
        IpvsServiceKey dns = IpvsServiceKey.of(IpvsProtocol.UDP, "192.168.130.1", 53);
        IpvsServiceKey maglev = IpvsServiceKey.of(IpvsProtocol.TCP, "192.168.130.2", 80);
        IpvsServiceKey tunnels = IpvsServiceKey.of(IpvsProtocol.TCP, "192.168.130.3", 80);
        IpvsServiceKey allPorts = IpvsServiceKey.of(IpvsProtocol.TCP, "192.168.130.4", 0);
        IpvsServiceKey mark6 = IpvsServiceKey.fwmark(AddressFamily.INET6, 9);
        IpvsTable table = IpvsTable.of(
                IpvsServiceEntry.of(IpvsService.of(dns, "sh").withFlags(IpvsServiceFlags.IP_VS_SVC_F_SCHED_SH_FALLBACK
                                | IpvsServiceFlags.IP_VS_SVC_F_SCHED_SH_PORT | IpvsServiceFlags.IP_VS_SVC_F_ONEPACKET),
                        IpvsDestination.of("192.168.7.1", 53, ForwardingMethod.MASQ, 65535).withThresholds(1_000_000, 1)),
                IpvsServiceEntry.of(IpvsService.of(maglev, "mh").withFlags(IpvsServiceFlags.IP_VS_SVC_F_SCHED_MH_FALLBACK
                                | IpvsServiceFlags.IP_VS_SVC_F_SCHED_MH_PORT),
                        IpvsDestination.of("192.168.7.2", 8080, ForwardingMethod.MASQ, 1),
                        IpvsDestination.of("192.168.7.3", 8080, ForwardingMethod.MASQ, 2)),
                IpvsServiceEntry.of(IpvsService.of(tunnels, "wrr"),
                        new IpvsDestination(IpAddress.parse("192.168.7.10"), 80, ForwardingMethod.TUNNEL, 1, 0, 0,
                                new TunnelOptions(TunnelType.GUE, 6080, TunnelOptions.IP_VS_TUNNEL_ENCAP_FLAG_CSUM)),
                        new IpvsDestination(IpAddress.parse("192.168.7.11"), 80, ForwardingMethod.TUNNEL, 2, 0, 0,
                                new TunnelOptions(TunnelType.GRE, 0, TunnelOptions.IP_VS_TUNNEL_ENCAP_FLAG_CSUM)),
                        IpvsDestination.of("192.168.7.12", 80, ForwardingMethod.TUNNEL, 3),
                        new IpvsDestination(IpAddress.parse("2001:db8:200:7::1"), 80, ForwardingMethod.TUNNEL, 4, 0, 0,
                                new TunnelOptions(TunnelType.GUE, 6081, TunnelOptions.IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM))),
                IpvsServiceEntry.of(IpvsService.persistent(allPorts, "lc", 30),
                        IpvsDestination.of("192.168.7.20", 0, ForwardingMethod.DROUTE, 1)),
                IpvsServiceEntry.of(new IpvsService(mark6, "lblcr", IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, 60, 48),
                        IpvsDestination.of("2001:db8:200:8::1", 0, ForwardingMethod.DROUTE, 1),
                        IpvsDestination.of("2001:db8:200:8::2", 0, ForwardingMethod.DROUTE, 1)));

        kernel.flush();
        IpvsApplyReport r = new IpvsApplier(kernel).reconcile(table, table.keys());
        assertTrue(r.complete(), () -> String.join("\n", r.lines()));
        assertEquals(table, kernel.table(), "dumped back exactly as sent");
        Ipvsadm.Listing ours = Ipvsadm.listing();
        assertEquals(ours.ln(), IpvsTableFormat.list(table, kernel.info()), "our layout of our table is ipvsadm's");

        kernel.flush();
        Ipvsadm.restore(restoreInput(table));
        Ipvsadm.Listing theirs = Ipvsadm.listing();
        assertEquals(theirs.ln(), ours.ln(), "ipvsadm -Ln");
        assertEquals(theirs.persistentConn(), ours.persistentConn(), "ipvsadm -Ln --persistent-conn");
        assertEquals(theirs.thresholds(), ours.thresholds(), "ipvsadm -Ln --thresholds");
        assertEquals(theirs.rules(), ours.rules(), "ipvsadm -Sn");
        assertEquals(table, kernel.table(), "ipvsadm's table decodes to the same value");
        checks.info("== every wire feature: ipvsadm -Sn (identical for both)\n" + ours.rules());
    }

    /**
     * {@link IpvsTableFormat#rules} (ipvsadm -S's layout) plus the thresholds, which ipvsadm -S does
     * not save but -R accepts as -x/-y.
     */
    private static String restoreInput(IpvsTable table) {
        List<String> lines = new ArrayList<>(IpvsTableFormat.rules(table).lines().toList());
        int i = 0;
        for (IpvsServiceEntry e : table.services().values()) {
            i++; // the -A line
            for (IpvsDestination d : e.destinations().values()) {
                if (d.upperThreshold() != 0 || d.lowerThreshold() != 0) {
                    lines.set(i, lines.get(i) + " -x " + d.upperThreshold() + " -y " + d.lowerThreshold());
                }
                i++;
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** ipvsadm -D/-d/-e/-E behind our back, a foreign service added; then ipvsadm -C. */
    private void drift() throws Exception {
        DesiredState.Result want = desired(resources.resolve("methods.conf"));
        kernel.flush();
        IpvsApplier applier = new IpvsApplier(kernel);
        assertTrue(applier.reconcile(want.table(), want.owned()).complete());
        String foreign = "-A -t 192.168.250.1:8080 -s rr\n-a -t 192.168.250.1:8080 -r 192.168.250.2:8080 -m -w 1\n";
        Ipvsadm.restore(foreign);
        IpvsServiceKey foreignKey = IpvsServiceKey.of(IpvsProtocol.TCP, "192.168.250.1", 8080);
        IpvsServiceEntry foreignEntry = kernel.table().entry(foreignKey);
        String before = Ipvsadm.run("-Sn");

        Ipvsadm.run("-D", "-u", "192.168.100.3:53");
        Ipvsadm.run("-d", "-t", "192.168.100.1:80", "-r", "192.168.1.2:8081");
        Ipvsadm.run("-e", "-t", "192.168.100.2:443", "-r", "192.168.1.11:443", "-g", "-w", "7");
        Ipvsadm.run("-E", "--sctp-service", "192.168.100.4:3868", "-s", "rr", "-p", "360");

        IpvsApplyReport repair = applier.reconcile(want.table(), want.owned());
        assertTrue(repair.complete(), () -> String.join("\n", repair.lines()));
        Map<String, Integer> kinds = new TreeMap<>();
        repair.applied().forEach(op -> kinds.merge(op.getClass().getSimpleName(), 1, Integer::sum));
        assertEquals(Map.of("NewService", 1, "NewDest", 3, "EditDest", 1, "EditService", 1), kinds,
                () -> String.join("\n", repair.lines()));
        assertEquals(before, Ipvsadm.run("-Sn"), "restored, foreign service included");
        assertEquals(foreignEntry, kernel.table().entry(foreignKey), "the foreign service is untouched");
        checks.info("== drift repair after ipvsadm -D/-d/-e/-E\n" + String.join("\n", repair.lines()));

        Ipvsadm.run("-C");
        Ipvsadm.restore(foreign);
        IpvsApplyReport restore = applier.reconcile(want.table(), want.owned());
        assertTrue(restore.complete(), () -> String.join("\n", restore.lines()));
        assertEquals(4 + 7, restore.applied().size());
        assertEquals(before, Ipvsadm.run("-Sn"), "restored after ipvsadm -C; the foreign service re-added by hand survives");

        IpvsApplyReport idle = applier.reconcile(want.table(), want.owned());
        assertEquals(0, idle.planned(), () -> String.join("\n", idle.lines()));
        assertTrue(idle.complete());
    }

    private void refusedMidway() throws Exception {
        kernel.flush();
        Path conf = resources.resolve("refused-midway.conf");
        // One service per batch, so the run stops at the refused service.
        Run r = haagent("ipvs", "apply", "--config", conf.toString(), "--batch-size", "2");
        assertEquals(1, r.exit(), r::describe);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("applied 2 of 6 changes (3 batches, "), r::describe);
        assertEquals(List.of(
                "  applied: add service TCP 192.168.100.40:80 rr",
                "  applied: add destination 192.168.8.1:80 Masq weight 1 to TCP 192.168.100.40:80",
                "  REFUSED (batch 2): add service TCP 192.168.100.41:80 twos: scheduler 'twos' is not available "
                        + "(modprobe ip_vs_twos) [ENOENT]",
                "  REFUSED (batch 2): add destination 192.168.8.2:80 Masq weight 1 to TCP 192.168.100.41:80: no such "
                        + "service (its creation was refused, or it was deleted meanwhile; the next reconcile reads the "
                        + "table again) [ESRCH]",
                "not sent, because of that (2):",
                "  not sent: add service TCP 192.168.100.42:80 rr",
                "  not sent: add destination 192.168.8.3:80 Masq weight 1 to TCP 192.168.100.42:80",
                "NOT confirmed: the kernel's table still needs 4 changes:",
                "  still needed: add service TCP 192.168.100.41:80 twos",
                "  still needed: add destination 192.168.8.2:80 Masq weight 1 to TCP 192.168.100.41:80",
                "  still needed: add service TCP 192.168.100.42:80 rr",
                "  still needed: add destination 192.168.8.3:80 Masq weight 1 to TCP 192.168.100.42:80"),
                lines.subList(1, lines.size()), r::describe);
        assertEquals("-A -t 192.168.100.40:80 -s rr\n-a -t 192.168.100.40:80 -r 192.168.8.1:80 -m -w 1\n",
                Ipvsadm.run("-Sn"), "exactly what the report says was applied");
        checks.info("== refused midway: haagent ipvs apply output (exit 1)\n" + r.out());
    }

    private void unknownScheduler() throws Exception {
        kernel.flush();
        IpvsServiceKey key = IpvsServiceKey.of(IpvsProtocol.TCP, "192.168.100.50", 80);
        IpvsRequestException e = null;
        try {
            kernel.apply(new IpvsOp.NewService(IpvsService.of(key, "xyz")));
        } catch (IpvsRequestException refused) {
            e = refused;
        }
        assertTrue(e != null, "the kernel accepted scheduler xyz");
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("add service TCP 192.168.100.50:80 xyz: scheduler 'xyz' is not available (modprobe ip_vs_xyz) [ENOENT]",
                e.getMessage());
        assertEquals(IpvsTable.EMPTY, kernel.table());
    }

    /**
     * TCP connection attempts from the director itself to two virtual services: IPVS schedules
     * them in its LOCAL_OUT hook and the SYNs leave on the dummy interface (to nobody: the
     * entries stay SYN_RECV). Connection counts
     * (active, inactive, persistent) are atomic counters the dump reads directly, and connect()
     * returns after the SYN went out (non-blocking), so nothing needs waiting for. The sockets are
     * closed at the end (no more SYN retransmissions), and the table is left in place for
     * {@link #statsAfterTheEstimator}.
     */
    private void liveCounters() throws Exception {
        DesiredState.Result want = desired(resources.resolve("methods.conf"));
        kernel.flush();
        assertTrue(new IpvsApplier(kernel).reconcile(want.table(), want.owned()).complete());
        List<SocketChannel> open = new ArrayList<>();
        try {
            for (String vip : List.of("192.168.100.1", "192.168.100.1", "192.168.100.2")) {
                SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.connect(new InetSocketAddress(vip, vip.endsWith(".1") ? 80 : 443));
                open.add(c);
            }
            checks.info("== connections after three attempts: ipvsadm -Lnc\n" + Ipvsadm.run("-Lnc"));
            IpvsDump dump = kernel.dump();
            // IPVS sees the director's own SYN as a client's: the entry is SYN_RECV, which it counts as active.
            long active = dump.destinationCounts().get(NAT).values().stream().mapToLong(c -> c.activeConns()).sum();
            assertEquals(2, active, () -> "two SYN_RECV connections on " + NAT + ": " + dump.destinationCounts());
            long persistent = dump.destinationCounts().get(DR).values().stream().mapToLong(c -> c.persistConns()).sum();
            assertEquals(1, persistent, () -> "one persistence template on " + DR + ": " + dump.destinationCounts());

            assertEquals(Ipvsadm.run("-Ln"), haagent("ipvs", "show").out(), "connection counters as ipvsadm -Ln");
            assertEquals(Ipvsadm.run("-Ln", "--persistent-conn"), haagent("ipvs", "show", "--persistent-conn").out());
            assertEquals(Ipvsadm.run("-Ln", "--thresholds"), haagent("ipvs", "show", "--thresholds").out());
        } finally {
            for (SocketChannel c : open) {
                c.close();
            }
        }
    }

    /**
     * Traffic stats are not read from the per-CPU counters at dump time: the kernel's rate
     * estimator folds them into what the dump reports every 2 s (ip_vs_est.c). This check runs
     * after {@link #withoutCapNetAdmin}, a JVM start under TCG (over 5 s) that leaves the table of
     * {@link #liveCounters} as it was, so by now the estimator has counted those connections.
     */
    private void statsAfterTheEstimator() throws Exception {
        IpvsDump dump = kernel.dump();
        assertEquals(2, dump.stats(NAT).conns(), () -> "stats " + dump.serviceStats());
        assertEquals(1, dump.stats(DR).conns(), () -> "stats " + dump.serviceStats());
        assertTrue(dump.stats(NAT).inPackets() >= 2 && dump.stats(NAT).inBytes() > 0, () -> "stats " + dump.serviceStats());
        String stats = Ipvsadm.run("-Ln", "--stats", "--exact");
        assertEquals(stats, statsLayout(kernel.dump()), "our decoded stats, laid out as ipvsadm -Ln --stats --exact");
        checks.info("== stats of those connections: ipvsadm -Ln --stats --exact\n" + stats);
    }

    private static final IpvsServiceKey NAT = IpvsServiceKey.of(IpvsProtocol.TCP, "192.168.100.1", 80);
    private static final IpvsServiceKey DR = IpvsServiceKey.of(IpvsProtocol.TCP, "192.168.100.2", 443);

    /** ipvsadm -Ln --stats --exact (ipvsadm.c print_title / print_service_entry with FMT_STATS|FMT_EXACT). */
    private String statsLayout(IpvsDump dump) throws Exception {
        StringBuilder s = new StringBuilder();
        String[] listing = IpvsTableFormat.list(dump.table(), kernel.info()).split("\n");
        s.append(listing[0]).append('\n');
        s.append(String.format("%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n",
                "Prot LocalAddress:Port", "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"));
        for (IpvsServiceEntry e : dump.table().services().values()) {
            String name = e.key() instanceof IpvsServiceKey.Address a
                    ? String.format("%-4s %s", a.protocol().listName(), a.address().withPort(a.port()))
                    : "FWM  " + Integer.toUnsignedString(e.key().fwmark());
            s.append(String.format("%-33s", name)).append(numbers(dump.stats(e.key()))).append('\n');
            for (DestinationKey d : e.destinations().keySet()) {
                s.append(String.format("  -> %-28s", d)).append(numbers(dump.stats(e.key(), d))).append('\n');
            }
        }
        return s.toString();
    }

    private static String numbers(IpvsStats st) {
        return String.format(" %8d %8d %8d %8d %8d", st.conns(), st.inPackets(), st.outPackets(), st.inBytes(), st.outBytes());
    }

    /** The same commands with CAP_NET_ADMIN dropped from the bounding set: every IPVS command needs it. */
    private void withoutCapNetAdmin() throws Exception {
        IpvsTable before = kernel.table();
        Path conf = resources.resolve("methods.conf");
        List<String> noCap = List.of("setpriv", "--bounding-set", "-net_admin", "--inh-caps", "-net_admin", "--");
        Run apply = java(noCap, "io.hakeeper.agent.HaAgent", "ipvs", "apply", "--config", conf.toString());
        assertEquals(1, apply.exit(), apply::describe);
        assertTrue(apply.err().contains("needs CAP_NET_ADMIN: run as root, or grant the capability"), apply::describe);
        assertTrue(apply.err().endsWith("; nothing was changed\n"), apply::describe);
        assertEquals(before, kernel.table(), "nothing changed");
        checks.info("== haagent ipvs apply without CAP_NET_ADMIN (exit 1), stderr\n" + apply.err());
    }

    private static Run java(List<String> prefix, String main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("java", ".out");
        Path err = Files.createTempFile("java", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            int exit = p.waitFor();
            return new Run(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
