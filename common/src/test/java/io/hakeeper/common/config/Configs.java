package io.hakeeper.common.config;

import java.nio.file.Path;

/** Loads config text for tests, trusting host facts unless told otherwise. */
final class Configs {

    static final Path FILE = Path.of("test.conf");

    private Configs() {
    }

    static ConfigLoader.Result check(String text) {
        return ConfigLoader.loadText(FILE, text, ConfigLoader.Mode.CHECK, HostFacts.trusting());
    }

    /** Every diagnostic as {@code line:col: [warning: ]message}, without the file name. */
    static java.util.List<String> lines(ConfigLoader.Result r) {
        return r.diagnostics().stream()
                .map(d -> d.format().substring(d.pos().file().length() + 1))
                .toList();
    }

    /** A minimal valid instance, to embed in tests about other blocks. */
    static final String INSTANCE = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 100
                virtual_ipaddress {
                    10.0.0.3
                }
            }
            zookeeper {
                connect 127.0.0.1:2181
            }
            """;
}
