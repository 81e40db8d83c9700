package org.cifarzoo.reports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds results CSVs the way the harness writes them (Commons CSV, header row, '\n' records). */
final class ResultsFixture {
    /** A plausible run; each fixture row states only how it differs. */
    static final Map<String, String> DEFAULT_ROW = defaults();

    /** Two families (ResNetV2 first), ResNet34 before ResNet18 in the file, one failed run on a second setup. */
    static final List<Map<String, String>> SMALL = List.of(
            Map.of("model", "ResNet34", "params", "1327226", "top1_best_pct", "62.5", "top1_last_pct", "62.1"),
            Map.of("model", "MobileNetV3S", "family", "MobileNetV3", "resolution_px", "192", "width", "2",
                    "activation", "relu+swish", "batch_size", "512", "params", "3575242"),
            Map.of("model", "ResNet18"),
            row("model", "ResNet50", "status", "failed",
                    "error", "OutOfMemoryError: <cannot allocate 1.2 GB> | retry with b=64",
                    "top1_best_pct", "", "top1_last_pct", "", "train_img_per_s", "", "train_img_per_s_sd", "",
                    "infer_img_per_s", "", "params", "1320570", "device", "Intel Xeon 8375C",
                    "classifier", "linux-x86_64-onednn-avx2", "git_commit", "0123456789ab-dirty",
                    "date", "2025-01-03T10:00:00Z"));

    private ResultsFixture() {
    }

    /** An override map from alternating column names and cells. */
    static Map<String, String> row(String... columnsAndCells) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndCells.length; i += 2) {
            row.put(columnsAndCells[i], columnsAndCells[i + 1]);
        }
        return row;
    }

    private static Map<String, String> defaults() {
        Map<String, String> row = row(
                "model", "ResNet18", "family", "ResNetV2", "width", "1", "resolution_px", "32", "activation", "relu",
                "batch_size", "128", "augmentation", "cutmix", "schedule", "cosine", "epochs", "1",
                "train_images", "50000", "test_images", "10000", "top1_best_pct", "61.3", "top1_last_pct", "60.9",
                "params", "692218", "train_img_per_s", "161.3", "train_img_per_s_sd", "2.6",
                "infer_img_per_s", "540.2", "wall_s", "3723.4", "status", "ok", "error", "",
                "git_commit", "9d397b3c1a2b", "backend", "nd4j-native", "classifier", "linux-x86_64-onednn-avx512",
                "helpers", "on", "device", "AMD EPYC 9R14", "threads", "2", "jvm", "17.0.15", "dl4j", "1.0.0-M2.1",
                "date", "2025-01-02T03:04:05Z", "seed", "42", "load_avg", "0.5");
        if (!List.copyOf(row.keySet()).equals(ResultsTable.COLUMNS)) {
            throw new AssertionError("fixture columns drifted from ResultsTable.COLUMNS");
        }
        return Map.copyOf(row);
    }

    /** CSV text with the given header and one record per override map (cells not overridden take the default). */
    static String csv(List<String> header, List<Map<String, String>> overrides) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            printer.printRecord(header);
            for (Map<String, String> o : overrides) {
                List<String> values = new ArrayList<>();
                for (String column : header) {
                    values.add(o.getOrDefault(column, DEFAULT_ROW.getOrDefault(column, "")));
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String csv(List<Map<String, String>> overrides) {
        return csv(ResultsTable.COLUMNS, overrides);
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
