package io.hakeeper.common.config.syntax;

import io.hakeeper.common.config.Diagnostics;
import io.hakeeper.common.config.SourcePos;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns tokens into a tree of {@link Statement}s and splices {@code include} files in place,
 * as keepalived does: the pattern is a glob relative to the including file's folder, matches are
 * read in sorted order, and a file that includes itself (directly or not) is an error.
 * A block may open on the keyword's line ({@code virtual_server 10.0.0.1 80 {}) or on the next.
 */
public final class Parser {

    /** Deeper nesting than any real config has; guards the recursion against hostile input. */
    static final int MAX_DEPTH = 32;

    private final Diagnostics diagnostics;
    private final Deque<Path> includeStack = new ArrayDeque<>();

    private Parser(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Parses {@code file} and everything it includes; returns the top-level statements. */
    public static List<Statement> parseFile(Path file, Diagnostics diagnostics) {
        Parser p = new Parser(diagnostics);
        String text = p.read(file, new SourcePos(file.toString(), 1, 1));
        if (text == null) {
            return List.of();
        }
        return p.parseText(file, text);
    }

    /** Parses text that came from {@code file} (used for tests and for strings without a file). */
    public static List<Statement> parseText(Path file, String text, Diagnostics diagnostics) {
        return new Parser(diagnostics).parseText(file, text);
    }

    private List<Statement> parseText(Path file, String text) {
        includeStack.push(canonical(file));
        try {
            List<Token> tokens = Lexer.tokenize(file.toString(), text, diagnostics);
            return new Cursor(file, tokens).block(null, 0);
        } finally {
            includeStack.pop();
        }
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** Reads a file as strict UTF-8; reports where an invalid byte sits. */
    private String read(Path file, SourcePos where) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            diagnostics.error(where, "cannot read '" + file + "': " + describe(e)
                    + "; check the path and its permissions");
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int k = 0; k < bad; k++) {
                if (bytes[k] == '\n') {
                    line++;
                    lineStart = k + 1;
                }
            }
            diagnostics.error(new SourcePos(file.toString(), line, bad - lineStart + 1),
                    "the file is not valid UTF-8 (byte 0x" + String.format("%02x", bytes[bad] & 0xff)
                            + "); save it as UTF-8");
            return null;
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }

    /** Walks one file's tokens. */
    private final class Cursor {
        private final Path file;
        private final List<Token> tokens;
        private int at;

        Cursor(Path file, List<Token> tokens) {
            this.file = file;
            this.tokens = tokens;
        }

        private boolean done() {
            return at >= tokens.size();
        }

        private Token peek() {
            return tokens.get(at);
        }

        /** Statements until the '}' that closes {@code open}, or until the end when open is null. */
        List<Statement> block(Token open, int depth) {
            List<Statement> out = new ArrayList<>();
            while (!done()) {
                Token t = peek();
                switch (t.kind()) {
                    case END_OF_LINE -> at++;
                    case CLOSE_BRACE -> {
                        at++;
                        if (open != null) {
                            return out;
                        }
                        diagnostics.error(t.pos(), "unexpected '}' with no open block; remove it");
                    }
                    case OPEN_BRACE -> {
                        at++;
                        diagnostics.error(t.pos(), "'{' without a keyword before it;"
                                + " put the block's keyword on the same line as '{'");
                        block(t, depth + 1);
                    }
                    default -> statement(out, depth);
                }
            }
            if (open != null) {
                diagnostics.error(open.pos(), "this '{' is never closed; add a matching '}'");
            }
            return out;
        }

        private void statement(List<Statement> out, int depth) {
            Token keyword = tokens.get(at++);
            List<Token> args = new ArrayList<>();
            while (!done() && peek().isValue()) {
                args.add(tokens.get(at++));
            }
            List<Statement> block = null;
            int blockOnNextLine = at;
            while (blockOnNextLine < tokens.size() && tokens.get(blockOnNextLine).is(Token.Kind.END_OF_LINE)) {
                blockOnNextLine++;
            }
            if (blockOnNextLine < tokens.size() && tokens.get(blockOnNextLine).is(Token.Kind.OPEN_BRACE)) {
                Token open = tokens.get(blockOnNextLine);
                at = blockOnNextLine + 1;
                if (depth + 1 > MAX_DEPTH) {
                    diagnostics.error(open.pos(), "blocks nested deeper than " + MAX_DEPTH
                            + " levels; check for missing '}'");
                    skipBlock();
                    return;
                }
                block = block(open, depth + 1);
            }
            if (keyword.is(Token.Kind.WORD) && keyword.text().equals("include") && block == null) {
                include(keyword, args, out);
                return;
            }
            out.add(new Statement(keyword, args, block));
        }

        /** Skips a block's tokens without building it, keeping braces balanced. */
        private void skipBlock() {
            int level = 1;
            while (!done() && level > 0) {
                Token t = tokens.get(at++);
                if (t.is(Token.Kind.OPEN_BRACE)) {
                    level++;
                } else if (t.is(Token.Kind.CLOSE_BRACE)) {
                    level--;
                }
            }
        }

        private void include(Token keyword, List<Token> args, List<Statement> out) {
            if (args.size() != 1) {
                diagnostics.error(keyword.pos(), "include takes exactly one file name or glob pattern, got "
                        + args.size() + "; write 'include /etc/keepalived/conf.d/*.conf'");
                return;
            }
            Token pattern = args.get(0);
            Path base = file.toAbsolutePath().getParent();
            List<Path> matches;
            try {
                matches = IncludeGlob.expand(base, pattern.text());
            } catch (IOException e) {
                diagnostics.error(pattern.pos(), "cannot list files for include '" + pattern.text() + "': "
                        + describe(e));
                return;
            }
            if (matches.isEmpty()) {
                diagnostics.warning(pattern.pos(), "include '" + pattern.text()
                        + "' matches no file; nothing was included");
                return;
            }
            for (Path m : matches) {
                Path real = canonical(m);
                if (includeStack.contains(real)) {
                    diagnostics.error(pattern.pos(), "include cycle: '" + m + "' is already being read"
                            + " (it includes itself through this line); remove one of the includes");
                    continue;
                }
                if (includeStack.size() > MAX_DEPTH) {
                    diagnostics.error(pattern.pos(), "includes nested deeper than " + MAX_DEPTH + " files");
                    continue;
                }
                String text = read(m, pattern.pos());
                if (text == null) {
                    continue;
                }
                includeStack.push(real);
                try {
                    List<Token> tokens = Lexer.tokenize(m.toString(), text, diagnostics);
                    out.addAll(new Cursor(m, tokens).block(null, 0));
                } finally {
                    includeStack.pop();
                }
            }
        }
    }
}
