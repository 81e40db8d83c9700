package org.cifarzoo.reports;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One run of {@code bench/speed-vs-pytorch}: training and inference images/s of PyTorch and cifar-zoo on the same
 * cores, as the script writes them: a {@code #} line saying when, where and at which commit, then one row per round,
 * system, model and setting. The script interleaves its rounds (every system once per round) because this machine's
 * speed drifts between minutes; a cell is the median of a measurement's rounds. Reading is strict: a missing column
 * or an unparsable number stops with a {@link ResultsFormatException} naming file, line and column.
 *
 * @param measured the script's {@code #} line: when, on how many cores, at which commit
 * @param rows     every round's rows, in the order measured
 */
public record SpeedTable(String measured, List<Row> rows) {
    public static final List<String> COLUMNS = List.of("system", "model", "setting", "batch", "train_img_per_s",
            "infer_img_per_s", "train_peak_pct", "infer_peak_pct");

    public SpeedTable {
        rows = List.copyOf(rows);
    }

    /**
     * One round's measurement; a rate is null where it was not measured, a peak percentage (of the SGEMM peak
     * measured in the same process) where the system does not report it.
     */
    public record Row(String system, String model, String setting, int batch, Double trainImgPerS,
                      Double inferImgPerS, Double trainPeakPct, Double inferPeakPct) {

        boolean sameMeasurement(Row other) {
            return system.equals(other.system) && model.equals(other.model) && setting.equals(other.setting)
                    && batch == other.batch;
        }
    }

    /** One measurement over all its rounds, in the order they ran: a line of the table. */
    public record Entry(List<Row> rounds) {
        public Entry {
            rounds = List.copyOf(rounds);
        }

        public String system() {
            return rounds.get(0).system();
        }

        public String model() {
            return rounds.get(0).model();
        }

        public String setting() {
            return rounds.get(0).setting();
        }

        /** Training img/s for a table cell: the median with its share of the peak, then the rounds' range. */
        public String train() {
            return cell(Row::trainImgPerS, Row::trainPeakPct);
        }

        public String inference() {
            return cell(Row::inferImgPerS, Row::inferPeakPct);
        }

        Double median(Function<Row, Double> value) {
            List<Double> values = values(value);
            int n = values.size();
            return n == 0 ? null : (values.get((n - 1) / 2) + values.get(n / 2)) / 2;
        }

        /** The measured values, sorted; rounds that did not measure this one are left out. */
        List<Double> values(Function<Row, Double> value) {
            return rounds.stream().map(value).filter(Objects::nonNull).sorted().toList();
        }

        private String cell(Function<Row, Double> imgPerS, Function<Row, Double> peakPct) {
            Double rate = median(imgPerS);
            if (rate == null) {
                return "—";
            }
            List<String> notes = new ArrayList<>();
            Double peak = median(peakPct);
            if (peak != null) {
                notes.add("%.0f %% of peak".formatted(peak));
            }
            List<Double> all = values(imgPerS);
            if (all.size() > 1) {
                notes.add(rate(all.get(0)) + "–" + rate(all.get(all.size() - 1)));
            }
            return notes.isEmpty() ? rate(rate) : "%s (%s)".formatted(rate(rate), String.join("; ", notes));
        }

        private static String rate(double imgPerS) {
            return imgPerS >= 100 ? "%,.0f".formatted(imgPerS) : "%.1f".formatted(imgPerS);
        }
    }

    /** The table's lines: each system, model and setting once, in the order first measured. */
    public List<Entry> entries() {
        List<List<Row>> groups = new ArrayList<>();
        for (Row row : rows) {
            groups.stream().filter(g -> g.get(0).sameMeasurement(row)).findFirst()
                    .ifPresentOrElse(g -> g.add(row), () -> groups.add(new ArrayList<>(List.of(row))));
        }
        return groups.stream().map(Entry::new).toList();
    }

    /** How many rounds the run had: the most any measurement has. */
    public int rounds() {
        return entries().stream().mapToInt(e -> e.rounds().size()).max().orElse(0);
    }

    /**
     * For each model cifar-zoo's fast path and PyTorch both ran: cifar-zoo's median speed as a multiple of each
     * PyTorch setting's, with the range of the per-round ratios where both ran the same rounds, e.g. "ResNet18:
     * training 0.97× (glibc malloc tuned; rounds 0.93–1.02×), 1.30× (glibc malloc default; …); inference …".
     */
    public List<String> comparisons() {
        List<String> lines = new ArrayList<>();
        List<Entry> entries = entries();
        for (Entry ours : entries) {
            if (!ours.system().equals("cifar-zoo") || !ours.setting().equals("fast path")) {
                continue;
            }
            // cifar-zoo's label adds the resolution and activation to the model's name
            List<Entry> theirs = entries.stream().filter(e -> e.system().startsWith("PyTorch")
                    && (ours.model().equals(e.model()) || ours.model().startsWith(e.model() + " "))).toList();
            if (!theirs.isEmpty()) {
                lines.add(ours.model() + ": training " + ratios(ours, theirs, Row::trainImgPerS) + "; inference "
                        + ratios(ours, theirs, Row::inferImgPerS));
            }
        }
        return lines;
    }

    private static String ratios(Entry ours, List<Entry> theirs, Function<Row, Double> rate) {
        List<String> parts = new ArrayList<>();
        for (Entry pytorch : theirs) {
            Double a = ours.median(rate);
            Double b = pytorch.median(rate);
            if (a == null || b == null) {
                continue;
            }
            String note = pytorch.setting();
            List<Double> paired = pairedRatios(ours, pytorch, rate);
            if (paired.size() > 1) {
                note += "; rounds %.2f–%.2f×".formatted(paired.get(0), paired.get(paired.size() - 1));
            }
            parts.add("%.2f× (%s)".formatted(a / b, note));
        }
        return String.join(", ", parts);
    }

    /** Round by round, ours over theirs, sorted; empty unless both measured in every round. */
    private static List<Double> pairedRatios(Entry ours, Entry theirs, Function<Row, Double> rate) {
        if (ours.rounds().size() != theirs.rounds().size()) {
            return List.of();
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < ours.rounds().size(); i++) {
            Double a = rate.apply(ours.rounds().get(i));
            Double b = rate.apply(theirs.rounds().get(i));
            if (a == null || b == null) {
                return List.of();
            }
            ratios.add(a / b);
        }
        ratios.sort(null);
        return ratios;
    }

    public static SpeedTable read(Path csv) throws IOException {
        try (CSVParser parser = CommentedCsv.open(csv, COLUMNS, "bench/speed-vs-pytorch")) {
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                long line = CommentedCsv.line(csv, parser, r);
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
