package org.cifarzoo.harness.results;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a results CSV back as raw rows (column → text), checking that it is complete. */
public final class ResultsFile {
    private ResultsFile() {
    }

    /** A row as written, with where it came from. */
    public record Raw(Path file, long line, Map<String, String> values) {
        public String cell() {
            return values.getOrDefault("cell", "");
        }
    }

    public static List<Raw> read(Path csv) {
        if (!Files.exists(csv)) {
            return List.of();
        }
        try {
            byte[] bytes = Files.readAllBytes(csv);
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                long lines = new String(bytes, StandardCharsets.UTF_8).lines().count();
                throw new IllegalStateException("Results file " + csv + " ends in an incomplete row (line " + lines
                        + "); it was cut off. Remove that line (the cell will run again with --resume).");
            }
            List<Raw> rows = new ArrayList<>();
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                 CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                         .parse(in)) {
                List<String> header = parser.getHeaderNames();
                if (!header.equals(ResultRow.COLUMNS)) {
                    throw new IllegalStateException("Results file " + csv + " has different columns (line 1): "
                            + header + "; expected " + ResultRow.COLUMNS);
                }
                for (CSVRecord r : parser) {
                    if (r.size() != header.size()) {
                        throw new IllegalStateException("Results file " + csv + ", line " + parser.getCurrentLineNumber()
                                + ": " + r.size() + " fields, expected " + header.size());
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    for (String column : header) {
                        values.put(column, r.get(column));
                    }
                    rows.add(new Raw(csv, parser.getCurrentLineNumber(), values));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read results file " + csv, e);
        }
    }
}
