package io.hakeeper.common.config.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hakeeper.common.config.grammar.Keyword.BlockUse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "'';0;0",
        "N;1;1",
        "N [reverse];1;2",
        "ADDRESS [PORT];1;2",
        "NAME [weight N [reverse]];1;4",
        "CMD...;1;-1",
        "[CHAIN...];0;-1",
        "HOST:PORT[,HOST:PORT];1;1",
        "ADDRESS|fwmark|group PORT|N|NAME;2;2",
        "[VALUE] [overwrite];0;2"})
    void usageGivesTheNumberOfArguments(String usage, int min, int max) {
        Keyword<Object> k = new Keyword<>("k", usage, BlockUse.NONE, (b, a) -> { }, null);
        assertEquals(min, k.minArgs(), "min");
        assertEquals(max, k.maxArgs(), "max");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "priorty;priority", "virtual_routr_id;virtual_router_id", "PRIORITY;priority", "lb_alog;lb_algo"})
    void nearestKeywordIsSuggested(String typo, String meant) {
        assertEquals(meant, Suggest.nearest(typo,
                java.util.List.of("priority", "virtual_router_id", "lb_algo", "lb_kind", "interface")).orElseThrow());
    }
}
