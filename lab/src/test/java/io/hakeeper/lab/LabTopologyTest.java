package io.hakeeper.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** lab/topology.env's address plan holds together for every mode of 'bin/lab up [--zk 3] [--ipv6]'. */
class LabTopologyTest {

    private static final LabTopology T = read();

    private static LabTopology read() {
        try {
            return LabTopology.ofRepository();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The default lab's nodes and the ensemble's other servers: every namespace bin/lab may create. */
    private static List<String> everyNode() {
        Set<String> nodes = new LinkedHashSet<>(T.nodes());
        nodes.addAll(T.zkEnsemble());
        return new ArrayList<>(nodes);
    }

    @Test
    void theEnsembleIsZkAndTwoServersOutsideTheDefaultLab() {
        List<String> ensemble = T.zkEnsemble();
        assertEquals(3, ensemble.size(), "bin/lab up --zk 3");
        assertEquals("zk", ensemble.get(0), "the default lab's server is the ensemble's first (myid 1)");
        for (String s : ensemble.subList(1, ensemble.size())) {
            assertFalse(T.nodes().contains(s), s + " is in LAB_NODES, the default lab (and docker-compose.yml's services)");
        }
    }

    @Test
    void everyNodeHasItsOwnAddressOfEachFamilyOnTheLabsSubnets() throws Exception {
        Set<String> v4 = new HashSet<>(Set.of(T.vip()));
        Set<String> v6 = new HashSet<>(Set.of(T.get("LAB_VIP6")));
        assertTrue(inSubnet(T.vip(), T.get("LAB_SUBNET")));
        assertTrue(inSubnet(T.get("LAB_VIP6"), T.get("LAB_SUBNET6")));
        for (String node : everyNode()) {
            assertTrue(inSubnet(T.address(node), T.get("LAB_SUBNET")), node + " " + T.address(node));
            assertTrue(inSubnet(T.address6(node), T.get("LAB_SUBNET6")), node + " " + T.address6(node));
            assertTrue(v4.add(T.address(node)), node + " shares " + T.address(node));
            assertTrue(v6.add(InetAddress.getByName(T.address6(node)).getHostAddress()), node + " shares " + T.address6(node));
        }
        assertEquals(T.get("LAB_SUBNET").split("/")[1], T.get("LAB_PREFIX_LEN"));
        assertEquals(T.get("LAB_SUBNET6").split("/")[1], T.get("LAB_PREFIX_LEN6"));
    }

    private static boolean inSubnet(String address, String subnet) throws Exception {
        byte[] a = InetAddress.getByName(address).getAddress();
        byte[] net = InetAddress.getByName(subnet.split("/")[0]).getAddress();
        int bits = Integer.parseInt(subnet.split("/")[1]);
        if (a.length != net.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (net[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
