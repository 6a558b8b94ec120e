package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.MachineFixture.OTHER_PEER;
import static io.hakeeper.common.vrrp.MachineFixture.PEER;
import static io.hakeeper.common.vrrp.MachineFixture.SECOND;
import static io.hakeeper.common.vrrp.MachineFixture.STRANGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random input sequences: invariants that hold whatever the network and the fence do. */
class VrrpMachinePropertyTest {

    private static final InetAddress[] SOURCES = {PEER, OTHER_PEER, STRANGER};

    /** Everything but BecomeMaster, with times moving forward by random steps. */
    private static VrrpInput randomNonMasterInput(Random random, long now) {
        return switch (random.nextInt(9)) {
            case 0 -> new VrrpInput.BecomeBackup(now);
            case 1 -> new VrrpInput.Release(now);
            case 2 -> new VrrpInput.Fault(now);
            case 3 -> new VrrpInput.SetPriority(now, 1 + random.nextInt(255));
            case 4 -> new VrrpInput.Received(now, SOURCES[random.nextInt(3)],
                    new DecodeResult.Rejected(RejectReason.values()[random.nextInt(RejectReason.values().length)], "x"));
            case 5, 6 -> MachineFixture.v2From(now, SOURCES[random.nextInt(3)], random.nextInt(256));
            default -> new VrrpInput.Tick(now);
        };
    }

    @Test
    void theMachineNeverBecomesMasterByItself() {
        Random random = new Random(20240601);
        for (int run = 0; run < 300; run++) {
            VrrpMachine m = new VrrpMachine(MachineFixture.v2());
            long now = random.nextLong();
            for (int step = 0; step < 200; step++) {
                now += random.nextInt(3) == 0 ? random.nextInt(10) * SECOND : random.nextInt(1_000_000_000);
                List<VrrpAction> actions = m.on(randomNonMasterInput(random, now));
                assertNotEquals(VrrpState.MASTER, m.state());
                for (VrrpAction a : actions) {
                    if (a instanceof VrrpAction.SendAdvert send) {
                        assertEquals(0, send.advert().priority(), "only a master's release or fault sends, at priority 0");
                    }
                }
            }
        }
    }

    @Test
    void aMasterKeepsAdvertisingWhateverItHearsUntilTheFenceSaysOtherwise() {
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            VrrpMachine m = new VrrpMachine(MachineFixture.v2());
            long now = random.nextLong();
            m.on(new VrrpInput.BecomeMaster(now, 1 + random.nextInt(255)));
            long lastAdvert = now;
            for (int step = 0; step < 300; step++) {
                now += random.nextInt(400_000_000);
                VrrpInput input = random.nextBoolean()
                        ? MachineFixture.v2From(now, SOURCES[random.nextInt(3)], random.nextInt(256))
                        : new VrrpInput.Tick(now);
                for (VrrpAction a : m.on(input)) {
                    if (a instanceof VrrpAction.SendAdvert send) {
                        assertTrue(send.advert().priority() > 0);
                        lastAdvert = now;
                    }
                }
                assertEquals(VrrpState.MASTER, m.state());
                if (input instanceof VrrpInput.Tick) {
                    assertTrue(now - lastAdvert < SECOND, "after any tick, the last advert is less than an interval old");
                }
            }
        }
    }

    @Test
    void foreignAdvertsNeverChangeStateOrTimers() {
        Random random = new Random(99);
        for (int run = 0; run < 200; run++) {
            VrrpMachine m = new VrrpMachine(MachineFixture.v2());
            long now = random.nextLong();
            if (random.nextBoolean()) {
                m.on(new VrrpInput.BecomeMaster(now, 100));
            } else {
                m.on(new VrrpInput.BecomeBackup(now));
            }
            VrrpState state = m.state();
            var deadline = m.deadline();
            for (int step = 0; step < 50; step++) {
                now += random.nextInt(10_000_000);
                List<VrrpAction> actions = m.on(MachineFixture.v2From(now, STRANGER, random.nextInt(256)));
                assertEquals(1, actions.size());
                assertTrue(actions.get(0) instanceof VrrpAction.ForeignRouter);
            }
            assertEquals(state, m.state());
            assertEquals(deadline, m.deadline());
        }
    }
}
