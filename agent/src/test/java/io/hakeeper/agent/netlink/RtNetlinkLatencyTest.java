package io.hakeeper.agent.netlink;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Measures (prints, never asserts) the cost of the calls the fence makes: the lifetime renewal
 * every 250 ms, and add/delete on claim and release. Also runnable as a main, e.g. inside a
 * namespace: {@code ip netns exec NS java -cp CLASSPATH io.hakeeper.agent.netlink.RtNetlinkLatencyTest}.
 */
class RtNetlinkLatencyTest {
    private static final int WARMUP = 300;
    private static final int CALLS = 1000;

    interface Call {
        void run() throws NetlinkException;
    }

    @Test
    void printRenewAddAndDeleteLatency() throws Exception {
        ScratchVeth.assumeNetAdmin();
        measureAndPrint();
    }

    public static void main(String[] args) throws Exception {
        measureAndPrint();
    }

    private static void measureAndPrint() throws Exception {
        TestAddresses addr = new TestAddresses();
        try (ScratchVeth veth = ScratchVeth.create().up(); RtNetlink rtnl = RtNetlink.open()) {
            int index = veth.index();
            for (AddressSpec spec : List.of(
                    AddressSpec.of(index, addr.v4(7), 24).withLabel(veth.name() + ":1"),
                    AddressSpec.of(index, addr.v6(7), 64))) {
                String family = spec.family() == Rtnetlink.AF_INET ? "IPv4" : "IPv6";
                AddressLifetime lease = AddressLifetime.ofSeconds(1);

                rtnl.addAddress(spec, lease);
                try {
                    measure(WARMUP, () -> rtnl.replaceLifetime(spec, lease));
                    print("replaceLifetime " + family, measure(CALLS, () -> rtnl.replaceLifetime(spec, lease)));
                } finally {
                    rtnl.deleteAddress(spec);
                }

                long[] add = new long[CALLS];
                long[] delete = new long[CALLS];
                for (int i = 0; i < WARMUP + CALLS; i++) {
                    long t0 = System.nanoTime();
                    rtnl.addAddress(spec, lease);
                    long t1 = System.nanoTime();
                    rtnl.deleteAddress(spec);
                    long t2 = System.nanoTime();
                    if (i >= WARMUP) {
                        add[i - WARMUP] = t1 - t0;
                        delete[i - WARMUP] = t2 - t1;
                    }
                }
                print("addAddress      " + family, add);
                print("deleteAddress   " + family, delete);
            }
        }
    }

    private static long[] measure(int n, Call call) throws NetlinkException {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0);
        System.out.printf("[netlink] %s: %d calls, mean %.1f us, p50 %.1f us, p99 %.1f us, max %.1f us, %.0f ops/s%n",
                what, nanos.length, mean / 1e3, sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3, 1e9 / mean);
    }
}
