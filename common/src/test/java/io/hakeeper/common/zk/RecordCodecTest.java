package io.hakeeper.common.zk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordCodecTest {

    private final RecordCodec codec = new RecordCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A valid member record as text, with {@code extra} spliced in before the closing brace. */
    private String memberJson(String extra) {
        String json = new String(codec.encode(RecordSamples.member()), StandardCharsets.UTF_8);
        return json.substring(0, json.length() - 1) + extra + "}";
    }

    private DecodeResult.Failure failureOf(DecodeResult<?> result) {
        return assertInstanceOf(DecodeResult.Failed.class, result).failure();
    }

    @Test
    void everyRecordRoundTrips() {
        for (ZkRecord record : RecordSamples.all()) {
            DecodeResult<? extends ZkRecord> back = codec.decode(codec.encode(record), record.getClass());
            assertEquals(new DecodeResult.Ok<>(record), back, record.getClass().getSimpleName());
        }
    }

    @Test
    void encodingLeadsWithTheSchemaVersion() {
        String json = new String(codec.encode(RecordSamples.holder()), StandardCharsets.UTF_8);
        assertEquals("{\"schema\":1,\"node\":\"lb01\",\"epoch\":7,\"sinceMs\":1700000000900,\"vips\":[\"10.0.0.3/32\"]}",
                json);
    }

    @Test
    void eventKindsAreWrittenInLowerCaseWithHyphens() {
        String json = new String(codec.encode(RecordSamples.event()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"kind\":\"renewal-failure\""), json);
    }

    @Test
    void unknownFieldsFromANewerWriterAreIgnored() {
        String json = memberJson(",\"weightHistory\":[1,2,{\"x\":null}],\"zone\":\"eu-1\"");
        assertEquals(new DecodeResult.Ok<>(RecordSamples.member()), codec.decode(utf8(json), MemberRecord.class));
    }

    @Test
    void missingFieldsFromAnOlderWriterTakeDefaults() {
        String json = "{\"schema\":1,\"node\":\"lb01\",\"vrid\":51,\"basePriority\":100,\"effectivePriority\":100}";
        MemberRecord m = codec.decode(utf8(json), MemberRecord.class).toOptional().orElseThrow();
        assertEquals(List.of(), m.vips());
        assertEquals("", m.reason());
        assertEquals(MemberRecord.State.UNKNOWN, m.state());
        assertEquals(null, m.vrrp());
    }

    @Test
    void explicitNullReadsLikeAnAbsentField() {
        String json = "{\"schema\":1,\"node\":\"lb01\",\"vrid\":51,\"basePriority\":100,\"effectivePriority\":100,"
                + "\"eligible\":null,\"reason\":null,\"vips\":null,\"vrrp\":null}";
        MemberRecord m = codec.decode(utf8(json), MemberRecord.class).toOptional().orElseThrow();
        assertEquals(false, m.eligible());
        assertEquals("", m.reason());
        assertEquals(List.of(), m.vips());
        String noVrid = json.replace("\"vrid\":51", "\"vrid\":null");
        assertEquals(DecodeResult.Failure.INVALID, failureOf(codec.decode(utf8(noVrid), MemberRecord.class)));
    }

    @Test
    void unknownEnumValuesReadAsUnknown() {
        String json = "{\"schema\":1,\"timeMs\":1,\"kind\":\"teleport\",\"node\":\"lb01\"}";
        EventRecord e = codec.decode(utf8(json), EventRecord.class).toOptional().orElseThrow();
        assertEquals(EventRecord.Kind.UNKNOWN, e.kind());
    }

    @Test
    void schemaIsRequiredAndNewerSchemasAreRefused() {
        String body = "\"node\":\"lb01\",\"epoch\":1,\"sinceMs\":0,\"vips\":[]}";
        assertEquals(DecodeResult.Failure.MISSING_SCHEMA, failureOf(codec.decode(utf8("{" + body), HolderRecord.class)));
        assertEquals(DecodeResult.Failure.MISSING_SCHEMA,
                failureOf(codec.decode(utf8("{\"schema\":\"1\"," + body), HolderRecord.class)));
        assertEquals(DecodeResult.Failure.MISSING_SCHEMA,
                failureOf(codec.decode(utf8("{\"schema\":1.0," + body), HolderRecord.class)));
        assertEquals(DecodeResult.Failure.MISSING_SCHEMA,
                failureOf(codec.decode(utf8("{\"schema\":0," + body), HolderRecord.class)));
        assertEquals(DecodeResult.Failure.UNSUPPORTED_SCHEMA,
                failureOf(codec.decode(utf8("{\"schema\":2," + body), HolderRecord.class)));
        assertTrue(codec.decode(utf8("{\"schema\":1," + body), HolderRecord.class).ok());
    }

    @Test
    void emptyAndOversizedDataAreFailures() {
        assertEquals(DecodeResult.Failure.EMPTY, failureOf(codec.decode(null, NodeRecord.class)));
        assertEquals(DecodeResult.Failure.EMPTY, failureOf(codec.decode(new byte[0], NodeRecord.class)));
        assertEquals(DecodeResult.Failure.EMPTY, failureOf(codec.decode(utf8("  \n "), NodeRecord.class)));
        assertEquals(DecodeResult.Failure.TOO_LARGE,
                failureOf(codec.decode(new byte[RecordCodec.MAX_BYTES + 1], NodeRecord.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "{", "{\"schema\":1,", "{\"schema\":1} {}", "{\"schema\":1}x",
            "{'schema':1}", "{\"schema\":1,\"node\":\"a\",\"node\":\"b\"}", "\u0000\u0001", "{\"a\":NaN}"})
    void malformedJsonIsNotJson(String text) {
        assertEquals(DecodeResult.Failure.NOT_JSON, failureOf(codec.decode(utf8(text), HolderRecord.class)));
    }

    @Test
    void invalidUtf8IsNotJson() {
        byte[] data = utf8("{\"schema\":1,\"node\":\"lbXX\",\"epoch\":1}");
        data[22] = (byte) 0xC3;
        data[23] = (byte) 0x28;
        assertEquals(DecodeResult.Failure.NOT_JSON, failureOf(codec.decode(data, HolderRecord.class)));
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        String deep = "{\"schema\":1,\"x\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        assertEquals(DecodeResult.Failure.NOT_JSON, failureOf(codec.decode(utf8(deep), HolderRecord.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "42", "\"text\"", "true"})
    void jsonThatIsNotAnObjectIsRefused(String text) {
        assertEquals(DecodeResult.Failure.NOT_AN_OBJECT, failureOf(codec.decode(utf8(text), NodeRecord.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {",\"vrid\":\"51\"", ",\"vrid\":51.5", ",\"vrid\":5e1",
            ",\"vrid\":99999999999", ",\"vrid\":true", ",\"eligible\":\"true\"", ",\"eligible\":1",
            ",\"reason\":5", ",\"reason\":false", ",\"vips\":\"10.0.0.3/32\"", ",\"vips\":{}", ",\"vips\":[1]",
            ",\"state\":3", ",\"vrrp\":[]", ",\"vrrp\":\"x\"", ",\"preemptDelayMs\":\"5000\""})
    void wrongJsonTypesAreWrongType(String override) {
        // The override comes after the good value; duplicate keys would be NOT_JSON, so drop the original.
        String field = override.substring(2, override.indexOf('"', 2));
        String json = new String(codec.encode(RecordSamples.member()), StandardCharsets.UTF_8)
                .replaceFirst(",\"" + field + "\":(\\[[^\\]]*\\]|\\{[^}]*\\}|\"[^\"]*\"|[^,}]+)", "");
        json = json.substring(0, json.length() - 1) + override + "}";
        DecodeResult<MemberRecord> result = codec.decode(utf8(json), MemberRecord.class);
        assertEquals(DecodeResult.Failure.WRONG_TYPE, failureOf(result), result + " for " + json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"schema\":1}", "{\"schema\":1,\"node\":\"a/b\",\"epoch\":1}",
            "{\"schema\":1,\"node\":\"..\",\"epoch\":1}", "{\"schema\":1,\"node\":\"lb01\",\"epoch\":-1}",
            "{\"schema\":1,\"node\":\"lb01\",\"epoch\":1,\"vips\":[null]}", "{\"schema\":1,\"node\":null}"})
    void valuesTheRecordRefusesAreInvalid(String text) {
        DecodeResult.Failed<?> f = assertInstanceOf(DecodeResult.Failed.class, codec.decode(utf8(text), HolderRecord.class));
        assertEquals(DecodeResult.Failure.INVALID, f.failure(), f.reason());
        assertTrue(!f.reason().isBlank() && !f.reason().contains("\n"), f.reason());
    }

    @Test
    void priorityOutsideVrrpRangeIsInvalid() {
        String json = new String(codec.encode(RecordSamples.member()), StandardCharsets.UTF_8)
                .replace("\"effectivePriority\":148", "\"effectivePriority\":300");
        DecodeResult.Failed<?> f = assertInstanceOf(DecodeResult.Failed.class, codec.decode(utf8(json), MemberRecord.class));
        assertEquals(DecodeResult.Failure.INVALID, f.failure());
        assertEquals("effectivePriority 300 is outside 1-255", f.reason());
    }

    @Test
    void realServerViewNeedsARealVirtualServerKey() {
        String json = new String(codec.encode(RecordSamples.realServers()), StandardCharsets.UTF_8)
                .replace("TCP_10.0.0.3_80", "TCP_10.0.0.3_http");
        assertEquals(DecodeResult.Failure.INVALID, failureOf(codec.decode(utf8(json), RealServerView.class)));
    }

    @Test
    void aRecordOfOneTypeReadAsAnotherIsAFailureNotAMixup() {
        byte[] node = codec.encode(RecordSamples.node());
        assertTrue(!codec.decode(node, MemberRecord.class).ok());
        assertTrue(!codec.decode(node, RealServerView.class).ok());
    }

    @Test
    void failureReasonsStayOneShortLine() {
        String json = "{\"schema\":1,\"node\":\"" + "x\\n".repeat(5000) + "/\",\"epoch\":1}";
        DecodeResult.Failed<?> f = assertInstanceOf(DecodeResult.Failed.class, codec.decode(utf8(json), HolderRecord.class));
        assertTrue(f.reason().length() <= 201 && !f.reason().contains("\n"), f.reason());
    }
}
