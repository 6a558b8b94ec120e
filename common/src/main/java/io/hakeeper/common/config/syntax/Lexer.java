package io.hakeeper.common.config.syntax;

import io.hakeeper.common.config.Diagnostics;
import io.hakeeper.common.config.SourcePos;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits keepalived.conf text into tokens the way keepalived's own reader does: whitespace
 * separates words; '#' or '!' outside quotes starts a comment that runs to the end of the line
 * (also right after a value); '{' and '}' are tokens of their own even when glued to a word
 * ({@code 80{}); double quotes group words. Tabs and CRLF line ends are plain whitespace.
 * Every line ends with an END_OF_LINE token because keepalived's grammar is line-based.
 */
public final class Lexer {

    private final String file;
    private final String text;
    private final Diagnostics diagnostics;
    private final List<Token> out = new ArrayList<>();
    private int i;
    private int line = 1;
    private int lineStart;

    private Lexer(String file, String text, Diagnostics diagnostics) {
        this.file = file;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.diagnostics = diagnostics;
    }

    /** Tokens of {@code text}; problems (an unterminated quote, '//' comments) go to {@code diagnostics}. */
    public static List<Token> tokenize(String file, String text, Diagnostics diagnostics) {
        Lexer lexer = new Lexer(file, text, diagnostics);
        lexer.run();
        return lexer.out;
    }

    private SourcePos pos(int at) {
        // Columns count characters (code points would differ only for astral characters).
        return new SourcePos(file, line, at - lineStart + 1);
    }

    private void run() {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                endLine();
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
                i++;
            } else if (c == '#' || c == '!') {
                skipToEndOfLine();
            } else if (c == '{') {
                out.add(new Token(Token.Kind.OPEN_BRACE, "{", pos(i)));
                i++;
            } else if (c == '}') {
                out.add(new Token(Token.Kind.CLOSE_BRACE, "}", pos(i)));
                i++;
            } else if (c == '"') {
                quoted();
            } else {
                word();
            }
        }
        out.add(new Token(Token.Kind.END_OF_LINE, "", pos(i)));
    }

    private void endLine() {
        out.add(new Token(Token.Kind.END_OF_LINE, "", pos(i)));
        i++;
        line++;
        lineStart = i;
    }

    private void skipToEndOfLine() {
        while (i < text.length() && text.charAt(i) != '\n') {
            i++;
        }
    }

    private void word() {
        int start = i;
        while (i < text.length() && !endsWord(text.charAt(i))) {
            i++;
        }
        String w = text.substring(start, i);
        if (w.startsWith("//") || w.startsWith("/*")) {
            diagnostics.error(pos(start), "'" + w.substring(0, 2) + "' does not start a comment here;"
                    + " comments start with '#' or '!'");
            skipToEndOfLine();
            return;
        }
        out.add(new Token(Token.Kind.WORD, w, pos(start)));
    }

    private static boolean endsWord(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000B'
                || c == '{' || c == '}' || c == '#' || c == '!' || c == '"';
    }

    /** A double-quoted string: {@code \"} and {@code \\} are escapes; it may not span lines. */
    private void quoted() {
        int start = i;
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i++;
                out.add(new Token(Token.Kind.QUOTED, sb.toString(), pos(start)));
                return;
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                sb.append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            sb.append(c);
            i++;
        }
        diagnostics.error(pos(start), "unterminated quoted string; add the closing '\"' on the same line");
        // Keep the value so that the line is not also reported as missing its argument.
        out.add(new Token(Token.Kind.QUOTED, sb.toString(), pos(start)));
    }
}
