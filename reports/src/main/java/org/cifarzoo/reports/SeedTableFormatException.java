package org.cifarzoo.reports;

import java.io.IOException;

/** A matrix CSV that cannot be read as one; the message names the source, the line and the column. */
public final class SeedTableFormatException extends IOException {
    private final String source;
    private final long line;
    private final String column;

    SeedTableFormatException(String source, long line, String column, String problem, Throwable cause) {
        super("Bad matrix CSV " + source + ", line " + line + (column != null ? ", column '" + column + "'" : "")
                + ": " + problem, cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file (or resource) name the matrix was read from. */
    public String source() {
        return source;
    }

    /** 1-based line; the header is line 1. */
    public long line() {
        return line;
    }

    /** Column name, or {@code null} when the problem is not in one column. */
    public String column() {
        return column;
    }
}
