package io.hakeeper.common.vrrp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Everything a {@link VrrpMachine} reacts to: commands from the fence, received adverts and clock
 * ticks. Each carries {@code now}, nanoseconds of a monotonic clock (differences matter, not the
 * origin), so the machine never reads a clock.
 */
public sealed interface VrrpInput {

    /** The monotonic time of this input, in nanoseconds. */
    long now();

    /** The fence made us holder: advertise at {@code priority} (1-255) from now on. */
    record BecomeMaster(long now, int priority) implements VrrpInput {
        public BecomeMaster {
            if (priority < 1 || priority > VrrpProtocol.VRRP_PRIO_OWNER) {
                throw new IllegalArgumentException("master priority " + priority + " outside 1-255");
            }
        }
    }

    /** Listen only, and stop advertising without a priority-0 advert if we were master. */
    record BecomeBackup(long now) implements VrrpInput {
    }

    /** Graceful hand-over: one priority-0 advert if we were master, then listen (RFC 3768 section 6.4.3). */
    record Release(long now) implements VrrpInput {
    }

    /** Ineligible: a priority-0 advert if we were master, then neither advertise nor detect. */
    record Fault(long now) implements VrrpInput {
    }

    /** Stopped: back to INIT without any advert (a crash looks the same to the others). */
    record Stop(long now) implements VrrpInput {
    }

    /** Our effective priority changed (trackers); used by the next advert and the next skew. */
    record SetPriority(long now, int priority) implements VrrpInput {
        public SetPriority {
            if (priority < 1 || priority > VrrpProtocol.VRRP_PRIO_OWNER) {
                throw new IllegalArgumentException("priority " + priority + " outside 1-255");
            }
        }
    }

    /**
     * A packet arrived and went through {@link VrrpDecoder}.
     *
     * @param source the IP source address it came from
     * @param result what the decoder made of it; a rejection changes nothing
     */
    record Received(long now, InetAddress source, DecodeResult result) implements VrrpInput {
        public Received {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The clock moved; fires the timer if its deadline has come. Early or repeated ticks are harmless. */
    record Tick(long now) implements VrrpInput {
    }
}
