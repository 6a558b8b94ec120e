package io.hakeeper.controller.cli;

import io.hakeeper.controller.HaCtl;
import io.hakeeper.controller.HaCtlException;
import io.hakeeper.controller.cluster.ClusterWatch;
import io.hakeeper.controller.cluster.LiveTree;
import io.hakeeper.controller.events.EventView;
import io.hakeeper.controller.events.EventsReader;
import io.hakeeper.controller.events.EventsReport;
import io.hakeeper.controller.events.EventsText;
import io.hakeeper.controller.text.JsonText;
import io.hakeeper.controller.zk.ZkSession;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hactl events [--follow] [--since DURATION]}. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"The transition history (claim, release, yield, requeue, fault, conflict, renewal-failure,"
                + " switchover, drain, undrain, foreign-router), oldest first. The agents keep the last 1000."})
public final class EventsCommand implements Callable<Integer> {

    @ParentCommand
    HaCtl hactl;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only events of the last DURATION (30s, 5m, 2h, 1d).")
    Duration since;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events as they arrive (ZooKeeper watches)"
            + " until interrupted. With --json, one document per line.")
    boolean follow;

    @Option(names = "--instance", paramLabel = "INSTANCE", description = "Only events of this instance.")
    String instance;

    @Option(names = "--node", paramLabel = "NODE", description = "Only events of this node.")
    String node;

    @Override
    public Integer call() throws HaCtlException {
        PrintWriter out = spec.commandLine().getOut();
        long cutoff = since == null ? Long.MIN_VALUE : System.currentTimeMillis() - since.toMillis();
        try (ZkSession zk = ZkSession.open(hactl.connection())) {
            EventsReader.Batch all = zk.read("reading " + zk.layout().eventsDir(),
                    () -> new EventsReader(new LiveTree(zk.client()), zk.layout()).readAfter(-1));
            List<EventView> shown = all.events().stream().filter(e -> matches(e, cutoff)).toList();
            if (output.json()) {
                EventsReport report = EventsReport.of(zk.layout().cluster(), shown, all.unreadable());
                out.println(follow ? JsonText.line(report) : JsonText.pretty(report));
            } else {
                out.println(EventsText.header());
                shown.forEach(e -> out.println(EventsText.line(e)));
                all.unreadable().forEach(u -> out.println("unreadable event " + u.path() + ": " + u.reason()));
            }
            out.flush();
            if (!follow) {
                return 0;
            }
            long last = all.events().stream().mapToLong(EventView::sequence).max().orElse(-1);
            return follow(zk, out, last, cutoff);
        }
    }

    private int follow(ZkSession zk, PrintWriter out, long afterSequence, long cutoff) throws HaCtlException {
        long last = afterSequence;
        try (ClusterWatch w = new ClusterWatch(zk.client(), zk.layout()).start()) {
            EventsReader reader = new EventsReader(w.tree(), zk.layout());
            while (true) {
                if (!w.awaitChange(Duration.ofMinutes(1))) {
                    continue;
                }
                long from = last;
                EventsReader.Batch batch = zk.read("reading new events", () -> reader.readAfter(from));
                for (EventView e : batch.events()) {
                    if (e.sequence() <= last) {
                        continue;
                    }
                    last = e.sequence();
                    if (!matches(e, cutoff)) {
                        continue;
                    }
                    out.println(output.json() ? JsonText.line(EventsReport.of(zk.layout().cluster(), List.of(e),
                            List.of())) : EventsText.line(e));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (HaCtlException e) {
            if (Thread.currentThread().isInterrupted()) {
                return 0;
            }
            throw e;
        }
    }

    private boolean matches(EventView e, long cutoff) {
        return e.timeMs() >= cutoff && (instance == null || instance.equals(e.instance()))
                && (node == null || node.equals(e.node()));
    }
}
