package io.hakeeper.common.vrrp;

/** What {@link Ipv4Frame#split} made of a raw IPv4 packet: header plus where the VRRP payload lies, or a rejection. */
public sealed interface Ipv4Split permits Ipv4Split.Ok, DecodeResult.Rejected {

    /**
     * A well-formed IPv4 packet carrying protocol 112.
     *
     * @param header        the header fields
     * @param payloadOffset where the VRRP message starts in the buffer given to {@code split}
     * @param payloadLength its length: Total Length minus the header
     */
    record Ok(Ipv4Header header, int payloadOffset, int payloadLength) implements Ipv4Split {
    }
}
