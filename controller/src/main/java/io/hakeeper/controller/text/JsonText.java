package io.hakeeper.controller.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** hactl's JSON output: one document, indented, or one compact line (for --watch and --follow). */
public final class JsonText {

    private static final ObjectMapper MAPPER = JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private JsonText() {
    }

    public static String pretty(Object report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + report.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String line(Object report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + report.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
