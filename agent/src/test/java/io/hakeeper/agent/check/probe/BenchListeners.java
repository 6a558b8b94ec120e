package io.hakeeper.agent.check.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The benchmark's real servers, in a process of their own so that their CPU is not counted as the
 * checker's: N listeners on 127.0.0.1, one selector thread that accepts and closes. Their ports
 * come from below the ephemeral range (net.ipv4.ip_local_port_range starts at 32768), so that they
 * leave the checker's source ports alone; ports already taken are skipped. Prints "PORT p" per listener, then "READY"; exits when stdin closes.
 */
public final class BenchListeners {

    private BenchListeners() {
    }

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Selector selector = Selector.open();
        StringBuilder out = new StringBuilder();
        int port = 32767;
        for (int i = 0; i < n; i++) {
            ServerSocketChannel s = ServerSocketChannel.open();
            while (true) {
                try {
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port--), 1024);
                    break;
                } catch (java.net.BindException taken) {
                    if (port < 1024) {
                        throw taken;
                    }
                }
            }
            s.configureBlocking(false);
            s.register(selector, SelectionKey.OP_ACCEPT);
            out.append("PORT ").append(((InetSocketAddress) s.getLocalAddress()).getPort()).append('\n');
        }
        System.out.print(out);
        System.out.println("READY");
        System.out.flush();
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the benchmark holds stdin open while it runs
                }
            } catch (IOException ignored) {
                // parent gone
            }
            System.exit(0);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        while (true) {
            selector.select();
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                SocketChannel c;
                while ((c = ((ServerSocketChannel) k.channel()).accept()) != null) {
                    c.close();
                }
            }
        }
    }
}
