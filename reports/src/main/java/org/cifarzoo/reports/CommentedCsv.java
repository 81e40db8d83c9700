package org.cifarzoo.reports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The strict opening the speed CSVs share: {@code #} comment lines, then a header that has every expected column,
 * then rows as long as the header; each problem a {@link ResultsFormatException} naming the file.
 */
final class CommentedCsv {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .build();

    private CommentedCsv() {
    }

    /** A parser over {@code csv}'s rows; {@code writtenBy} says, where the file is missing, what writes it. */
    static CSVParser open(Path csv, List<String> columns, String writtenBy) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new ResultsFormatException(csv, 0, null, "no such file (" + writtenBy + " writes it)");
        }
        CSVParser parser = CSVParser.parse(Files.readString(csv, StandardCharsets.UTF_8), FORMAT);
        for (String column : columns) {
            if (!parser.getHeaderMap().containsKey(column)) {
                parser.close();
                throw new ResultsFormatException(csv, 1, column, "missing column");
            }
        }
        return parser;
    }

    /** The line {@code row} ends on, after checking it has as many fields as the header. */
    static long line(Path csv, CSVParser parser, CSVRecord row) throws ResultsFormatException {
        long line = parser.getCurrentLineNumber();
        if (!row.isConsistent()) {
            throw new ResultsFormatException(csv, line, null,
                    "expected " + parser.getHeaderNames().size() + " fields, got " + row.size());
        }
        return line;
    }
}
