package io.hakeeper.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running lab's mode, as {@code bin/lab up [--zk 1|3] [--ipv6]} chose it and wrote it to
 * {@code mode.env} in the lab's run directory (KEY=VALUE lines; {@code bin/lab info} prints them):
 * its ZooKeeper servers and connect string, and the VIP the directors float (IPv4 or IPv6).
 *
 * @param zkServers the ZooKeeper servers' node names (zk; or zk zk2 zk3)
 * @param zkConnect the agents' and hactl's connect string (ADDR:PORT,...)
 * @param ipv6      whether the directors float the IPv6 VIP ({@code LAB_MODE_FAMILY=ipv6})
 * @param vip       the VIP the directors float now, an address literal without brackets
 */
public record LabMode(List<String> zkServers, String zkConnect, boolean ipv6, String vip) {

    public static final String FILE = "mode.env";

    public LabMode {
        zkServers = List.copyOf(zkServers);
    }

    /** The mode of the lab that is up (in {@code topology.runDir()}, which HAKEEPER_LAB_RUN_DIR overrides). */
    public static LabMode read(LabTopology topology) {
        return read(topology.runDir());
    }

    /** The mode of the lab whose run directory is {@code runDir}. */
    static LabMode read(Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            return parse(file, Files.readAllLines(file));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the lab is not up: no " + file + " (bin/lab up [--zk 1|3] [--ipv6] writes it)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab's mode from " + file, e);
        }
    }

    /** {@code lines} of {@code file} (named in errors): LAB_MODE_* keys; other keys are ignored. */
    static LabMode parse(Path file, List<String> lines) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected KEY=VALUE, found '" + line + "'");
            }
            values.put(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        String family = required(values, file, "LAB_MODE_FAMILY");
        if (!family.equals("ipv4") && !family.equals("ipv6")) {
            throw new IllegalArgumentException(file + ": LAB_MODE_FAMILY is '" + family + "', expected ipv4 or ipv6");
        }
        return new LabMode(List.of(required(values, file, "LAB_MODE_ZK_SERVERS").split("\\s+")),
                required(values, file, "LAB_MODE_ZK_CONNECT"), family.equals("ipv6"), required(values, file, "LAB_MODE_VIP"));
    }

    private static String required(Map<String, String> values, Path file, String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(file + ": no " + key + " (written by bin/lab up; bin/lab down, then up again)");
        }
        return v;
    }

    /** The VIP as a URL's host: IPv6 literals in brackets (RFC 3986 section 3.2.2). */
    public String vipHost() {
        return ipv6 ? "[" + vip + "]" : vip;
    }
}
