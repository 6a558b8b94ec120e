package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.testsupport.Poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.vrrp.FactLog.Kind;
import io.hakeeper.common.vrrp.DecodeResult;
import io.hakeeper.common.vrrp.RejectReason;
import io.hakeeper.common.vrrp.RxContext;
import io.hakeeper.common.vrrp.VrrpAdvert;
import io.hakeeper.common.vrrp.VrrpAuth;
import io.hakeeper.common.vrrp.VrrpDecoder;
import io.hakeeper.common.vrrp.VrrpEncoder;
import io.hakeeper.common.vrrp.VrrpProtocol;
import io.hakeeper.common.vrrp.VrrpState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The speaker's own logic over an in-memory transport: no root, no sockets. */
class VrrpSpeakerTest {

    private static final InetAddress SELF = TestIp.of("198.18.9.1");
    private static final InetAddress PEER = TestIp.of("198.18.9.2");
    private static final InetAddress STRANGER = TestIp.of("198.18.9.66");
    private static final InetAddress VIP = TestIp.of("198.18.9.100");

    private final InMemoryTransport transport = new InMemoryTransport(SELF);
    private final FactLog facts = new FactLog();

    private VrrpSpeaker started() throws Exception {
        VrrpSpeaker s = new VrrpSpeaker(Speakers.v2("VI_MEM", 100, Set.of(SELF, PEER), VIP), facts, System::nanoTime,
                (config, clock) -> transport);
        s.start();
        return s;
    }

    private static byte[] advert(int priority, InetAddress from) {
        return VrrpEncoder.encode(VrrpAdvert.v2(Speakers.VRID, priority, 1, VrrpAuth.password(Speakers.PASSWORD),
                List.of(VIP)), from, VrrpProtocol.VRRP_MCAST_GROUP4);
    }

    private static VrrpAdvert decodeSent(InMemoryTransport.Sent sent) {
        DecodeResult r = VrrpDecoder.decode(sent.message(), new RxContext(SELF, sent.destination(), 255));
        return ((DecodeResult.Ok) r).advert();
    }

    @Test
    void startListensAndCommandsTakeEffectBeforeTheyReturn() throws Exception {
        try (VrrpSpeaker s = started()) {
            assertEquals(VrrpSpeaker.Lifecycle.STARTED, s.lifecycle());
            assertEquals(VrrpState.BACKUP, s.state());
            assertEquals(List.of(), transport.sent());
            s.advertise(120);
            assertEquals(VrrpState.MASTER, s.state());
            assertEquals(1, transport.sent().size(), "the first advert went out before advertise() returned");
            assertEquals(VrrpProtocol.VRRP_MCAST_GROUP4, transport.sent().get(0).destination());
            assertEquals(120, decodeSent(transport.sent().get(0)).priority());
            s.setPriority(110);
            Poll.until(Duration.ofSeconds(3), "the next periodic advert", () -> transport.sent().size() >= 2);
            assertEquals(110, decodeSent(transport.sent().get(1)).priority());
            s.stopAdvertising(true);
            List<InMemoryTransport.Sent> all = transport.sent();
            assertEquals(0, decodeSent(all.get(all.size() - 1)).priority(), "release ends with priority 0");
            assertEquals(VrrpState.BACKUP, s.state());
        }
        assertTrue(transport.closed());
    }

    @Test
    void closeIsPromptAndSendsNothing() throws Exception {
        VrrpSpeaker s = started();
        s.advertise(100);
        int before = transport.sent().size();
        long took = System.nanoTime();
        s.close();
        took = System.nanoTime() - took;
        assertEquals(before, transport.sent().size(), "close is a crash on the wire: no priority 0");
        assertTrue(took < 1_000_000_000L, "close took " + took / 1_000_000 + " ms");
        assertEquals(VrrpSpeaker.Lifecycle.CLOSED, s.lifecycle());
        assertThrows(IllegalStateException.class, () -> s.advertise(100));
        s.close(); // idempotent
    }

    @Test
    void badPacketsAreCountedByReasonAndForeignAdvertsReportedWithoutStateChange() throws Exception {
        try (VrrpSpeaker s = started()) {
            byte[] good = advert(150, PEER);
            byte[] badSum = good.clone();
            badSum[6] ^= 1;
            transport.arrive(PEER, 255, good);
            transport.arrive(PEER, 255, badSum);
            transport.arrive(PEER, 64, good);
            transport.arrive(PEER, 255, new byte[3]);
            transport.arrive(STRANGER, 255, advert(255, STRANGER));
            Poll.until(Duration.ofSeconds(2), "all five counted", () -> s.counters().received() == 5
                    && facts.count(Kind.FOREIGN) == 1);
            VrrpCounters c = s.counters();
            assertEquals(2, c.accepted());
            assertEquals(1, c.dropped(RejectReason.BAD_CHECKSUM));
            assertEquals(1, c.dropped(RejectReason.BAD_TTL));
            assertEquals(1, c.dropped(RejectReason.TOO_SHORT));
            assertEquals(1, c.foreignAdverts());
            assertEquals(List.of(STRANGER), c.foreignRouters());
            assertEquals(VrrpState.BACKUP, s.state());
            assertEquals(PEER, s.currentMaster().orElseThrow());
            assertEquals(new FactLog.Fact(Kind.FOREIGN, STRANGER, 255, "", 0), withoutTime(facts.first(Kind.FOREIGN)
                    .orElseThrow()));
        }
    }

    @Test
    void ourOwnAdvertsLoopedBackAreIgnored() throws Exception {
        try (VrrpSpeaker s = started()) {
            transport.arrive(SELF, 255, advert(100, SELF));
            transport.arrive(PEER, 255, advert(150, PEER));
            Poll.until(Duration.ofSeconds(2), "the peer's advert", () -> s.counters().received() == 1);
            // Facts reach listeners on their own thread: wait for the one the peer causes.
            Poll.until(Duration.ofSeconds(2), "the peer seen as master", () -> facts.count(Kind.MASTER_SEEN) == 1);
            assertEquals(1, s.counters().received(), "our own looped-back advert is not counted as received");
            assertEquals(1, facts.count(Kind.MASTER_SEEN));
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheSpeaker() throws Exception {
        VrrpSpeakerListener throwing = new VrrpSpeakerListener() {
            @Override
            public void masterSeen(InetAddress source, int priority, long at) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (VrrpSpeaker s = new VrrpSpeaker(Speakers.v2("VI_MEM", 100, Set.of(SELF, PEER), VIP), throwing,
                System::nanoTime, (config, clock) -> transport)) {
            s.start();
            transport.arrive(PEER, 255, advert(150, PEER));
            transport.arrive(PEER, 255, advert(140, PEER));
            Poll.until(Duration.ofSeconds(2), "both adverts", () -> s.counters().accepted() == 2);
            s.advertise(100);
            assertEquals(VrrpState.MASTER, s.state());
        }
    }

    @Test
    void aSpeakerThatCannotOpenItsSocketsIsClosedAndSaysWhy() {
        VrrpSpeaker s = new VrrpSpeaker(Speakers.v2("VI_MEM", 100, Set.of(SELF), VIP), facts, System::nanoTime,
                (config, clock) -> {
                    throw new VrrpSocketException("interface hkv0: no such device");
                });
        VrrpSocketException e = assertThrows(VrrpSocketException.class, s::start);
        assertTrue(e.getMessage().contains("hkv0"));
        assertEquals(VrrpSpeaker.Lifecycle.CLOSED, s.lifecycle());
    }

    private static FactLog.Fact withoutTime(FactLog.Fact f) {
        return new FactLog.Fact(f.kind(), f.source(), f.priority(), f.detail(), 0);
    }
}
