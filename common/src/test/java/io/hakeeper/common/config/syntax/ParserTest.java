package io.hakeeper.common.config.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.Diagnostic;
import io.hakeeper.common.config.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParserTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void blockMayOpenOnTheNextLine() {
        Diagnostics d = new Diagnostics();
        List<Statement> s = Parser.parseText(Path.of("t.conf"), "vrrp_instance VI_1\n{\n  priority 100\n}\n", d);
        assertFalse(d.hasErrors());
        assertEquals(1, s.size());
        assertEquals("priority", s.get(0).block().get(0).name());
    }

    @Test
    void oneLineBlocksAndStatementsAfterAClosingBrace() {
        Diagnostics d = new Diagnostics();
        List<Statement> s = Parser.parseText(Path.of("t.conf"), "a { b 1 } c 2\n", d);
        assertFalse(d.hasErrors());
        assertEquals(List.of("a", "c"), s.stream().map(Statement::name).toList());
        assertEquals("b", s.get(0).block().get(0).name());
        assertNull(s.get(1).block());
    }

    @Test
    void includeGlobIsRelativeToTheIncludingFileAndSorted() throws IOException {
        write("conf.d/20-b.conf", "second 2\n");
        write("conf.d/10-a.conf", "first 1\n");
        write("conf.d/notes.txt", "ignored 0\n");
        Path main = write("keepalived.conf", "top 0\ninclude conf.d/*.conf\nlast 3\n");
        Diagnostics d = new Diagnostics();
        List<Statement> s = Parser.parseFile(main, d);
        assertFalse(d.hasErrors());
        assertEquals(List.of("top", "first", "second", "last"), s.stream().map(Statement::name).toList());
        assertTrue(s.get(1).pos().file().endsWith("10-a.conf"), "positions name the included file");
    }

    @Test
    void includeInsideABlockSplicesThere() throws IOException {
        write("vips.conf", "10.0.0.3\n10.0.0.4\n");
        Path main = write("k.conf", "virtual_ipaddress {\n  include vips.conf\n}\n");
        Diagnostics d = new Diagnostics();
        List<Statement> s = Parser.parseFile(main, d);
        assertEquals(List.of("10.0.0.3", "10.0.0.4"), s.get(0).block().stream().map(Statement::name).toList());
    }

    @Test
    void includeWildcardInAFolderName() throws IOException {
        write("sites/a/vs.conf", "one 1\n");
        write("sites/b/vs.conf", "two 2\n");
        Path main = write("k.conf", "include sites/*/vs.conf\n");
        Diagnostics d = new Diagnostics();
        assertEquals(List.of("one", "two"), Parser.parseFile(main, d).stream().map(Statement::name).toList());
    }

    @Test
    void includeCycleIsAnErrorAtTheIncludeLine() throws IOException {
        write("a.conf", "x 1\ninclude b.conf\n");
        write("b.conf", "y 2\ninclude a.conf\n");
        Diagnostics d = new Diagnostics();
        List<Statement> s = Parser.parseFile(dir.resolve("a.conf"), d);
        assertEquals(List.of("x", "y"), s.stream().map(Statement::name).toList());
        List<Diagnostic> errors = d.sorted();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).pos().file().endsWith("b.conf"));
        assertEquals(2, errors.get(0).pos().line());
        assertEquals(9, errors.get(0).pos().col());
        assertTrue(errors.get(0).message().startsWith("include cycle: "), errors.get(0).message());
    }

    @Test
    void selfIncludeIsACycle() throws IOException {
        Path a = write("self.conf", "include self.conf\n");
        Diagnostics d = new Diagnostics();
        Parser.parseFile(a, d);
        assertTrue(d.hasErrors());
    }

    @Test
    void includeMatchingNothingWarns() throws IOException {
        Path main = write("k.conf", "include missing/*.conf\n");
        Diagnostics d = new Diagnostics();
        Parser.parseFile(main, d);
        assertFalse(d.hasErrors());
        assertEquals("include 'missing/*.conf' matches no file; nothing was included", d.sorted().get(0).message());
    }

    @Test
    void invalidUtf8IsReportedWhereItIs() throws IOException {
        Path p = dir.resolve("latin1.conf");
        byte[] head = "router_id a\n# caf".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xe9; // é in Latin-1, invalid alone in UTF-8
        bytes[head.length + 1] = '\n';
        Files.write(p, bytes);
        Diagnostics d = new Diagnostics();
        Parser.parseFile(p, d);
        Diagnostic e = d.sorted().get(0);
        assertEquals(2, e.pos().line());
        assertEquals(6, e.pos().col());
        assertEquals("the file is not valid UTF-8 (byte 0xe9); save it as UTF-8", e.message());
    }

    @Test
    void missingFileIsAClearError() {
        Diagnostics d = new Diagnostics();
        Parser.parseFile(dir.resolve("nope.conf"), d);
        assertTrue(d.sorted().get(0).message().contains("no such file"));
    }

    @Test
    void absurdNestingIsCutOffNotAStackOverflow() {
        String deep = "a {\n".repeat(10_000) + "}\n".repeat(10_000);
        Diagnostics d = new Diagnostics();
        Parser.parseText(Path.of("t.conf"), deep, d);
        assertTrue(d.hasErrors());
    }
}
