package org.cifarzoo.harness.results;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends rows to a results CSV durably: each row is formatted in memory, written with one append, then forced
 * to disk, so a crash leaves either the whole row or none of it. Rows already written are never rewritten.
 */
public final class ResultsCsv {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private ResultsCsv() {
    }

    public static void append(Path csv, ResultRow row) {
        try {
            if (csv.getParent() != null) {
                Files.createDirectories(csv.getParent());
            }
            boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
            if (!fresh) {
                checkHeader(csv);
            }
            StringWriter text = new StringWriter();
            try (CSVPrinter printer = new CSVPrinter(text, FORMAT)) {
                if (fresh) {
                    printer.printRecord(ResultRow.COLUMNS);
                }
                printer.printRecord(row.values());
            }
            try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to results file " + csv, e);
        }
    }

    /** Refuses to append to a file with other columns, or whose last row was cut off. */
    private static void checkHeader(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String expected = String.join(",", ResultRow.COLUMNS);
        if (!lines.get(0).equals(expected)) {
            throw new IllegalStateException("Results file " + csv + " has different columns (line 1: '"
                    + lines.get(0) + "'); expected '" + expected + "'. Use another --out directory.");
        }
        byte[] bytes = Files.readAllBytes(csv);
        if (bytes[bytes.length - 1] != '\n') {
            throw new IllegalStateException("Results file " + csv + " ends in an incomplete row (line "
                    + lines.size() + "); it was not written by cifar-zoo or was cut off. Repair or move it first.");
        }
    }
}
