package io.hakeeper.agent.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.Diagnostic;
import io.hakeeper.common.config.HostFacts;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.fence.FenceBudget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code haagent check --config FILE [--json]}, like {@code keepalived -t} / {@code nginx -t}:
 * exit 0 when valid (warnings printed), 1 when invalid (every error printed), 2 on usage errors.
 */
@Command(name = "check", description = "Validate a keepalived.conf (with hakeeper's extensions) and summarise it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid (warnings may be printed)", "1:invalid: every error is printed", "2:usage error"})
public final class CheckCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The config file.")
    Path config;

    @Option(names = "--json", description = "Print the parsed model and every diagnostic as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigLoader.Result r = ConfigLoader.load(config, ConfigLoader.Mode.CHECK, HostFacts.local());
        if (json) {
            out.println(json(r));
        } else {
            for (Diagnostic d : r.diagnostics()) {
                err.println(d.format());
            }
            if (r.ok()) {
                out.print(new ConfigSummary(r.config()).render(r.warnings().size()));
            } else {
                err.println(config + ": " + r.errors().size() + (r.errors().size() == 1 ? " error" : " errors")
                        + ", " + r.warnings().size() + (r.warnings().size() == 1 ? " warning" : " warnings"));
            }
        }
        out.flush();
        err.flush();
        return r.ok() ? 0 : 1;
    }

    static String json(ConfigLoader.Result r) throws Exception {
        ObjectMapper mapper = new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("valid", r.ok());
        doc.put("errors", lines(r.errors()));
        doc.put("warnings", lines(r.warnings()));
        if (r.ok()) {
            KeepalivedConfig c = r.config();
            doc.put("config", c);
            if (c.zookeeper() != null) {
                doc.put("fenceBudget", budget(c));
            }
        }
        return mapper.writeValueAsString(doc);
    }

    private static List<Map<String, Object>> lines(List<Diagnostic> ds) {
        return ds.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", d.pos().file());
            m.put("line", d.pos().line());
            m.put("col", d.pos().col());
            m.put("message", d.message());
            return m;
        }).toList();
    }

    static Map<String, Object> budget(KeepalivedConfig c) {
        var z = c.zookeeper();
        FenceBudget b = FenceBudget.of(FenceBudget.negotiate(z.sessionTimeoutMs(), z.tickTimeMs()), z.tickTimeMs());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sessionTimeoutMs", b.sessionTimeoutMs());
        m.put("tickTimeMs", b.tickTimeMs());
        m.put("renewIntervalMs", b.renewIntervalMs());
        m.put("kernelGranularityMs", b.kernelGranularityMs());
        m.put("pauseBudgetMs", b.pauseBudgetMs());
        m.put("slackMs", b.slackMs());
        m.put("marginMs", b.marginMs());
        m.put("leaseMs", b.leaseMs());
        m.put("leaseSec", b.leaseSec());
        m.put("safe", b.safe());
        return m;
    }
}
