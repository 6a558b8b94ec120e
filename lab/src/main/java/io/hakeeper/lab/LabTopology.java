package io.hakeeper.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's nodes and addresses as lab/topology.env states them (KEY=VALUE lines, the single
 * source of truth that bin/lab reads too). Malformed lines are an error naming the line.
 */
public record LabTopology(Map<String, String> values) {

    public static LabTopology read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.startsWith("LAB_")) {
                throw new IOException(file + ":" + (i + 1) + ": expected LAB_NAME=VALUE, found '" + line + "'");
            }
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new LabTopology(values);
    }

    /** lab/topology.env under the repository root given by -Dlab.root (bin/lab sets it) or the working directory. */
    public static LabTopology ofRepository() throws IOException {
        return read(repositoryRoot().resolve("lab/topology.env"));
    }

    public static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("lab.root", "")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lab/topology.env"))) {
                return p;
            }
        }
        throw new IllegalStateException("no lab/topology.env in " + start + " or above");
    }

    /** Keys that {@code HAKEEPER_<KEY>} in the environment overrides, as in bin/lab: two labs side by side. */
    private static final List<String> OVERRIDABLE = List.of("LAB_NS_PREFIX", "LAB_RUN_DIR");

    public String get(String key) {
        String override = OVERRIDABLE.contains(key) ? System.getenv("HAKEEPER_" + key) : null;
        if (override != null && !override.isEmpty()) {
            return override;
        }
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("lab/topology.env has no " + key);
        }
        return v;
    }

    public List<String> nodes() {
        return List.of(get("LAB_NODES").split("\\s+"));
    }

    public List<String> directors() {
        return List.of(get("LAB_DIRECTORS").split("\\s+"));
    }

    public List<String> realServers() {
        return List.of(get("LAB_REAL_SERVERS").split("\\s+"));
    }

    /** The ZooKeeper servers of {@code bin/lab up --zk 3}; the first is the default lab's zk. */
    public List<String> zkEnsemble() {
        return List.of(get("LAB_ZK_ENSEMBLE").split("\\s+"));
    }

    public String address(String node) {
        return get("LAB_ADDR_" + node);
    }

    /** The node's IPv6 address in {@code bin/lab up --ipv6}. */
    public String address6(String node) {
        return get("LAB_ADDR6_" + node);
    }

    public String vip() {
        return get("LAB_VIP");
    }

    public int httpPort() {
        return Integer.parseInt(get("LAB_HTTP_PORT"));
    }

    public String namespace(String node) {
        return get("LAB_NS_PREFIX") + node;
    }

    public Path runDir() {
        return Path.of(get("LAB_RUN_DIR"));
    }
}
