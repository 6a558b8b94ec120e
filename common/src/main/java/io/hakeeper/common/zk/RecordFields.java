package io.hakeeper.common.zk;

import java.util.List;
import java.util.Objects;

/**
 * The checks the records' compact constructors share. A record that fails one throws
 * {@link IllegalArgumentException}; {@link RecordCodec} turns that into a failed decode, so a
 * reader sees "field X is ..." instead of a half-filled record.
 */
final class RecordFields {

    private RecordFields() {
    }

    static String name(String field, String value) {
        if (!ZNodeName.valid(value)) {
            throw new IllegalArgumentException(field + " '" + value + "' is not a valid node or instance name");
        }
        return value;
    }

    static String required(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is outside " + min + "-" + max);
        }
        return value;
    }

    static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " " + value + " is below " + min);
        }
        return value;
    }

    /** A null list reads as empty (an older writer may not have had the field); null elements are refused. */
    static <T> List<T> list(String field, List<T> value) {
        if (value == null) {
            return List.of();
        }
        if (value.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(field + " contains null");
        }
        return List.copyOf(value);
    }
}
