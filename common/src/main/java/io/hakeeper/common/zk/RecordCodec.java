package io.hakeeper.common.zk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.util.Locale;

/**
 * JSON for the records in ZooKeeper. Encoding writes {@code {"schema":1, ...fields}}. Decoding is
 * tolerant in the only way that is safe: it never throws, and anything that is not a well-formed,
 * well-typed, valid record comes back as {@link DecodeResult.Failed} with a reason, so readers can
 * count, log and skip it (DESIGN.md, "ZooKeeper layout").
 *
 * <p>Compatibility rules: unknown fields are ignored, so a newer writer may add fields without
 * breaking older readers; a missing field takes its default (empty string or list, 0, false), so
 * a newer reader can read an older writer. {@link #SCHEMA} changes only for an incompatible
 * change, and a reader refuses a schema newer than its own rather than misread it.
 *
 * <p>Strict where leniency would let two readers see different records: no duplicate keys, no
 * trailing data, no coercion between JSON types ("80" is not a number, 1 is not a string, 1.5 is
 * not an int). An explicit {@code null} reads exactly like an absent field.
 *
 * <p>Thread-safe: one instance can serve every reader and writer.
 */
public final class RecordCodec {

    /** The record format this code writes and the newest it reads. */
    public static final int SCHEMA = 1;

    /** A znode holds at most jute.maxbuffer bytes (ZooKeeper's default is just under 1 MiB). */
    public static final int MAX_BYTES = 1 << 20;

    static final String SCHEMA_FIELD = "schema";

    private static final int MAX_REASON = 200;

    private final ObjectMapper mapper = strictMapper();

    public byte[] encode(ZkRecord record) {
        ObjectNode out = mapper.createObjectNode();
        out.put(SCHEMA_FIELD, SCHEMA);
        out.setAll((ObjectNode) mapper.valueToTree(record));
        try {
            return mapper.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            // Our own records always serialise; reaching here is a programming error.
            throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    /** Decodes {@code data} as a {@code type}. Never throws. */
    public <T extends ZkRecord> DecodeResult<T> decode(byte[] data, Class<T> type) {
        try {
            return decodeChecked(data, type);
        } catch (StackOverflowError e) {
            // The parser's nesting limit stops deep documents first; refuse rather than die if not.
            return failed(DecodeResult.Failure.NOT_JSON, "nested too deeply");
        } catch (RuntimeException e) {
            return failed(DecodeResult.Failure.INVALID, describe(e));
        }
    }

    private <T extends ZkRecord> DecodeResult<T> decodeChecked(byte[] data, Class<T> type) {
        if (data == null || data.length == 0) {
            return failed(DecodeResult.Failure.EMPTY, "no data");
        }
        if (data.length > MAX_BYTES) {
            return failed(DecodeResult.Failure.TOO_LARGE, data.length + " bytes, more than " + MAX_BYTES);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(data);
        } catch (Exception e) {
            return failed(DecodeResult.Failure.NOT_JSON, describe(e));
        }
        if (tree == null || tree.isMissingNode()) {
            return failed(DecodeResult.Failure.EMPTY, "no JSON value");
        }
        if (!(tree instanceof ObjectNode object)) {
            return failed(DecodeResult.Failure.NOT_AN_OBJECT, "a JSON " + tree.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not an object");
        }
        JsonNode schema = object.get(SCHEMA_FIELD);
        if (schema == null || !schema.isIntegralNumber() || !schema.canConvertToInt() || schema.intValue() < 1) {
            return failed(DecodeResult.Failure.MISSING_SCHEMA, "no positive integer 'schema' field");
        }
        if (schema.intValue() > SCHEMA) {
            return failed(DecodeResult.Failure.UNSUPPORTED_SCHEMA, "schema " + schema.intValue()
                    + " is newer than " + SCHEMA + "; upgrade this reader");
        }
        object.remove(SCHEMA_FIELD);
        dropNulls(object);
        try {
            return new DecodeResult.Ok<>(mapper.treeToValue(object, type));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return failed(DecodeResult.Failure.INVALID, oneLine(String.valueOf(cause.getMessage())));
        } catch (Exception e) {
            return failed(wrongType(e) ? DecodeResult.Failure.WRONG_TYPE : DecodeResult.Failure.INVALID, describe(e));
        }
    }

    /**
     * An explicit {@code null} reads the same as an absent field. Without this, {@code "vrid":null}
     * would silently become 0 while a missing {@code "vrid"} takes the same default by another path;
     * one rule is easier to reason about.
     */
    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(e -> e.getValue().isNull());
            object.forEach(RecordCodec::dropNulls);
        } else if (node.isArray()) {
            node.forEach(RecordCodec::dropNulls);
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // No silent conversion between JSON types in either direction.
        for (LogicalType t : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean, LogicalType.Enum}) {
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String,
                    CoercionInputShape.EmptyString}) {
                if (!sameShape(t, shape)) {
                    mapper.coercionConfigFor(t).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        return mapper;
    }

    private static boolean sameShape(LogicalType t, CoercionInputShape shape) {
        return switch (t) {
            case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
            case Boolean -> shape == CoercionInputShape.Boolean;
            case Enum -> shape == CoercionInputShape.String;
            default -> false;
        };
    }

    /** A type mismatch, possibly wrapped (a number too big for an int arrives inside a mapping error). */
    private static boolean wrongType(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MismatchedInputException || t instanceof InputCoercionException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException j) {
            boolean located = j.getLocation() != null && j.getLocation().getLineNr() > 0;
            String where = !located ? ""
                    : " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
            String path = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                    ? " at '" + pathOf(m) + "'" : "";
            return oneLine(j.getOriginalMessage()) + path + where;
        }
        return oneLine(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static String pathOf(MismatchedInputException e) {
        StringBuilder b = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** Keeps a reason loggable: one line, bounded, whatever the garbage was. */
    private static String oneLine(String s) {
        String flat = s == null ? "" : s.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return flat.length() <= MAX_REASON ? flat : flat.substring(0, MAX_REASON) + "…";
    }

    private static <T extends ZkRecord> DecodeResult<T> failed(DecodeResult.Failure failure, String reason) {
        return new DecodeResult.Failed<>(failure, reason);
    }
}
