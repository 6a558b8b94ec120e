package io.hakeeper.common.zk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutated and random inputs: whatever the bytes, decode returns a record or a failure with a
 * reason, never an exception; and whatever it returns as a record is one that re-encodes to itself.
 */
class RecordCodecFuzzTest {

    private static final String[] TOKENS = {"null", "true", "false", "0", "-1", "1e999", "-0", "\"\"", "\"x\"",
            "[", "]", "{", "}", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "9223372036854775808", "1.5", "NaN",
            "\u0000", "\u00ff", "\"schema\":2", "\"schema\":1"};

    private final RecordCodec codec = new RecordCodec();

    @Test
    void byteMutationsNeverEscapeAsExceptions() {
        Random random = new Random(20240611);
        List<byte[]> seeds = new ArrayList<>();
        for (ZkRecord r : RecordSamples.all()) {
            seeds.add(codec.encode(r));
        }
        for (int i = 0; i < 6_000; i++) {
            byte[] data = seeds.get(random.nextInt(seeds.size()));
            int rounds = 1 + random.nextInt(4);
            for (int r = 0; r < rounds; r++) {
                data = mutate(data, random);
            }
            decodeAsEveryType(data);
        }
    }

    @Test
    void everyTruncationIsAFailure() {
        for (ZkRecord r : RecordSamples.all()) {
            byte[] full = codec.encode(r);
            for (int len = 0; len < full.length; len++) {
                DecodeResult<?> result = codec.decode(Arrays.copyOf(full, len), r.getClass());
                assertFalse(result.ok(), "prefix of " + len + " bytes decoded: " + new String(full, 0, len,
                        StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void structuredMutationsGiveValidRecordsOrFailures() {
        Random random = new Random(77);
        ObjectMapper plain = new ObjectMapper();
        for (int i = 0; i < 2_000; i++) {
            ZkRecord sample = RecordSamples.all().get(random.nextInt(RecordSamples.all().size()));
            ObjectNode tree;
            try {
                tree = (ObjectNode) plain.readTree(codec.encode(sample));
                replaceRandomValue(tree, random);
                decodeAsEveryType(plain.writeValueAsBytes(tree));
            } catch (java.io.IOException e) {
                fail(e);
            }
        }
    }

    @Test
    void randomJsonDocumentsNeverEscapeAsExceptions() {
        Random random = new Random(5);
        ObjectMapper plain = new ObjectMapper();
        for (int i = 0; i < 2_000; i++) {
            try {
                decodeAsEveryType(plain.writeValueAsBytes(randomValue(random, 0)));
            } catch (java.io.IOException e) {
                fail(e);
            }
        }
    }

    private void decodeAsEveryType(byte[] data) {
        for (Class<? extends ZkRecord> type : RecordSamples.types()) {
            DecodeResult<? extends ZkRecord> result;
            try {
                result = codec.decode(data, type);
            } catch (Throwable t) {
                throw new AssertionError("decode threw for " + new String(data, StandardCharsets.UTF_8), t);
            }
            assertNotNull(result);
            if (result instanceof DecodeResult.Ok<? extends ZkRecord> ok) {
                assertEquals(type, ok.record().getClass());
                assertEquals(result, codec.decode(codec.encode(ok.record()), type), "re-encoding changed the record");
            } else {
                DecodeResult.Failed<?> failed = (DecodeResult.Failed<?>) result;
                assertNotNull(failed.failure());
                assertNotNull(failed.reason());
            }
        }
    }

    private static byte[] mutate(byte[] data, Random random) {
        if (data.length == 0) {
            return TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
        }
        int at = random.nextInt(data.length);
        switch (random.nextInt(6)) {
            case 0 -> {
                byte[] out = data.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 1 -> {
                byte[] out = data.clone();
                out[at] = (byte) random.nextInt(256);
                return out;
            }
            case 2 -> {
                int end = Math.min(data.length, at + 1 + random.nextInt(8));
                return concat(Arrays.copyOfRange(data, 0, at), Arrays.copyOfRange(data, end, data.length));
            }
            case 3 -> {
                int end = Math.min(data.length, at + 1 + random.nextInt(16));
                return concat(Arrays.copyOfRange(data, 0, end), Arrays.copyOfRange(data, at, data.length));
            }
            case 4 -> {
                byte[] token = TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
                return concat(concat(Arrays.copyOfRange(data, 0, at), token), Arrays.copyOfRange(data, at, data.length));
            }
            default -> {
                return Arrays.copyOf(data, at);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void replaceRandomValue(ObjectNode object, Random random) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        JsonNode current = object.get(name);
        if (current instanceof ObjectNode nested && random.nextBoolean()) {
            replaceRandomValue(nested, random);
        } else if (random.nextInt(5) == 0) {
            object.remove(name);
        } else {
            object.set(name, randomValue(random, 2));
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (random.nextInt(depth > 3 ? 8 : 10)) {
            case 0: return f.nullNode();
            case 1: return f.booleanNode(random.nextBoolean());
            case 2: return f.numberNode(random.nextInt(600) - 100);
            case 3: return f.numberNode(random.nextLong());
            case 4: return f.numberNode(random.nextDouble() * 1000);
            case 5: return f.textNode(randomText(random));
            case 6: return f.textNode(new String[] {"lb01", "..", "a/b", "", "MASTER", "claim", "TCP_10.0.0.1_80"}[random.nextInt(7)]);
            case 7: return f.numberNode(new java.math.BigInteger(80, random));
            case 8: {
                ArrayNode a = f.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(random, depth + 1));
                }
                return a;
            }
            default: {
                ObjectNode o = f.objectNode();
                String[] keys = {"schema", "node", "vrid", "vips", "kind", "fence", "epoch", "x"};
                for (int i = random.nextInt(5); i > 0; i--) {
                    o.set(keys[random.nextInt(keys.length)], randomValue(random, depth + 1));
                }
                return o;
            }
        }
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            b.append((char) random.nextInt(0x3000));
        }
        return b.toString();
    }
}
