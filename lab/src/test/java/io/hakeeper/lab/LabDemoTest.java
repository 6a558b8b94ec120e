package io.hakeeper.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabDemoTest {

    private static ClientProbe.Request req(String who) {
        return new ClientProbe.Request(0, who);
    }

    @Test
    void clientAnswersCollapseIntoRunsNamingWhoAnswered() {
        assertEquals("lb01 x2, failed x3, lb02 x1", LabDemo.answers(List.of(req("lb01"), req("lb01"), req(null),
                req(null), req(null), req("lb02"))));
    }

    @Test
    void ipvsSpreadRequestsShowBothRealServersInOneRun() {
        assertEquals("web01/web02 x3, failed x1", LabDemo.answers(List.of(req("web02"), req("web01"), req("web02"),
                req(null))));
        assertEquals("", LabDemo.answers(List.of()));
    }
}
