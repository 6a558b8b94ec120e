package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.Wire.ip;
import static io.hakeeper.common.vrrp.Wire.rx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.hakeeper.common.config.model.Authentication;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Judging valid adverts against our own instance: what drops, what is only reported. */
class ExpectationTest {

    static final byte[] V2 = GoldenPacketsTest.V2_PASS_1111;
    static final RxContext V2_RX = RejectionReasonsTest.V2_RX;

    static DecodeResult.Ok ok(DecodeResult r) {
        return assertInstanceOf(DecodeResult.Ok.class, r, r::toString);
    }

    @Test
    void addressesThatDifferFromOursAreAFindingNotADrop() {
        VrrpExpectation ours = new VrrpExpectation(51, 2, VrrpAuth.password("1111"),
                List.of(ip("192.168.156.161"), ip("192.168.156.162")), 1, false);
        DecodeResult.Ok ok = ok(VrrpDecoder.decode(V2, 0, V2.length, V2_RX, ours));
        assertEquals(1, ok.findings().size());
        Finding f = ok.findings().get(0);
        assertEquals(Finding.Kind.ADDRESSES_DIFFER, f.kind());
        assertEquals("advert has 1 addresses, we have 2; missing [192.168.156.162], unexpected []", f.detail());
    }

    @Test
    void addressOrderDoesNotMatter() {
        VrrpAdvert advert = VrrpAdvert.v3(7, 100, 100, IpFamily.IPV4, List.of(ip("10.0.0.1"), ip("10.0.0.2")));
        byte[] p = VrrpEncoder.encode(advert, ip("10.0.0.9"), ip("224.0.0.18"));
        VrrpExpectation ours = new VrrpExpectation(7, 3, VrrpAuth.NONE, List.of(ip("10.0.0.2"), ip("10.0.0.1")),
                100, false);
        assertEquals(List.of(), ok(VrrpDecoder.decode(p, 0, p.length, rx("10.0.0.9", "224.0.0.18", 255), ours))
                .findings());
    }

    @Test
    void v3MasterWithAnotherIntervalIsAFindingBecauseBackupsAdoptIt() {
        VrrpExpectation ours = new VrrpExpectation(51, 3, VrrpAuth.NONE, List.of(ip("192.168.156.161")), 50, false);
        byte[] p = GoldenPacketsTest.V3_IPV4;
        DecodeResult.Ok ok = ok(VrrpDecoder.decode(p, 0, p.length, GoldenPacketsTest.V3_IPV4_RX, ours));
        assertEquals(List.of(new Finding(Finding.Kind.ADVERT_INTERVAL_DIFFERS,
                "master advertises 100 cs, ours is 50 cs")), ok.findings());
    }

    @Test
    void unicastInstancesSkipTheTtlCheckAsKeepalivedDoes() {
        VrrpExpectation unicast = new VrrpExpectation(51, 2, VrrpAuth.password("1111"),
                List.of(ip("192.168.156.161")), 1, true);
        RxContext routed = rx("192.168.156.136", "192.168.157.1", 62);
        ok(VrrpDecoder.decode(V2, 0, V2.length, routed, unicast));
        DecodeResult multicast = VrrpDecoder.decode(V2, 0, V2.length, routed, RejectionReasonsTest.FIXTURE);
        assertEquals(RejectReason.BAD_TTL, assertInstanceOf(DecodeResult.Rejected.class, multicast).reason());
    }

    @Test
    void passwordsLongerThanEightBytesCompareOnTheirFirstEight() {
        // keepalived truncates auth_pass to 8 with a warning, so "12345678" and "123456789" interoperate.
        VrrpAdvert advert = VrrpAdvert.v2(9, 100, 1, VrrpAuth.password("12345678"), List.of(ip("10.0.0.1")));
        byte[] p = VrrpEncoder.encode(advert, ip("10.0.0.2"), ip("224.0.0.18"));
        VrrpExpectation ours = new VrrpExpectation(9, 2, VrrpAuth.password("123456789"), List.of(ip("10.0.0.1")), 1,
                false);
        ok(VrrpDecoder.decode(p, 0, p.length, rx("10.0.0.2", "224.0.0.18", 255), ours));
    }

    @Test
    void ahAdvertsPassTheAuthTypeCheckForAnAhInstance() {
        byte[] p = Wire.patched(GoldenPacketsTest.V2_NO_AUTH, 4, VrrpAuth.VRRP_AUTH_AH, ChecksumForm.V2_MESSAGE,
                rx("192.168.0.30", "224.0.0.18", 255));
        VrrpExpectation ah = new VrrpExpectation(1, 2,
                VrrpAuth.fromConfig(new Authentication(Authentication.Type.AH, "secret")),
                List.of(ip("192.168.0.1")), 1, false);
        DecodeResult.Ok ok = ok(VrrpDecoder.decode(p, 0, p.length, rx("192.168.0.30", "224.0.0.18", 255), ah));
        assertEquals(VrrpAuth.VRRP_AUTH_AH, ok.advert().auth().type());
    }

    @Test
    void v3InstancesIgnoreAuthentication() {
        VrrpExpectation ours = new VrrpExpectation(51, 3, VrrpAuth.password("1111"), List.of(ip("192.168.156.161")),
                100, false);
        byte[] p = GoldenPacketsTest.V3_IPV4;
        assertEquals(List.of(), ok(VrrpDecoder.decode(p, 0, p.length, GoldenPacketsTest.V3_IPV4_RX, ours)).findings());
    }

    @Test
    void vridIsCheckedBeforeAuthenticationSoForeignRoutersAreNotPasswordFailures() {
        VrrpExpectation other = new VrrpExpectation(52, 2, VrrpAuth.password("2222"), List.of(), 1, false);
        DecodeResult r = VrrpDecoder.decode(V2, 0, V2.length, V2_RX, other);
        assertEquals(RejectReason.VRID_MISMATCH, assertInstanceOf(DecodeResult.Rejected.class, r).reason());
    }
}
