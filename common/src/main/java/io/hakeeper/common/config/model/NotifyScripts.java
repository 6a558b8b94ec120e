package io.hakeeper.common.config.model;

import java.util.List;

/**
 * {@code notify_master|backup|fault|stop} and {@code notify}; each is a command line
 * (program and arguments), empty when absent.
 */
public record NotifyScripts(List<String> master, List<String> backup, List<String> fault,
                            List<String> stop, List<String> any) {

    public static final NotifyScripts NONE = new NotifyScripts(List.of(), List.of(), List.of(), List.of(), List.of());

    public NotifyScripts {
        master = List.copyOf(master);
        backup = List.copyOf(backup);
        fault = List.copyOf(fault);
        stop = List.copyOf(stop);
        any = List.copyOf(any);
    }
}
