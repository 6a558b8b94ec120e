package io.hakeeper.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid configs (deleting, duplicating, swapping tokens and braces, truncating) and
 * asserts that the only outcomes are a model or config errors: never another exception.
 */
class MutatedConfigTest {

    private static final Pattern TOKEN = Pattern.compile("\"[^\"\\n]*\"|[{}]|[^\\s{}]+|\\n");
    private static final String[] INSERTS = {"{", "}", "\"", "#", "!", "//", "include", "vrrp_instance", "priority",
        "virtual_server", "real_server", "-1", "999999999999", "0", "255", "1.2.3", "::", "10.0.0.1/99", "\n",
        "track_script", "weight", "reverse", "fwmark", "group", "url", "status_code", "200-100", "0.001",
        "persistence_granularity", "lb_algo", "zookeeper", "session_timeout", "\u00e9", "\t", "\r"};

    private static List<String> seeds() throws IOException, URISyntaxException {
        List<String> texts = new ArrayList<>();
        for (String dir : List.of("/fixtures/keepalived", "/configs")) {
            Path p = Path.of(MutatedConfigTest.class.getResource(dir).toURI());
            try (Stream<Path> s = Files.list(p)) {
                for (Path f : s.filter(x -> x.toString().endsWith(".conf")).sorted().toList()) {
                    texts.add(Files.readString(f));
                }
            }
        }
        texts.add(Configs.INSTANCE);
        return texts;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String mutate(List<String> tokens, Random rnd) {
        List<String> t = new ArrayList<>(tokens);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && !t.isEmpty(); e++) {
            int i = rnd.nextInt(t.size());
            switch (rnd.nextInt(7)) {
                case 0 -> t.remove(i);
                case 1 -> t.add(i, t.get(i));
                case 2 -> {
                    int j = rnd.nextInt(t.size());
                    String x = t.get(i);
                    t.set(i, t.get(j));
                    t.set(j, x);
                }
                case 3 -> t.add(i, INSERTS[rnd.nextInt(INSERTS.length)]);
                case 4 -> t.set(i, INSERTS[rnd.nextInt(INSERTS.length)]);
                case 5 -> t.subList(i, t.size()).clear();
                default -> {
                    String x = t.get(i);
                    if (!x.isEmpty()) {
                        int k = rnd.nextInt(x.length());
                        t.set(i, x.substring(0, k) + (char) (32 + rnd.nextInt(95)) + x.substring(k + 1));
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String s : t) {
            sb.append(s).append(s.equals("\n") ? "" : " ");
        }
        return sb.toString();
    }

    @Test
    void mutatedConfigsYieldAModelOrConfigErrorsNeverAnotherException() throws Exception {
        long seed = Long.getLong("mutation.seed", System.nanoTime());
        int rounds = Integer.getInteger("mutation.rounds", 20_000);
        Random rnd = new Random(seed);
        List<List<String>> corpus = seeds().stream().map(MutatedConfigTest::tokens).toList();
        int ok = 0;
        int invalid = 0;
        for (int n = 0; n < rounds; n++) {
            String text = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
            ConfigLoader.Result r;
            try {
                r = Configs.check(text);
            } catch (RuntimeException | StackOverflowError e) {
                fail("seed " + seed + " round " + n + " threw " + e + " for:\n" + text, e);
                return;
            }
            assertEquals(r.ok(), r.errors().isEmpty(), "a model exactly when there is no error; seed " + seed);
            if (r.ok()) {
                ok++;
            } else {
                invalid++;
            }
        }
        System.out.printf("mutation seed %d: %d valid, %d invalid%n", seed, ok, invalid);
    }

    @Test
    void randomBytesYieldConfigErrorsNeverAnotherException() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int n = 0; n < 2_000; n++) {
            char[] c = new char[rnd.nextInt(400)];
            for (int i = 0; i < c.length; i++) {
                c[i] = (char) (rnd.nextInt(8) == 0 ? "{}\"\n#!".charAt(rnd.nextInt(6)) : rnd.nextInt(0x3000));
            }
            try {
                Configs.check(new String(c));
            } catch (RuntimeException e) {
                fail("seed " + seed + " round " + n + " threw " + e, e);
            }
        }
    }
}
