package io.hakeeper.agent.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.stream.Collectors;

/**
 * A tiny program that {@link KernelVmTest} runs on the JVM inside the VM, from the test classpath.
 * It prints what it sees as {@code key=value} lines, so the test can tell it ran on the guest
 * kernel (release, IPVS, the dummy interface) with the caller's working directory and environment,
 * and exits with the status given as its argument.
 */
public final class GuestProbe {

    private GuestProbe() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("release=" + Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        System.out.println("cwd=" + System.getProperty("user.dir"));
        System.out.println("token=" + System.getenv("HAKEEPER_PROBE_TOKEN"));
        System.out.println("ip_vs=" + Files.readAllLines(Path.of("/proc/net/ip_vs")).get(0));
        NetworkInterface dummy = NetworkInterface.getByName(System.getenv("HAKEEPER_QEMU_IFACE"));
        System.out.println("iface=" + (dummy == null ? "none" : Collections.list(dummy.getInetAddresses()).stream()
                .map(InetAddress::getHostAddress).sorted().collect(Collectors.joining(","))));
        System.err.println("probe: this line goes to stderr");
        System.exit(Integer.parseInt(args[0]));
    }
}
