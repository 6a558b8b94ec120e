package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_AUTH_LEN;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_HEADER_LEN;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_IP_TTL;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_PKT_ADVERT;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_VERSION_2;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_VERSION_3;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads received adverts and applies the receive checks of RFC 3768 section 7.1 and RFC 5798
 * section 7.1. Any byte content yields {@link DecodeResult.Ok} or {@link DecodeResult.Rejected};
 * only bad arguments (nulls, an offset outside the array) throw.
 *
 * <p>Checks run from what needs no parsing to what needs all of it: TTL (the context alone), then
 * version, type and length (which fix where everything is), then the checksum (so a corrupted
 * packet is reported as corrupted, not as odd field values), then field values, then our own
 * configuration. keepalived checks the password before the checksum; the order changes which
 * reason a doubly-bad packet is counted under, never whether it is dropped.
 */
public final class VrrpDecoder {

    private VrrpDecoder() {
    }

    /** Decodes the whole array as a VRRP message, without comparing it to our configuration. */
    public static DecodeResult decode(byte[] payload, RxContext context) {
        return decode(payload, 0, payload.length, context);
    }

    /** Decodes {@code buf[off..off+len)} without comparing it to our configuration. */
    public static DecodeResult decode(byte[] buf, int off, int len, RxContext context) {
        return decode(buf, off, len, context, Optional.empty());
    }

    /** Decodes {@code buf[off..off+len)} and judges it against our configuration. */
    public static DecodeResult decode(byte[] buf, int off, int len, RxContext context, VrrpExpectation expectation) {
        return decode(buf, off, len, context, Optional.of(expectation));
    }

    /** Splits an IPv4 raw socket packet and decodes its payload, without comparing it to our configuration. */
    public static DecodeResult decodeIpv4Packet(byte[] packet, int off, int len) {
        return decodeIpv4Packet(packet, off, len, Optional.empty());
    }

    /** Splits an IPv4 raw socket packet, decodes its payload and judges it against our configuration. */
    public static DecodeResult decodeIpv4Packet(byte[] packet, int off, int len, VrrpExpectation expectation) {
        return decodeIpv4Packet(packet, off, len, Optional.of(expectation));
    }

    private static DecodeResult decodeIpv4Packet(byte[] packet, int off, int len, Optional<VrrpExpectation> expectation) {
        Ipv4Split split = Ipv4Frame.split(packet, off, len);
        if (split instanceof DecodeResult.Rejected rejected) {
            return rejected;
        }
        Ipv4Split.Ok ok = (Ipv4Split.Ok) split;
        return decode(packet, ok.payloadOffset(), ok.payloadLength(), RxContext.of(ok.header()), expectation);
    }

    private static DecodeResult decode(byte[] buf, int off, int len, RxContext context,
                                       Optional<VrrpExpectation> expectation) {
        Objects.checkFromIndexSize(off, len, buf.length);
        Objects.requireNonNull(context, "context");
        IpFamily family = context.family();

        boolean unicast = expectation.map(VrrpExpectation::unicast).orElse(false);
        if (!unicast && context.ttl() != VRRP_IP_TTL) {
            return reject(RejectReason.BAD_TTL, (family == IpFamily.IPV4 ? "TTL " : "hop limit ") + context.ttl()
                    + " from " + context.source().getHostAddress() + "; a sender on our link uses 255");
        }
        if (len < VRRP_HEADER_LEN) {
            return reject(RejectReason.TOO_SHORT, len + " bytes; the VRRP header alone is 8");
        }
        int version = (buf[off] & 0xFF) >>> 4;
        int type = buf[off] & 0x0F;
        if (version != VRRP_VERSION_2 && version != VRRP_VERSION_3) {
            return reject(RejectReason.BAD_VERSION, "version " + version);
        }
        if (version == VRRP_VERSION_2 && family != IpFamily.IPV4) {
            return reject(RejectReason.BAD_VERSION, "VRRPv2 over IPv6; RFC 3768 is IPv4 only");
        }
        if (type != VRRP_PKT_ADVERT) {
            return reject(RejectReason.BAD_TYPE, "type " + type);
        }
        int fixed = VRRP_HEADER_LEN + (version == VRRP_VERSION_2 ? VRRP_AUTH_LEN : 0);
        if (len < fixed) {
            return reject(RejectReason.TOO_SHORT, len + " bytes; VRRPv2 needs 8 header and 8 authentication bytes");
        }
        int addressLength = family.addressLength();
        int addressBytes = len - fixed;
        if (addressBytes % addressLength != 0) {
            return reject(RejectReason.LENGTH_MISMATCH, len + " bytes leave " + addressBytes + " for " + family
                    + " addresses of " + addressLength + " bytes each");
        }
        int count = buf[off + 3] & 0xFF;
        int present = addressBytes / addressLength;
        if (count != present) {
            return reject(RejectReason.ADDRESS_COUNT_MISMATCH, "count field says " + count + ", the packet carries "
                    + present);
        }
        Optional<ChecksumForm> form = verifiedForm(buf, off, len, version, context);
        if (form.isEmpty()) {
            int field = ((buf[off + 6] & 0xFF) << 8) | (buf[off + 7] & 0xFF);
            return reject(RejectReason.BAD_CHECKSUM, String.format("VRRPv%d checksum 0x%04x from %s verifies under no"
                    + " accepted form", version, field, context.source().getHostAddress()));
        }
        int vrid = buf[off + 1] & 0xFF;
        if (vrid == 0) {
            return reject(RejectReason.VRID_ZERO, "from " + context.source().getHostAddress());
        }
        int interval = version == VRRP_VERSION_2
                ? buf[off + 5] & 0xFF
                // RFC 5798 section 5.2.6: the 4 reserved bits are ignored on reception.
                : (((buf[off + 4] & 0x0F) << 8) | (buf[off + 5] & 0xFF));
        if (interval == 0) {
            return reject(RejectReason.ADVERT_INTERVAL_ZERO, "VRID " + vrid + " from "
                    + context.source().getHostAddress());
        }
        VrrpAuth auth = VrrpAuth.NONE;
        if (version == VRRP_VERSION_2) {
            int authType = buf[off + 4] & 0xFF;
            if (authType != VrrpAuth.VRRP_AUTH_NONE && authType != VrrpAuth.VRRP_AUTH_PASS
                    && authType != VrrpAuth.VRRP_AUTH_AH) {
                return reject(RejectReason.AUTH_TYPE_UNKNOWN, "auth type " + authType);
            }
            byte[] data = new byte[VRRP_AUTH_LEN];
            System.arraycopy(buf, off + len - VRRP_AUTH_LEN, data, 0, VRRP_AUTH_LEN);
            auth = new VrrpAuth(authType, data);
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(family.address(buf, off + VRRP_HEADER_LEN + i * addressLength));
        }
        VrrpAdvert advert = new VrrpAdvert(version, type, vrid, buf[off + 2] & 0xFF, count, auth, interval, family,
                addresses);
        if (expectation.isEmpty()) {
            return new DecodeResult.Ok(advert, form.get(), List.of());
        }
        Optional<DecodeResult.Rejected> rejected = expectation.get().reject(advert);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        return new DecodeResult.Ok(advert, form.get(), expectation.get().findings(advert));
    }

    /**
     * The first checksum form the message verifies under. v2 has one. v3 over IPv6 has one, the
     * RFC 2460 pseudo-header (keepalived leaves it to the kernel via {@code IPV6_CHECKSUM}; we check
     * it ourselves so the adapter need not). v3 over IPv4 tries, in order: the pseudo-header
     * keepalived sends by default; the message alone (RFC 9568, {@code v3_checksum_as_v2});
     * for any destination other than 224.0.0.18, the pseudo-header naming 224.0.0.18 that
     * keepalived before 1.3.8 sent to unicast peers and current keepalived still accepts (it tries
     * it under the same condition, {@code ipv4_phdr.dst != vrrp_mcast_group4}).
     */
    private static Optional<ChecksumForm> verifiedForm(byte[] buf, int off, int len, int version, RxContext context) {
        InetAddress src = context.source();
        InetAddress dst = context.destination();
        if (version == VRRP_VERSION_2) {
            return check(buf, off, len, ChecksumForm.V2_MESSAGE, src, dst);
        }
        Optional<ChecksumForm> form = check(buf, off, len, ChecksumForm.V3_PSEUDO_HEADER, src, dst);
        if (form.isPresent() || context.family() == IpFamily.IPV6) {
            return form;
        }
        form = check(buf, off, len, ChecksumForm.V3_MESSAGE_ONLY, src, dst);
        if (form.isPresent() || dst.equals(VrrpProtocol.VRRP_MCAST_GROUP4)) {
            return form;
        }
        return check(buf, off, len, ChecksumForm.V3_PSEUDO_HEADER_MULTICAST_DESTINATION, src, dst);
    }

    private static Optional<ChecksumForm> check(byte[] buf, int off, int len, ChecksumForm form, InetAddress src,
                                                InetAddress dst) {
        return VrrpChecksum.verifies(buf, off, len, form, src, dst) ? Optional.of(form) : Optional.empty();
    }

    private static DecodeResult.Rejected reject(RejectReason reason, String detail) {
        return new DecodeResult.Rejected(reason, detail);
    }
}
