package io.hakeeper.controller.zk;

import io.hakeeper.common.zk.ZkLayout;
import io.hakeeper.controller.ExitCode;
import io.hakeeper.controller.HaCtlException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * hactl's Curator client: connected (or a clear "unreachable" error naming each server and what
 * happened), authenticated with the {@code --auth-digest-file} identity when given, and a place
 * that turns ZooKeeper's exceptions into messages a person can act on.
 */
public final class ZkSession implements AutoCloseable {

    /** How to phrase a permission problem: which identity the operation needs. */
    public enum Access {
        READ("reading the cluster needs the read-only identity or the agents' identity from the agents'"
                + " auth_digest_file: pass --auth-digest-file FILE"),
        WRITE("switchover and drain need the agents' (writer) identity, the first line of the agents'"
                + " auth_digest_file: pass --auth-digest-file with that file");

        private final String need;

        Access(String need) {
            this.need = need;
        }
    }

    private final CuratorFramework client;
    private final ConnectionSettings settings;
    private final List<ServerAddress> servers;
    private final ZkLayout layout;
    private final DigestIdentity identity;

    private ZkSession(CuratorFramework client, ConnectionSettings settings, List<ServerAddress> servers,
                      ZkLayout layout, DigestIdentity identity) {
        this.client = client;
        this.settings = settings;
        this.servers = servers;
        this.layout = layout;
        this.identity = identity;
    }

    /** Parses the settings, connects, and waits for the session; throws with exit code 3 when unreachable. */
    public static ZkSession open(ConnectionSettings settings) throws HaCtlException {
        ZkLayout layout = layout(settings);
        List<ServerAddress> servers = servers(settings);
        DigestIdentity identity = settings.authDigestFile() == null ? null : DigestIdentity.load(settings.authDigestFile());
        int timeoutMs = (int) Math.max(100, settings.timeout().toMillis());
        CuratorFrameworkFactory.Builder b = CuratorFrameworkFactory.builder()
                .connectString(settings.connect())
                .sessionTimeoutMs(Math.max(10_000, timeoutMs))
                .connectionTimeoutMs(timeoutMs)
                .retryPolicy(new RetryNTimes(1, 200));
        if (identity != null) {
            b.authorization("digest", identity.authBytes());
        }
        CuratorFramework client = b.build();
        client.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connected = false;
        }
        if (!connected) {
            client.close();
            throw new HaCtlException(ExitCode.UNREACHABLE, "cannot reach ZooKeeper (--zk " + settings.connect()
                    + ") within " + timeoutMs + " ms: " + ReachabilityProbe.describe(servers, settings.timeout()));
        }
        return new ZkSession(client, settings, servers, layout, identity);
    }

    /** The connect string names servers (for doctor and error messages) without connecting. */
    public static List<ServerAddress> servers(ConnectionSettings settings) throws HaCtlException {
        if (settings.connect() == null || settings.connect().isBlank()) {
            throw HaCtlException.usage("no ZooKeeper to ask: pass --zk host:port[,host:port...] or set HAKEEPER_ZK");
        }
        return ServerAddress.parseAll(settings.connect());
    }

    public static ZkLayout layout(ConnectionSettings settings) throws HaCtlException {
        try {
            return new ZkLayout(settings.root(), settings.cluster());
        } catch (IllegalArgumentException e) {
            throw HaCtlException.usage(e.getMessage());
        }
    }

    public CuratorFramework client() {
        return client;
    }

    public ZkLayout layout() {
        return layout;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public List<ServerAddress> serverAddresses() {
        return servers;
    }

    public Optional<DigestIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /** Runs reads; ZooKeeper's refusals and losses become messages with their exit code. */
    public <T> T read(String doing, ZkCall<T> call) throws HaCtlException {
        return run(Access.READ, doing, call);
    }

    /** Runs writes; a refusal names the writer identity as the one needed. */
    public <T> T write(String doing, ZkCall<T> call) throws HaCtlException {
        return run(Access.WRITE, doing, call);
    }

    private <T> T run(Access access, String doing, ZkCall<T> call) throws HaCtlException {
        try {
            return call.call();
        } catch (HaCtlException e) {
            throw e;
        } catch (KeeperException.NoAuthException e) {
            throw noPermission(access, doing, e.getPath());
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException
                 | KeeperException.OperationTimeoutException e) {
            throw new HaCtlException(ExitCode.UNREACHABLE, "lost ZooKeeper (--zk " + settings.connect() + ") while "
                    + doing + ": " + e.code() + "; " + ReachabilityProbe.describe(servers, settings.timeout()), e);
        } catch (KeeperException e) {
            throw new HaCtlException(ExitCode.SOFTWARE, "ZooKeeper answered " + e.code() + " for "
                    + (e.getPath() == null ? "" : e.getPath() + " ") + "while " + doing, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaCtlException(ExitCode.SOFTWARE, "interrupted while " + doing, e);
        } catch (Exception e) {
            throw new HaCtlException(ExitCode.SOFTWARE, "failed while " + doing + ": " + e, e);
        }
    }

    /** NoAuth: who we are, what was refused, which identity the ACL allows (when we may see it), what to pass. */
    HaCtlException noPermission(Access access, String doing, String path) {
        String who = identity == null ? "an unauthenticated client" : "identity " + identity;
        String allowed = allowedIdentities(path).map(a -> "; its ACL allows " + a).orElse("");
        return new HaCtlException(ExitCode.NO_PERMISSION, "no permission: ZooKeeper refused " + who + " while "
                + doing + (path == null ? "" : " (" + path + ")") + allowed + ". " + access.need);
    }

    private Optional<String> allowedIdentities(String path) {
        if (path == null) {
            return Optional.empty();
        }
        try {
            List<ACL> acl = client.getACL().forPath(path);
            return Optional.of(acl.stream().map(ZkSession::describe).collect(Collectors.joining(", ")));
        } catch (Exception e) {
            return Optional.empty(); // getACL needs READ or ADMIN: often refused too
        }
    }

    private static String describe(ACL acl) {
        String id = acl.getId().getId();
        String user = acl.getId().getScheme().equals("digest") && id.indexOf(':') > 0 ? id.substring(0, id.indexOf(':')) : id;
        String perms = acl.getPerms() == ZooDefs.Perms.ALL ? "all" : acl.getPerms() == ZooDefs.Perms.READ ? "read"
                : "perms " + acl.getPerms();
        return acl.getId().getScheme() + " '" + user + "' (" + perms + ")";
    }

    @Override
    public void close() {
        client.close();
    }
}
