package org.cifarzoo.harness.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cifarzoo.harness.bench.Throughput;
import org.cifarzoo.reports.SpeedTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** {@code bench --csv}: appends a measurement as a row of the CSV that {@link SpeedTable} reads. */
final class SpeedRows {
    private static final String HEADER = String.join(",", SpeedTable.COLUMNS);

    private SpeedRows() {
    }

    /**
     * Fails, naming the file, where {@code csv} cannot take our rows: its folder is missing, or it holds another
     * table. Checked before measuring, so a typo does not cost a benchmark run.
     */
    static void check(Path csv) {
        Path folder = csv.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--csv " + csv + ": no folder " + folder);
        }
        String header = header(csv);
        if (header != null && !header.equals(HEADER)) {
            throw new IllegalArgumentException("--csv " + csv + " holds another table: its header is '" + header
                    + "', expected '" + HEADER + "'");
        }
    }

    static void append(Path csv, String model, String setting, int batch, Throughput.Mode mode, Throughput.Result r,
                       double trainPeakPct, double inferPeakPct) {
        boolean train = mode != Throughput.Mode.INFER;
        boolean infer = mode != Throughput.Mode.TRAIN;
        boolean needsHeader = header(csv) == null;
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND); CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            if (needsHeader) {
                printer.printRecord(SpeedTable.COLUMNS);
            }
            printer.printRecord("cifar-zoo", model, setting, batch, train ? number(r.trainImgPerS()) : "",
                    infer ? number(r.inferImgPerS()) : "", train ? number(trainPeakPct) : "",
                    infer ? number(inferPeakPct) : "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to " + csv, e);
        }
    }

    /** The file's first line that is not a {@code #} comment, or null (no file, or no such line yet). */
    private static String header(Path csv) {
        if (!Files.exists(csv)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.startsWith("#")).findFirst().orElse(null);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("--csv " + csv + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    private static String number(double value) {
        return "%.1f".formatted(value);
    }
}
