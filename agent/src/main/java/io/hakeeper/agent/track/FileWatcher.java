package io.hakeeper.agent.track;

import io.hakeeper.common.config.model.TrackFileDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vrrp_track_file}: the number in a file, read twice a second (keepalived uses inotify; half
 * a second is well inside an advert interval). A missing, empty or unreadable file reads as 0, as
 * in keepalived. {@code init_file} writes the initial value when the file is missing (or always,
 * with {@code overwrite}).
 */
public final class FileWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);
    private static final long PERIOD_MS = 500;

    private final TrackFileDef def;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile long value;
    private ScheduledFuture<?> task;

    public FileWatcher(TrackFileDef def) {
        this.def = def;
        init();
        this.value = read();
    }

    private void init() {
        if (def.initValue() == null) {
            return;
        }
        Path p = Path.of(def.file());
        try {
            if (def.initOverwrite() || !Files.exists(p)) {
                Files.writeString(p, def.initValue() + "\n");
            }
        } catch (IOException e) {
            log.warn("vrrp_track_file {}: cannot write initial value to {}: {}", def.name(), p, e.getMessage());
        }
    }

    long read() {
        try {
            String text = Files.readString(Path.of(def.file())).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text.split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    public String name() {
        return def.name();
    }

    public long value() {
        return value;
    }

    public void addListener(LongConsumer listener) {
        listeners.add(listener);
    }

    public void start(ScheduledExecutorService timers) {
        task = timers.scheduleWithFixedDelay(() -> {
            long v = read();
            if (v != value) {
                value = v;
                log.info("vrrp_track_file {}: {} now reads {}", def.name(), def.file(), v);
                listeners.forEach(l -> l.accept(v));
            }
        }, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
