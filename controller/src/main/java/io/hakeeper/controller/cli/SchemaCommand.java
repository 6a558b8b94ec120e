package io.hakeeper.controller.cli;

import io.hakeeper.controller.HaCtlException;
import io.hakeeper.controller.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hactl schema}: prints the JSON Schema that every {@code --json} output follows. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema (draft 2020-12) of hactl's --json output.")
public final class SchemaCommand implements Callable<Integer> {

    /** The schema's place on the classpath (controller/src/main/resources). */
    public static final String RESOURCE = "/hactl.schema.json";

    @Spec
    CommandSpec spec;

    public static String text() throws IOException {
        try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the hactl jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public Integer call() throws HaCtlException {
        try {
            spec.commandLine().getOut().print(text());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException e) {
            throw new HaCtlException(ExitCode.SOFTWARE, e.getMessage(), e);
        }
    }
}
