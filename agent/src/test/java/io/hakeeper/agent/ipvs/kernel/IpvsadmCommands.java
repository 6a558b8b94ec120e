package io.hakeeper.agent.ipvs.kernel;

import io.hakeeper.agent.ipvs.IpvsDestination;
import io.hakeeper.agent.ipvs.IpvsOp;
import io.hakeeper.agent.ipvs.IpvsService;
import io.hakeeper.agent.ipvs.IpvsServiceEntry;
import io.hakeeper.agent.ipvs.IpvsServiceKey;
import io.hakeeper.agent.ipvs.IpvsTable;
import io.hakeeper.agent.ipvs.IpvsTableFormat;
import java.util.List;

/**
 * The ipvsadm command ({@code -R} input line) for one {@link IpvsOp}: -A/-E/-D for services,
 * -a/-e/-d for destinations, written in {@link IpvsTableFormat#rules}'s syntax. The benchmark
 * feeds ipvsadm the same minimal change as hakeeper sends.
 */
final class IpvsadmCommands {

    private IpvsadmCommands() {
    }

    static String of(IpvsOp op) {
        if (op instanceof IpvsOp.NewService n) {
            return serviceLine(IpvsServiceEntry.of(n.service()));
        }
        if (op instanceof IpvsOp.EditService e) {
            return "-E" + serviceLine(IpvsServiceEntry.of(e.to())).substring(2);
        }
        if (op instanceof IpvsOp.DeleteService d) {
            String line = serviceLine(IpvsServiceEntry.of(IpvsService.of(d.key(), "rr")));
            return "-D" + line.substring(2, line.indexOf(" -s "));
        }
        if (op instanceof IpvsOp.NewDest n) {
            return destinationLine(n.service(), n.destination());
        }
        if (op instanceof IpvsOp.EditDest e) {
            return "-e" + destinationLine(e.service(), e.to()).substring(2);
        }
        IpvsOp.DeleteDest d = (IpvsOp.DeleteDest) op;
        String line = destinationLine(d.service(), d.destination());
        int method = line.indexOf(' ', line.indexOf(" -r ") + 4);
        return "-d" + line.substring(2, method);
    }

    private static String serviceLine(IpvsServiceEntry e) {
        return IpvsTableFormat.rules(IpvsTable.of(e)).lines().findFirst().orElseThrow();
    }

    private static String destinationLine(IpvsServiceKey key, IpvsDestination d) {
        List<String> lines = IpvsTableFormat.rules(IpvsTable.of(IpvsServiceEntry.of(
                IpvsService.of(key, "rr"), d))).lines().toList();
        return lines.get(1);
    }
}
