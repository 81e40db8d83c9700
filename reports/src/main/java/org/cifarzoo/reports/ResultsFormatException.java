package org.cifarzoo.reports;

import java.io.IOException;
import java.nio.file.Path;

/** A results CSV that cannot be read as one; the message names the file, the line and the column. */
public final class ResultsFormatException extends IOException {
    private final Path file;
    private final long line;
    private final String column;

    ResultsFormatException(Path file, long line, String column, String problem) {
        this(file, line, column, problem, null);
    }

    ResultsFormatException(Path file, long line, String column, String problem, Throwable cause) {
        super("Bad results CSV " + file + ", line " + line + (column != null ? ", column '" + column + "'" : "")
                + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public Path file() {
        return file;
    }

    /** 1-based line of the file; the header is line 1. */
    public long line() {
        return line;
    }

    /** Column name, or {@code null} when the problem is not in one column (e.g. an unterminated quote). */
    public String column() {
        return column;
    }
}
