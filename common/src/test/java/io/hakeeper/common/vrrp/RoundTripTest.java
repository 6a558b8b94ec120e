package io.hakeeper.common.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * encode then decode gives the advert back, for many random valid adverts. The seed is fresh each
 * run for coverage and printed in every failure; rerun one with {@code -Dvrrp.seed=N}.
 */
class RoundTripTest {

    static final int ADVERTS = 20_000;

    @Test
    void decodeUndoesEncodeForRandomValidAdverts() {
        long seed = Long.getLong("vrrp.seed", System.nanoTime());
        RandomAdverts adverts = new RandomAdverts(new Random(seed));
        for (int i = 0; i < ADVERTS; i++) {
            RandomAdverts.Sent sent = adverts.sent();
            String context = "seed=" + seed + " (rerun with -Dvrrp.seed=" + seed + "), advert #" + i + ": " + sent.advert()
                    + " " + sent.form() + " " + sent.source() + " -> " + sent.destination() + "\n" + Wire.hex(sent.bytes());
            assertEquals(VrrpEncoder.length(sent.advert()), sent.bytes().length, context);
            DecodeResult r = VrrpDecoder.decode(sent.bytes(), sent.rx());
            DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, r, () -> context + "\n" + r);
            assertEquals(sent.advert(), ok.advert(), context);
            // Forms can coincide (every pseudo-header form is the same for a multicast destination), so
            // the decoder may name another; it must name one that reproduces the bytes exactly.
            byte[] again = VrrpEncoder.encode(ok.advert(), sent.source(), sent.destination(), ok.checksumForm());
            assertArrayEquals(sent.bytes(), again, () -> context + "\ndecoded as " + ok.checksumForm());
        }
    }

    @Test
    void expectationBuiltFromTheAdvertFindsNothingToReport() {
        long seed = Long.getLong("vrrp.seed", System.nanoTime());
        RandomAdverts adverts = new RandomAdverts(new Random(seed));
        for (int i = 0; i < 2_000; i++) {
            int n = i;
            RandomAdverts.Sent sent = adverts.sent();
            VrrpAdvert a = sent.advert();
            VrrpExpectation self = new VrrpExpectation(a.vrid(), a.version(), a.auth(), a.addresses(),
                    a.advertInterval(), false);
            DecodeResult r = VrrpDecoder.decode(sent.bytes(), 0, sent.bytes().length, sent.rx(), self);
            DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, r, () -> "seed=" + seed + " #" + n + " " + r);
            assertEquals(0, ok.findings().size(), () -> "seed=" + seed + " " + ok.findings());
        }
    }

    /**
     * keepalived's {@code vrrp_mcast_group4} can move adverts off 224.0.0.18; its pseudo-header then
     * names the group actually used, and the old-unicast form still names 224.0.0.18. Found by the
     * random round trip above when a random "unicast" destination fell in 224.0.0.0/4.
     */
    @Test
    void otherMulticastGroupsUseTheirOwnAddressAndStillAcceptTheOldForm() {
        VrrpAdvert advert = GoldenPacketsTest.V3_IPV4_ADVERT;
        InetAddress src = Wire.ip("192.168.156.136");
        InetAddress group = Wire.ip("224.0.0.19");
        RxContext rx = new RxContext(src, group, 255);
        for (ChecksumForm form : List.of(ChecksumForm.V3_PSEUDO_HEADER, ChecksumForm.V3_MESSAGE_ONLY,
                ChecksumForm.V3_PSEUDO_HEADER_MULTICAST_DESTINATION)) {
            byte[] p = VrrpEncoder.encode(advert, src, group, form);
            DecodeResult.Ok ok = assertInstanceOf(DecodeResult.Ok.class, VrrpDecoder.decode(p, rx));
            assertEquals(form, ok.checksumForm());
        }
    }
}
