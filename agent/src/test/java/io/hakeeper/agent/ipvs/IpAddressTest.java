package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses print as glibc's inet_ntop prints them, because that is what ipvsadm shows. */
class IpAddressTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "10.0.0.1, 10.0.0.1",
            "255.255.255.255, 255.255.255.255",
            "0.0.0.0, 0.0.0.0",
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",      // the longer run wins
            "2001:0:0:0:1:0:0:1, 2001::1:0:0:1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", // the first of two equal runs wins
            "2001:db8:1:0:1:1:1:1, 2001:db8:1:0:1:1:1:1", // a single zero group stays
            "::1.2.3.4, ::1.2.3.4",
            "fe80::1:2, fe80::1:2",
    })
    void printsLikeInetNtop(String in, String out) {
        assertEquals(out, IpAddress.parse(in).toString());
    }

    @Test
    void ipv4MappedAddressFromTheKernelPrintsDotted() {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        b[12] = 1;
        b[13] = 2;
        b[14] = 3;
        b[15] = 4;
        assertEquals("::ffff:1.2.3.4", IpAddress.ofBytes(b).toString());
    }

    @Test
    void bytesRoundTripInNetworkOrder() {
        for (String s : List.of("192.168.156.150", "0.0.0.0", "2001:db8::10", "::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) {
            IpAddress a = IpAddress.parse(s);
            assertEquals(a, IpAddress.ofBytes(a.bytes()));
        }
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 1, 2}, IpAddress.parse("192.168.1.2").bytes());
    }

    @Test
    void ordersIpv4BeforeIpv6AndAddressesAsUnsignedNumbers() {
        List<IpAddress> sorted = Stream.of("ffff::1", "200.0.0.1", "10.0.0.2", "::1", "10.0.0.10")
                .map(IpAddress::parse).sorted().toList();
        assertEquals(List.of("10.0.0.2", "10.0.0.10", "200.0.0.1", "::1", "ffff::1"),
                sorted.stream().map(IpAddress::toString).toList());
    }

    @Test
    void withPortBracketsIpv6() {
        assertEquals("10.0.0.1:80", IpAddress.parse("10.0.0.1").withPort(80));
        assertEquals("[2001:db8::1]:443", IpAddress.parse("2001:db8::1").withPort(443));
    }

    @Test
    void refusesNamesAndNonsense() {
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("10.0.0.256"));
        assertTrue(IpAddress.parse("10.0.0.255").plus(0).equals(IpAddress.parse("10.0.0.255")));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("255.255.255.255").plus(1));
    }
}
