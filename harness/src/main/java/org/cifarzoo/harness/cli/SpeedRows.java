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

/** {@code bench --csv}: appends a measurement as a row of the CSV that {@link SpeedTable} reads. */
final class SpeedRows {
    private SpeedRows() {
    }

    static void append(Path csv, String model, String setting, int batch, Throughput.Mode mode, Throughput.Result r,
                       double trainPeakPct, double inferPeakPct) {
        boolean train = mode != Throughput.Mode.INFER;
        boolean infer = mode != Throughput.Mode.TRAIN;
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND); CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            if (Files.size(csv) == 0) {
                printer.printRecord(SpeedTable.COLUMNS);
            }
            printer.printRecord("cifar-zoo", model, setting, batch, train ? number(r.trainImgPerS()) : "",
                    infer ? number(r.inferImgPerS()) : "", train ? number(trainPeakPct) : "",
                    infer ? number(inferPeakPct) : "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to " + csv, e);
        }
    }

    private static String number(double value) {
        return "%.1f".formatted(value);
    }
}
