package io.hakeeper.common.config.syntax;

import io.hakeeper.common.config.SourcePos;

/** One lexical unit of keepalived.conf. {@code text} of a quoted string is its unquoted content. */
public record Token(Kind kind, String text, SourcePos pos) {

    public enum Kind {
        /** A bare word: keyword, number, address, path. */
        WORD,
        /** A double-quoted string, quotes removed and escapes resolved. */
        QUOTED,
        OPEN_BRACE,
        CLOSE_BRACE,
        END_OF_LINE
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** A value token: a word or a quoted string. */
    public boolean isValue() {
        return kind == Kind.WORD || kind == Kind.QUOTED;
    }

    /** How the token looks in the file, for messages. */
    public String shown() {
        return switch (kind) {
            case QUOTED -> '"' + text + '"';
            case OPEN_BRACE -> "{";
            case CLOSE_BRACE -> "}";
            case END_OF_LINE -> "end of line";
            case WORD -> text;
        };
    }
}
