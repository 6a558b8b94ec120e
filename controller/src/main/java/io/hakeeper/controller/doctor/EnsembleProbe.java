package io.hakeeper.controller.doctor;

import io.hakeeper.controller.zk.ServerAddress;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Asks every server of the connect string {@code srvr} and {@code conf}. */
public final class EnsembleProbe {

    private EnsembleProbe() {
    }

    public static List<ServerHealth> probe(List<ServerAddress> servers, Duration timeout) {
        List<ServerHealth> out = new ArrayList<>();
        for (ServerAddress s : servers) {
            out.add(probe(s, timeout));
        }
        return out;
    }

    static ServerHealth probe(ServerAddress server, Duration timeout) {
        FourLetterWord.Answer srvr;
        try {
            srvr = FourLetterWord.ask(server, "srvr", timeout);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new ServerHealth(server.toString(), false, why, null, null, null, null, null, null, null, null, null,
                    null, false, false);
        }
        SrvrReply s = srvr.refused() ? new SrvrReply(true, null, null, null, null, null, null) : SrvrReply.parse(srvr.text());
        ConfReply c = new ConfReply(null, null, null);
        boolean confAllowed = false;
        try {
            FourLetterWord.Answer conf = FourLetterWord.ask(server, "conf", timeout);
            confAllowed = !conf.refused() && !conf.text().isBlank();
            if (confAllowed) {
                c = ConfReply.parse(conf.text());
            }
        } catch (IOException e) {
            // reachable a moment ago; leave the limits unknown
        }
        return new ServerHealth(server.toString(), true, null, s.mode(), s.version(), srvr.roundTripMs(),
                s.latencyAvgMs(), s.latencyMaxMs(), s.zxid(), s.nodeCount(), c.tickTimeMs(), c.minSessionTimeoutMs(),
                c.maxSessionTimeoutMs(), !srvr.refused(), confAllowed);
    }
}
