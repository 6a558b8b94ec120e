package io.hakeeper.agent.garp;

import io.hakeeper.common.config.grammar.IpLiteral;
import io.hakeeper.common.config.model.GarpSettings;
import io.hakeeper.common.config.model.VirtualIp;
import io.hakeeper.common.config.model.VrrpInstance;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.Packet;
import org.pcap4j.util.LinkLayerAddress;
import org.pcap4j.util.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends gratuitous ARPs / unsolicited NAs after a claim, with keepalived's timing
 * (keepalived.conf(5)): {@code garp_master_repeat} frames at once, the same again after
 * {@code garp_master_delay} seconds, and {@code garp_master_refresh_repeat} every
 * {@code garp_master_refresh} seconds while holding (0 = never). On its own thread: the fence
 * never waits for libpcap. Without libpcap it logs once and the fence goes on.
 */
public final class GarpSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GarpSender.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "garp");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, List<ScheduledFuture<?>>> scheduled = new ConcurrentHashMap<>();
    private volatile boolean unavailable;

    static {
        // pcap4j looks for "libpcap.so", which only the -dev package provides; Debian's runtime
        // package ships libpcap.so.0.8.
        if (System.getProperty("org.pcap4j.core.pcapLibName") == null) {
            for (String p : List.of("/usr/lib/x86_64-linux-gnu/libpcap.so.0.8", "/lib/x86_64-linux-gnu/libpcap.so.0.8",
                    "/usr/lib/aarch64-linux-gnu/libpcap.so.0.8", "/usr/lib/libpcap.so.0.8")) {
                if (Files.exists(Path.of(p))) {
                    System.setProperty("org.pcap4j.core.pcapLibName", p);
                    break;
                }
            }
        }
    }

    /** Starts announcing the instance's VIPs. */
    public void announce(VrrpInstance instance) {
        GarpSettings g = instance.garp();
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        tasks.add(timer.schedule(() -> burst(instance, g.repeat()), 0, TimeUnit.MILLISECONDS));
        if (g.delaySec() > 0) {
            tasks.add(timer.schedule(() -> burst(instance, g.repeat()), g.delaySec(), TimeUnit.SECONDS));
        }
        if (g.refreshSec() > 0) {
            tasks.add(timer.scheduleAtFixedRate(() -> burst(instance, g.refreshRepeat()), g.refreshSec(),
                    g.refreshSec(), TimeUnit.SECONDS));
        }
        List<ScheduledFuture<?>> old = scheduled.put(instance.name(), tasks);
        cancel(old);
    }

    /** Stops the instance's pending and periodic announcements (after a release). */
    public void stop(String instance) {
        cancel(scheduled.remove(instance));
    }

    private static void cancel(List<ScheduledFuture<?>> tasks) {
        if (tasks != null) {
            tasks.forEach(t -> t.cancel(false));
        }
    }

    private void burst(VrrpInstance instance, int count) {
        if (unavailable) {
            return;
        }
        for (VirtualIp v : instance.virtualIps()) {
            String dev = v.dev() != null ? v.dev() : instance.iface();
            try {
                send(dev, v, count);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                unavailable = true;
                log.error("gratuitous ARP disabled: libpcap is not available ({}); install libpcap0.8", e.toString());
                return;
            } catch (Exception e) {
                log.warn("[{}] could not announce {} on {}: {}", instance.name(), v.address(), dev, e.toString());
            }
        }
    }

    private static void send(String dev, VirtualIp v, int count) throws Exception {
        PcapNetworkInterface nif = Pcaps.getDevByName(dev);
        if (nif == null) {
            throw new IllegalStateException("no such interface for libpcap: " + dev);
        }
        MacAddress mac = null;
        for (LinkLayerAddress a : nif.getLinkLayerAddresses()) {
            if (a instanceof MacAddress m) {
                mac = m;
            }
        }
        if (mac == null) {
            throw new IllegalStateException(dev + " has no Ethernet address");
        }
        InetAddress ip = InetAddress.getByAddress(IpLiteral.parse(v.address()).orElseThrow().bytes());
        Packet frame = ip instanceof Inet4Address v4 ? GarpFrames.gratuitousArp(mac, v4)
                : GarpFrames.unsolicitedNeighborAdvertisement(mac, (Inet6Address) ip);
        try (PcapHandle h = nif.openLive(128, PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS, 10)) {
            for (int i = 0; i < count; i++) {
                h.sendPacket(frame);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
