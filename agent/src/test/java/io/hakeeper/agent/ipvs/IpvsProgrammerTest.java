package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.HostFacts;
import io.hakeeper.common.config.model.KeepalivedConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The agent's IPVS loop against the in-memory kernel: start, drift repair, reload, kernel absent. */
class IpvsProgrammerTest {

    private static KeepalivedConfig config(String servers) {
        ConfigLoader.Result r = ConfigLoader.loadText(Path.of("t.conf"), servers, ConfigLoader.Mode.CHECK,
                HostFacts.trusting());
        assertTrue(r.ok(), r.errors().toString());
        return r.config();
    }

    private static final String TWO = """
            virtual_server 10.0.0.1 80 {
                lb_algo rr
                lb_kind DR
                real_server 10.0.1.1 80
                real_server 10.0.1.2 80
            }
            virtual_server 10.0.0.2 443 {
                lb_algo wlc
                real_server 10.0.1.3 443
            }
            """;

    private static final String ONE = TWO.substring(0, TWO.indexOf("virtual_server 10.0.0.2"));

    @Test
    void programsAtStartRepairsDriftAndFollowsReloads() throws Exception {
        IpvsServiceKey foreign = IpvsServiceKey.of(IpvsProtocol.TCP, "10.9.9.9", 22);
        ModelKernel kernel = new ModelKernel(IpvsTable.EMPTY.with(new IpvsServiceEntry(
                IpvsService.of(foreign, "rr"), new java.util.TreeMap<>())));
        try (IpvsProgrammer p = new IpvsProgrammer(() -> kernel)) {
            p.start(config(TWO), 3600);
            p.checkNow();
            IpvsTable desired = DesiredState.build(config(TWO), RealServerHealth.none()).table();
            assertEquals(desired, kernel.table().restrictedTo(desired.keys()), "programmed at start");
            assertTrue(kernel.table().keys().contains(foreign), "a service we do not own survives");

            // Drift: someone deletes a service (ipvsadm -D); the next check puts it back.
            kernel.set(kernel.table().without(IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.2", 443)));
            p.checkNow();
            assertEquals(desired, kernel.table().restrictedTo(desired.keys()), "drift repaired");

            // Reload without the second server: it goes, the first stays, the foreign one stays.
            p.reload(config(ONE));
            p.checkNow();
            assertEquals(java.util.Set.of(foreign, IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80)),
                    kernel.table().keys());
        }
    }

    @Test
    void aMissingKernelModuleIsRetriedAtTheNextCheck() throws Exception {
        ModelKernel kernel = new ModelKernel(IpvsTable.EMPTY);
        int[] opens = {0};
        try (IpvsProgrammer p = new IpvsProgrammer(() -> {
            if (opens[0]++ == 0) {
                throw new java.io.IOException("the ip_vs kernel module is not loaded (modprobe ip_vs)");
            }
            return kernel;
        })) {
            p.start(config(ONE), 3600);
            p.checkNow();
            assertEquals(1, kernel.table().keys().size(), "programmed once IPVS became available");
            assertEquals(1, p.reconciles());
        }
    }
}
