package io.hakeeper.common.config.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.Diagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<String> shown(String text) {
        Diagnostics d = new Diagnostics();
        List<Token> tokens = Lexer.tokenize("t.conf", text, d);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        return tokens.stream().map(t -> t.is(Token.Kind.END_OF_LINE) ? "\\n" : t.shown()).toList();
    }

    @Test
    void hashAndBangStartCommentsAlsoAfterAValue() {
        assertEquals(List.of("\\n", "router_id", "lb01", "\\n", "priority", "100", "\\n", "\\n"),
                shown("! Configuration File for keepalived\nrouter_id lb01 #标识信息\npriority 100 ! high\n"));
    }

    @Test
    void bracesAreTokensEvenWhenGluedToAWord() {
        assertEquals(List.of("virtual_server", "10.0.0.1", "80", "{", "}", "\\n"),
                shown("virtual_server 10.0.0.1 80{}"));
    }

    @Test
    void quotedStringsKeepSpacesAndCommentCharacters() {
        assertEquals(List.of("script", "\"/bin/check --tag #1 ! x\"", "\\n"),
                shown("script \"/bin/check --tag #1 ! x\""));
    }

    @Test
    void escapedQuoteInsideAQuotedString() {
        Diagnostics d = new Diagnostics();
        List<Token> t = Lexer.tokenize("t.conf", "notify \"say \\\"hi\\\"\"", d);
        assertEquals("say \"hi\"", t.get(1).text());
    }

    @Test
    void tabsAndCrlfAreWhitespaceAndColumnsCountCharacters() {
        Diagnostics d = new Diagnostics();
        List<Token> t = Lexer.tokenize("t.conf", "a\r\n\tpriority\t100\r\n", d);
        Token priority = t.get(2);
        assertEquals("priority", priority.text());
        assertEquals(2, priority.pos().line());
        assertEquals(2, priority.pos().col());
        assertEquals("100", t.get(3).text());
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertEquals(List.of("router_id", "x", "\\n"), shown("\uFEFFrouter_id x"));
    }

    @Test
    void cStyleCommentsAreErrorsThatSayHowToComment() {
        Diagnostics d = new Diagnostics();
        Lexer.tokenize("t.conf", "priority 100 // high", d);
        assertTrue(d.hasErrors());
        assertEquals("t.conf:1:14: '//' does not start a comment here; comments start with '#' or '!'",
                d.sorted().get(0).format());
    }
}
