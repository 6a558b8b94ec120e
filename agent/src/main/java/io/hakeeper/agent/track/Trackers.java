package io.hakeeper.agent.track;

import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.TrackFileDef;
import io.hakeeper.common.config.model.TrackRef;
import io.hakeeper.common.config.model.VrrpInstance;
import io.hakeeper.common.config.model.VrrpScript;
import io.hakeeper.common.election.TrackerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * Every tracker of the config, each run once however many instances follow it (as keepalived
 * does), and the per-instance view of them: {@link #initial} and {@link #subscribe} turn each
 * script/link/file into {@link TrackerState}s with the weight the instance's {@code track_*}
 * entry gives (or the tracker's own). The instance's own interface is tracked with weight 0, so
 * its link going down is a FAULT.
 */
public final class Trackers implements AutoCloseable {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trackers");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ScriptRunner> scripts = new HashMap<>();
    private final Map<String, FileWatcher> files = new HashMap<>();
    private final Map<String, VrrpScript> scriptDefs = new HashMap<>();
    private final Map<String, TrackFileDef> fileDefs = new HashMap<>();
    private final LinkWatcher links = new LinkWatcher();

    public Trackers(KeepalivedConfig config) {
        String user = config.globalDefs().scriptUser();
        String group = config.globalDefs().scriptGroup();
        for (VrrpScript s : config.vrrpScripts()) {
            scriptDefs.put(s.name(), s);
            scripts.put(s.name(), new ScriptRunner(s, user, group, timers));
        }
        for (TrackFileDef f : config.trackFiles()) {
            fileDefs.put(f.name(), f);
            files.put(f.name(), new FileWatcher(f));
        }
    }

    /** Starts following links: before {@link #initial}, which reads their state. */
    public void watchLinks() throws Exception {
        links.start();
    }

    /** Starts the scripts and file watchers: after {@link #subscribe}, so no first result is missed. */
    public void start() {
        scripts.values().forEach(ScriptRunner::start);
        files.values().forEach(f -> f.start(timers));
    }

    /** The instance's trackers as they stand now. */
    public List<TrackerState> initial(VrrpInstance i) {
        List<TrackerState> out = new ArrayList<>();
        for (TrackRef r : i.trackScripts()) {
            out.add(script(r, scripts.get(r.name()).status()));
        }
        out.add(new TrackerState.Interface(i.iface(), 0, false, links.isUp(i.iface())));
        for (TrackRef r : i.trackInterfaces()) {
            out.add(iface(r, links.isUp(r.name())));
        }
        for (TrackRef r : i.trackFiles()) {
            out.add(file(r, files.get(r.name()).value()));
        }
        return out;
    }

    /** Calls {@code sink} with the instance's tracker state on every change, from tracker threads. */
    public void subscribe(VrrpInstance i, BiConsumer<VrrpInstance, TrackerState> sink) {
        for (TrackRef r : i.trackScripts()) {
            scripts.get(r.name()).addListener(status -> sink.accept(i, script(r, status)));
        }
        links.addListener((name, up) -> {
            if (name.equals(i.iface())) {
                sink.accept(i, new TrackerState.Interface(i.iface(), 0, false, up));
            }
            for (TrackRef r : i.trackInterfaces()) {
                if (r.name().equals(name)) {
                    sink.accept(i, iface(r, up));
                }
            }
        });
        for (TrackRef r : i.trackFiles()) {
            files.get(r.name()).addListener(v -> sink.accept(i, file(r, v)));
        }
    }

    private TrackerState script(TrackRef r, TrackerState.Status status) {
        VrrpScript def = scriptDefs.get(r.name());
        int weight = r.weight() != null ? r.weight() : def.weight();
        boolean reverse = r.weight() != null ? r.weightReverse() : def.weightReverse();
        return new TrackerState.Script(r.name(), weight, reverse, status);
    }

    private static TrackerState iface(TrackRef r, boolean up) {
        return new TrackerState.Interface(r.name(), r.weight() != null ? r.weight() : 0, r.weightReverse(), up);
    }

    private TrackerState file(TrackRef r, long value) {
        TrackFileDef def = fileDefs.get(r.name());
        int weight = r.weight() != null ? r.weight() : def.weight();
        boolean reverse = r.weight() != null ? r.weightReverse() : def.weightReverse();
        return new TrackerState.File(r.name(), weight, reverse, value);
    }

    @Override
    public void close() {
        scripts.values().forEach(ScriptRunner::close);
        files.values().forEach(FileWatcher::close);
        links.close();
        timers.shutdownNow();
    }
}
