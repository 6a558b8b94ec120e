package io.hakeeper.common.zk;

import java.util.Optional;

/**
 * What {@link RecordCodec#decode} makes of a znode's bytes: the record, or why there is none.
 * DESIGN.md: "A reader must survive garbage in any node: it logs the problem and skips that
 * record." A failure carries a category to count and a one-line reason to log.
 */
public sealed interface DecodeResult<T extends ZkRecord> {

    /** Why bytes did not become a record. */
    enum Failure {
        /** No data, or zero bytes. */
        EMPTY,
        /** Larger than any znode can be. */
        TOO_LARGE,
        /** Not well-formed JSON: garbage, truncated, bad UTF-8, trailing data, duplicate keys, too deep. */
        NOT_JSON,
        /** Well-formed JSON, but not an object. */
        NOT_AN_OBJECT,
        /** No {@code schema} field, or not a positive integer. */
        MISSING_SCHEMA,
        /** A newer incompatible schema than this reader knows. */
        UNSUPPORTED_SCHEMA,
        /** A field of the wrong JSON type. */
        WRONG_TYPE,
        /** The right shapes, but values the record refuses (missing node, priority 300, ...). */
        INVALID
    }

    record Ok<T extends ZkRecord>(T record) implements DecodeResult<T> {
    }

    record Failed<T extends ZkRecord>(Failure failure, String reason) implements DecodeResult<T> {
    }

    default boolean ok() {
        return this instanceof Ok;
    }

    /** The record, or empty after a failure. */
    default Optional<T> toOptional() {
        return this instanceof Ok<T> ok ? Optional.of(ok.record()) : Optional.empty();
    }
}
