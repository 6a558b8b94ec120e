package io.hakeeper.common.zk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZNodeNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"lb01", "lb-01.example.com", "VI_1", "...", ".hidden", "a..b", "zookeeper", "10.0.0.1",
            "2001:db8::1", "é"})
    void acceptsWhatZookeeperAccepts(String name) {
        assertTrue(ZNodeName.valid(name), name);
        assertEquals(name, ZNodeName.require("node id", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/", "a\u0000b", "tab\there", "del\u007f", "c1\u0085",
            "priv\ue000", "spec\ufff0", "emoji\ud83d\ude00"})
    void refusesWhatZookeeperRefuses(String name) {
        assertFalse(ZNodeName.valid(name), name);
        assertThrows(IllegalArgumentException.class, () -> ZNodeName.require("node id", name));
    }

    @Test
    void controlCharactersAreShownEscapedInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZNodeName.require("node id", "lb\n01"));
        assertTrue(e.getMessage().contains("'lb\\u000A01'"), e.getMessage());
        assertTrue(e.getMessage().contains("U+000A at index 2"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void nullIsMissing() {
        assertEquals("it is missing", ZNodeName.problem(null).orElseThrow());
    }
}
