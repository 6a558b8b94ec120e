package io.hakeeper.agent.check.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A real TCP server on loopback for the probe tests, with one scripted behaviour per connection:
 * answer, hang, reset, or anything a {@link Conversation} does. Records what each client sent and
 * where it came from, so a test asserts bytes on the wire.
 */
final class ScriptedServer implements AutoCloseable {

    interface Conversation {
        void talk(Socket client, ScriptedServer server) throws IOException;
    }

    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    private ScriptedServer(ServerSocket socket, Conversation conversation) {
        this.socket = socket;
        threads.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket c = socket.accept();
                    clients.add(c);
                    peers.add((InetSocketAddress) c.getRemoteSocketAddress());
                    threads.execute(() -> {
                        try {
                            conversation.talk(c, this);
                        } catch (IOException ignored) {
                            // the client went away: that is the probe's business
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    static ScriptedServer start(Conversation conversation) throws IOException {
        return new ScriptedServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), conversation);
    }

    static ScriptedServer startTls(SSLContext tls, Conversation conversation) throws IOException {
        SSLServerSocket s = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        return new ScriptedServer(s, conversation);
    }

    int port() {
        return socket.getLocalPort();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** Reads an HTTP request head (up to the blank line) and records it. */
    String readRequest(Socket c) throws IOException {
        InputStream in = c.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            got.write(b);
            String s = got.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                requests.add(s);
                return s;
            }
        }
        requests.add(got.toString(StandardCharsets.ISO_8859_1));
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    // ---- behaviours -------------------------------------------------------------------------

    /** Reads the request, writes {@code response}, closes. */
    static Conversation answer(String response) {
        return (c, s) -> {
            s.readRequest(c);
            OutputStream out = c.getOutputStream();
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            c.close();
        };
    }

    /** An HTTP answer with Content-Length. */
    static String http(int status, String body) {
        return "HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** Accepts and never says a word. */
    static Conversation hang() {
        return (c, s) -> {
            // hold the connection open until the test closes the server
        };
    }

    /** Reads what the client sends first (if it speaks first), then resets the connection (SO_LINGER 0). */
    static Conversation reset(boolean clientSpeaksFirst) {
        return (c, s) -> {
            if (clientSpeaksFirst) {
                c.getInputStream().read(new byte[1024]);
            }
            c.setSoLinger(true, 0);
            c.close();
        };
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket c : clients) {
            c.close();
        }
        threads.shutdownNow();
    }
}
