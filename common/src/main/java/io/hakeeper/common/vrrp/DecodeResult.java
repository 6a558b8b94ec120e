package io.hakeeper.common.vrrp;

import java.util.List;
import java.util.Objects;

/** What {@link VrrpDecoder} made of a packet: a valid advert, or the reason it was dropped. */
public sealed interface DecodeResult permits DecodeResult.Ok, DecodeResult.Rejected {

    /**
     * A valid advert.
     *
     * @param advert       the advert
     * @param checksumForm which checksum it verified under; a peer on {@link ChecksumForm#V3_MESSAGE_ONLY}
     *                     is worth reporting, since keepalived by default drops what it sends
     * @param findings     ways it differs from our configuration without being dropped; empty when
     *                     decoded without an expectation
     */
    record Ok(VrrpAdvert advert, ChecksumForm checksumForm, List<Finding> findings) implements DecodeResult {
        public Ok {
            Objects.requireNonNull(advert, "advert");
            Objects.requireNonNull(checksumForm, "checksumForm");
            findings = List.copyOf(findings);
        }
    }

    /**
     * A dropped packet. Also what {@link Ipv4Frame#split} returns for a bad IPv4 header, so an
     * adapter passes either straight to the same counter.
     *
     * @param reason what was wrong, one counter each
     * @param detail the particulars, for the log line
     */
    record Rejected(RejectReason reason, String detail) implements DecodeResult, Ipv4Split {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /** {@code reason message: detail}, one line. */
        public String describe() {
            return reason.message() + ": " + detail;
        }
    }
}
