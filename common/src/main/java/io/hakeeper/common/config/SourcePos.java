package io.hakeeper.common.config;

/** A place in a config file, as a human counts it: lines and columns start at 1. */
public record SourcePos(String file, int line, int col) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + col;
    }
}
