package org.cifarzoo.reports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@code bench/speed-vs-pytorch}: training and inference images/s of PyTorch and cifar-zoo on the same
 * cores, as the script writes them: a {@code #} line saying when, where and at which commit, then one row per system,
 * model and setting. Reading is strict: a missing column or an unparsable number stops with a
 * {@link ResultsFormatException} naming file, line and column.
 *
 * @param measured the script's {@code #} line: when, on how many cores, at which commit
 */
public record SpeedTable(String measured, List<Row> rows) {
    public static final List<String> COLUMNS = List.of("system", "model", "setting", "batch", "train_img_per_s",
            "infer_img_per_s", "train_peak_pct", "infer_peak_pct");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .build();

    public SpeedTable {
        rows = List.copyOf(rows);
    }

    /**
     * One measurement; a rate is null where it was not measured, a peak percentage (of the SGEMM peak measured in the
     * same run) where the system does not report it.
     */
    public record Row(String system, String model, String setting, int batch, Double trainImgPerS,
                      Double inferImgPerS, Double trainPeakPct, Double inferPeakPct) {

        /** Training img/s for a table cell, with its share of the peak where known. */
        public String train() {
            return cell(trainImgPerS, trainPeakPct);
        }

        public String inference() {
            return cell(inferImgPerS, inferPeakPct);
        }

        private static String cell(Double imgPerS, Double peakPct) {
            if (imgPerS == null) {
                return "—";
            }
            String rate = imgPerS >= 100 ? "%,.0f".formatted(imgPerS) : "%.1f".formatted(imgPerS);
            return peakPct == null ? rate : "%s (%.0f %% of peak)".formatted(rate, peakPct);
        }
    }

    /**
     * For each model cifar-zoo's fast path and PyTorch both ran: cifar-zoo's speed as a multiple of each PyTorch
     * setting's, e.g. "ResNet18: training 0.91× (glibc malloc tuned), 1.15× (glibc malloc default); inference …".
     */
    public List<String> comparisons() {
        List<String> lines = new ArrayList<>();
        for (Row ours : rows) {
            if (!ours.system().equals("cifar-zoo") || !ours.setting().equals("fast path")) {
                continue;
            }
            // cifar-zoo's label adds the resolution and activation to the model's name
            List<Row> theirs = rows.stream().filter(r -> r.system().startsWith("PyTorch")
                    && (ours.model().equals(r.model()) || ours.model().startsWith(r.model() + " "))).toList();
            if (!theirs.isEmpty()) {
                lines.add(ours.model() + ": training " + ratios(ours.trainImgPerS(), theirs, true) + "; inference "
                        + ratios(ours.inferImgPerS(), theirs, false));
            }
        }
        return lines;
    }

    private static String ratios(Double ours, List<Row> theirs, boolean training) {
        List<String> parts = new ArrayList<>();
        for (Row r : theirs) {
            Double rate = training ? r.trainImgPerS() : r.inferImgPerS();
            if (ours != null && rate != null) {
                parts.add("%.2f× (%s)".formatted(ours / rate, r.setting()));
            }
        }
        return String.join(", ", parts);
    }

    public static SpeedTable read(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new ResultsFormatException(csv, 0, null, "no such file (bench/speed-vs-pytorch writes it)");
        }
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            for (String column : COLUMNS) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new ResultsFormatException(csv, 1, column, "missing column");
                }
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                if (!r.isConsistent()) {
                    throw new ResultsFormatException(csv, line, null,
                            "expected " + parser.getHeaderNames().size() + " fields, got " + r.size());
                }
                rows.add(new Row(r.get("system"), r.get("model"), r.get("setting"),
                        number(csv, line, r, "batch", false).intValue(), number(csv, line, r, "train_img_per_s", true),
                        number(csv, line, r, "infer_img_per_s", true), number(csv, line, r, "train_peak_pct", true),
                        number(csv, line, r, "infer_peak_pct", true)));
            }
            if (rows.isEmpty()) {
                throw new ResultsFormatException(csv, 2, null, "no measurements");
            }
            String measured = parser.getHeaderComment();
            return new SpeedTable(measured == null ? "" : measured.strip(), rows);
        } catch (UncheckedIOException e) {
            throw new ResultsFormatException(csv, 0, null, e.getCause().getMessage(), e);
        }
    }

    private static Double number(Path csv, long line, CSVRecord r, String column, boolean optional)
            throws ResultsFormatException {
        String value = r.get(column).strip();
        if (value.isEmpty() && optional) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new ResultsFormatException(csv, line, column, "not a number: '" + value + "'");
        }
    }
}
