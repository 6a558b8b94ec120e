package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_AUTH_LEN;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_HEADER_LEN;
import static io.hakeeper.common.vrrp.VrrpProtocol.VRRP_VERSION_2;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Writes adverts as keepalived does ({@code vrrp.c}, {@code vrrp_build_vrrp_v2} and
 * {@code vrrp_build_vrrp_v3}): the VRRP message only, since the kernel or the raw socket adapter
 * writes the IP header.
 */
public final class VrrpEncoder {

    private VrrpEncoder() {
    }

    /** Bytes the advert takes on the wire, IP header excluded. */
    public static int length(VrrpAdvert advert) {
        return VRRP_HEADER_LEN + advert.addressCount() * advert.family().addressLength()
                + (advert.version() == VRRP_VERSION_2 ? VRRP_AUTH_LEN : 0);
    }

    /** Encodes with the checksum keepalived sends by default (v2: message; v3: pseudo-header). */
    public static byte[] encode(VrrpAdvert advert, InetAddress source, InetAddress destination) {
        return encode(advert, source, destination, ChecksumForm.defaultFor(advert.version()));
    }

    /**
     * Encodes with a chosen checksum form, {@link ChecksumForm#V3_MESSAGE_ONLY} for a peer set to
     * {@code v3_checksum_as_v2} for instance.
     *
     * @param source      our IP source address; part of the v3 pseudo-header
     * @param destination the group or unicast peer it goes to; part of the v3 pseudo-header
     * @throws IllegalArgumentException if the addresses are not of the advert's family, the form does
     *                                  not apply to its version and family, or it has Auth Type AH,
     *                                  which would need an AH header we do not build
     */
    public static byte[] encode(VrrpAdvert advert, InetAddress source, InetAddress destination, ChecksumForm form) {
        Objects.requireNonNull(advert, "advert");
        Objects.requireNonNull(form, "form");
        if (IpFamily.of(source) != advert.family() || IpFamily.of(destination) != advert.family()) {
            throw new IllegalArgumentException("source " + source + " and destination " + destination
                    + " must be " + advert.family() + " like the advert");
        }
        if (!form.appliesTo(advert.version(), advert.family())) {
            throw new IllegalArgumentException(form + " does not apply to VRRPv" + advert.version() + " over "
                    + advert.family());
        }
        if (advert.auth().type() == VrrpAuth.VRRP_AUTH_AH) {
            throw new IllegalArgumentException("auth type AH is decoded but never sent: it needs an IPsec AH header");
        }
        byte[] out = new byte[length(advert)];
        out[0] = (byte) ((advert.version() << 4) | advert.type());
        out[1] = (byte) advert.vrid();
        out[2] = (byte) advert.priority();
        out[3] = (byte) advert.addressCount();
        if (advert.version() == VRRP_VERSION_2) {
            // RFC 3768 sections 5.3.6-5.3.7: Auth Type, then Adver Int in seconds.
            out[4] = (byte) advert.auth().type();
            out[5] = (byte) advert.advertInterval();
        } else {
            // RFC 5798 sections 5.2.6-5.2.7: 4 reserved bits, zero on transmission, then 12 bits of centiseconds.
            out[4] = (byte) ((advert.advertInterval() >>> 8) & 0x0F);
            out[5] = (byte) advert.advertInterval();
        }
        // out[6..7], the checksum, stays zero until computed below.
        int at = VRRP_HEADER_LEN;
        for (InetAddress a : advert.addresses()) {
            byte[] raw = a.getAddress();
            System.arraycopy(raw, 0, out, at, raw.length);
            at += raw.length;
        }
        if (advert.version() == VRRP_VERSION_2) {
            // RFC 3768 section 5.3.10; keepalived puts the auth_pass bytes here for PASS.
            System.arraycopy(advert.auth().data(), 0, out, at, VRRP_AUTH_LEN);
        }
        int checksum = VrrpChecksum.compute(out, 0, out.length, form, source, destination);
        out[6] = (byte) (checksum >>> 8);
        out[7] = (byte) checksum;
        return out;
    }
}
