package io.hakeeper.common.config.grammar;

import io.hakeeper.common.config.SourcePos;

/** An argument the grammar cannot accept; the reader records it and goes on with the next line. */
public final class BadArgument extends RuntimeException {

    final transient SourcePos pos;

    BadArgument(SourcePos pos, String message) {
        super(message, null, false, false);
        this.pos = pos;
    }
}
