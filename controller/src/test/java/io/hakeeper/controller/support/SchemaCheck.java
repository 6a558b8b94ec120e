package io.hakeeper.controller.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.hakeeper.controller.cli.SchemaCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/** Validates hactl's --json output against the published hactl.schema.json. */
public final class SchemaCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private SchemaCheck() {
    }

    private static JsonSchema load() {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SchemaCommand.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code json}, asserts it follows the schema, and returns it. */
    public static JsonNode valid(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            Set<ValidationMessage> errors = SCHEMA.validate(node);
            assertEquals(Set.of(), errors, "output does not follow hactl.schema.json:\n" + json);
            return node;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
