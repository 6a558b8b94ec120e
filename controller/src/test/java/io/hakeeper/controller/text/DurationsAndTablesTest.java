package io.hakeeper.controller.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsAndTablesTest {

    @Test
    void durationsAsOperatorsTypeThem() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 minutes"));
        assertEquals("'5 minutes' is not a duration; write e.g. 30s, 5m, 1h30m, 2d or 250ms", e.getMessage());
        assertEquals("5m 3s", Durations.human(303_000));
        assertEquals("850 ms", Durations.human(850));
    }

    @Test
    void tablesAlignColumnsTwoSpacesApartWithoutTrailingBlanks() {
        String t = new TextTable("", "NODE", "STATE", "NOTE").row("lb1", "MASTER", "").row("lb-long", "BACKUP", "x")
                .render();
        assertEquals("NODE     STATE   NOTE\nlb1      MASTER\nlb-long  BACKUP  x\n", t);
    }
}
