package io.hakeeper.agent.ipvs;

import java.util.OptionalInt;

/** What the checkers of one real server last concluded. */
public sealed interface Verdict {

    /**
     * Every checker passes. {@code weight}, when present, replaces the configured weight: that is
     * what a {@code MISC_CHECK} with {@code misc_dynamic} reports through its exit status.
     */
    record Up(OptionalInt weight) implements Verdict {
        public Up {
            if (weight.isPresent() && weight.getAsInt() < 0) {
                throw new IllegalArgumentException("weight " + weight.getAsInt() + " is negative");
            }
        }
    }

    /** At least one checker fails. */
    record Down() implements Verdict {
    }

    static Verdict up() {
        return new Up(OptionalInt.empty());
    }

    static Verdict up(int weight) {
        return new Up(OptionalInt.of(weight));
    }

    static Verdict down() {
        return new Down();
    }
}
