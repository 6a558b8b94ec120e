package io.hakeeper.common.vrrp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid adverts and the endpoints to send them between, for property tests. */
final class RandomAdverts {

    /** An advert on the wire: the advert, who sends it to whom, and the checksum form it was encoded with. */
    record Sent(VrrpAdvert advert, InetAddress source, InetAddress destination, ChecksumForm form, byte[] bytes) {
        RxContext rx() {
            return new RxContext(source, destination, VrrpProtocol.VRRP_IP_TTL);
        }
    }

    private final Random random;

    RandomAdverts(Random random) {
        this.random = random;
    }

    VrrpAdvert advert() {
        boolean v2 = random.nextBoolean();
        IpFamily family = v2 || random.nextBoolean() ? IpFamily.IPV4 : IpFamily.IPV6;
        // Mostly a handful of addresses, now and then up to the 255 the count byte allows.
        int count = random.nextInt(20) == 0 ? random.nextInt(256) : random.nextInt(5);
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(address(family));
        }
        int vrid = 1 + random.nextInt(255);
        int priority = random.nextInt(256);
        if (v2) {
            return VrrpAdvert.v2(vrid, priority, 1 + random.nextInt(255), auth(), addresses);
        }
        return VrrpAdvert.v3(vrid, priority, 1 + random.nextInt(VrrpProtocol.VRRP_V3_MAX_ADVER_INT), family, addresses);
    }

    Sent sent() {
        VrrpAdvert advert = advert();
        InetAddress source = address(advert.family());
        InetAddress destination = random.nextInt(3) == 0 ? address(advert.family()) : advert.family().multicastGroup();
        List<ChecksumForm> forms = new ArrayList<>();
        for (ChecksumForm f : ChecksumForm.values()) {
            if (f.appliesTo(advert.version(), advert.family())) {
                forms.add(f);
            }
        }
        ChecksumForm form = forms.get(random.nextInt(forms.size()));
        return new Sent(advert, source, destination, form, VrrpEncoder.encode(advert, source, destination, form));
    }

    private VrrpAuth auth() {
        byte[] data = new byte[VrrpProtocol.VRRP_AUTH_LEN];
        return switch (random.nextInt(3)) {
            case 0 -> VrrpAuth.NONE;
            case 1 -> {
                random.nextBytes(data);
                yield new VrrpAuth(VrrpAuth.VRRP_AUTH_PASS, data);
            }
            default -> {
                // RFC 3768 section 5.3.10: type 0 data is ignored on reception, so it must survive as sent.
                random.nextBytes(data);
                yield new VrrpAuth(VrrpAuth.VRRP_AUTH_NONE, data);
            }
        };
    }

    private InetAddress address(IpFamily family) {
        byte[] raw = new byte[family.addressLength()];
        random.nextBytes(raw);
        if (family == IpFamily.IPV6 && random.nextInt(8) == 0) {
            // IPv4-mapped, the form InetAddress.getByAddress would silently turn into IPv4.
            for (int i = 0; i < 10; i++) {
                raw[i] = 0;
            }
            raw[10] = (byte) 0xff;
            raw[11] = (byte) 0xff;
        }
        return family.address(raw, 0);
    }
}
