package io.hakeeper.lab.netns;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The namespaces, veth links and agent processes of one test lab, all removed on close. Names
 * carry a tag and a random id ({@code hkf1a2b-lb1}), so labs of different tests, or of an
 * interrupted earlier run, never collide. Link names stay within IFNAMSIZ - 1 = 15 characters
 * (include/uapi/linux/if.h).
 */
public final class LabNetwork implements AutoCloseable {

    /** JVM flags for an agent under test: small and quick to start, like the launcher's. */
    public static final List<String> TEST_AGENT_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1");

    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> rootLinks = new ArrayList<>();
    private final Map<String, Process> agents = new LinkedHashMap<>();

    /** A lab whose names start with {@code tag} (three letters, one per kind of lab). */
    public LabNetwork(String tag) {
        byte[] r = new byte[2];
        new SecureRandom().nextBytes(r);
        this.prefix = tag + HexFormat.of().formatHex(r);
    }

    /** The full name of the lab's namespace {@code name}. */
    public String ns(String name) {
        return prefix + "-" + name;
    }

    /** A link name unique to this lab: the prefix and a short suffix. */
    public String link(String suffix) {
        String name = prefix + suffix;
        if (name.length() > 15) {
            throw new IllegalArgumentException("link name " + name + " is longer than IFNAMSIZ - 1 = 15");
        }
        return name;
    }

    /** Creates namespace {@code name} with its loopback up; removed on close. */
    public void addNamespace(String name) throws IOException {
        Shell.ip("netns", "add", ns(name));
        namespaces.add(ns(name));
        Shell.ipIn(ns(name), "link", "set", "lo", "up");
    }

    public boolean hasNamespace(String name) {
        return namespaces.contains(ns(name));
    }

    /** A bridge {@code br0}, up, in namespace {@code name}. */
    public void addBridge(String name) throws IOException {
        Shell.ipIn(ns(name), "link", "add", "br0", "type", "bridge");
        Shell.ipIn(ns(name), "link", "set", "br0", "up");
    }

    /**
     * A veth pair, both ends up: end {@code a} goes into namespace {@code aNs} (null: stays in
     * the root namespace, and is deleted on close) and is renamed {@code aRename} there (null:
     * keeps its name); the same for {@code b}. Returns the names the ends have in the end.
     */
    public String[] addVeth(String a, String aNs, String aRename, String b, String bNs, String bRename)
            throws IOException {
        Shell.ip("link", "add", a, "type", "veth", "peer", "name", b);
        return new String[] {place(a, aNs, aRename), place(b, bNs, bRename)};
    }

    private String place(String link, String nsName, String rename) throws IOException {
        String namespace = nsName == null ? null : ns(nsName);
        if (namespace != null) {
            Shell.ip("link", "set", link, "netns", namespace);
        } else {
            rootLinks.add(link);
        }
        String name = link;
        if (rename != null) {
            Shell.ipIn(namespace, "link", "set", link, "name", rename);
            name = rename;
        }
        Shell.ipIn(namespace, "link", "set", name, "up");
        return name;
    }

    /**
     * Plugs namespace {@code node} into the bridge in {@code switchNs}: its end is {@code dev}
     * with {@code cidr}, the other end a port of br0.
     */
    public void plugIntoBridge(String node, String dev, String cidr, String switchNs, String suffix) throws IOException {
        String port = link("s" + suffix);
        addVeth(link("l" + suffix), node, dev, port, switchNs, null);
        Shell.ipIn(ns(switchNs), "link", "set", port, "master", "br0");
        Shell.ipIn(ns(node), "addr", "add", cidr, "dev", dev);
    }

    /** Starts {@code haagent run --config CONFIG} in namespace {@code node} as its own process, output appended to {@code log}. */
    public Process startAgent(String node, Path config, Path log, List<String> jvmFlags, List<String> main)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns(node),
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags);
        cmd.addAll(main);
        cmd.addAll(List.of("run", "--config", config.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        agents.put(node, p);
        return p;
    }

    /** The agent's main from this JVM's own classpath. */
    public static List<String> agentFromClasspath() {
        return List.of("-cp", System.getProperty("java.class.path"), "io.hakeeper.agent.HaAgent");
    }

    public Process agent(String node) {
        return agents.get(node);
    }

    public Set<String> agentNodes() {
        return agents.keySet();
    }

    /** {@code kill -SIGNAL} of the node's agent. */
    public void signal(String node, String signal) throws IOException {
        Shell.run("kill", "-" + signal, Long.toString(agents.get(node).pid()));
    }

    /** kill -9: the agent's session lives on until ZooKeeper expires it. */
    public void kill(String node) throws InterruptedException {
        Process p = agents.get(node);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL after 15 s. */
    public void stop(String node) throws InterruptedException {
        Process p = agents.get(node);
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** The IPv4 addresses on {@code dev} in namespace {@code node}, as the kernel has them now. */
    public Set<String> ipv4Addresses(String node, String dev) throws IOException {
        String out = Shell.ipIn(ns(node), "-o", "-4", "addr", "show", "dev", dev);
        Set<String> found = new TreeSet<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int k = 0; k + 1 < f.length; k++) {
                if (f[k].equals("inet")) {
                    found.add(f[k + 1].substring(0, f[k + 1].indexOf('/')));
                }
            }
        }
        return found;
    }

    /** Kills the agents, deletes the root-namespace links and the namespaces (their links go with them). */
    @Override
    public void close() throws InterruptedException {
        for (Process p : agents.values()) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (String l : rootLinks) {
            try {
                Shell.ip("link", "del", l);
            } catch (IOException e) {
                // already gone with its peer in a deleted namespace
            }
        }
        for (String n : namespaces) {
            try {
                Shell.ip("netns", "del", n);
            } catch (IOException e) {
                // best effort: nothing is left running in it, and the next lab uses other names
            }
        }
    }
}
