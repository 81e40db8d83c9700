package org.cifarzoo.reports;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The speed changes kept on the CPU fast path, each with its before/after measurement ({@code
 * results/speed/changes.csv}): one row per interleaved pair of runs (before, then after, on the same machine minutes
 * apart), in the order the changes landed. The rows of one change are consecutive; a change can measure several
 * things (ResNet18 training, DenseNet52k12 inference, a kernel's milliseconds). A row without numbers carries only
 * its note, for an effect recorded in words. The texts are Markdown. Reading is strict, like {@link SpeedTable}.
 *
 * @param changes in the order they landed
 */
public record SpeedChanges(List<Change> changes) {
    public static final List<String> COLUMNS = List.of("change", "where", "measure", "unit", "before", "after", "note");

    public SpeedChanges {
        changes = List.copyOf(changes);
    }

    /** What a measurement counts: higher is faster for images/s, lower for milliseconds and shares of time. */
    public enum Unit {
        IMG_PER_S("img/s", true), MS("ms", false), PCT_OF_MAIN_THREAD("% of the main thread's time", false);

        private final String label;
        private final boolean higherIsFaster;

        Unit(String label, boolean higherIsFaster) {
            this.label = label;
            this.higherIsFaster = higherIsFaster;
        }

        static Unit of(String column) {
            return switch (column) {
                case "img_per_s" -> IMG_PER_S;
                case "ms" -> MS;
                case "pct_of_main_thread" -> PCT_OF_MAIN_THREAD;
                default -> null;
            };
        }
    }

    /** One change: what it did, where in the code, and what it measured. */
    public record Change(String text, String where, List<Measurement> measurements) {
        public Change {
            measurements = List.copyOf(measurements);
        }

        /** The table's effect cell: each measurement, "; " between them. */
        public String effect() {
            return measurements.stream().map(Measurement::describe).collect(Collectors.joining("; "));
        }
    }

    /** One interleaved pair of runs: the commit before the change, then the change. */
    public record Pair(double before, double after) {
    }

    /** One thing measured before and after a change, as interleaved pairs; no pairs where only a note says it. */
    public record Measurement(String measure, Unit unit, List<Pair> pairs, String note) {
        public Measurement {
            pairs = List.copyOf(pairs);
        }

        /** The median over the pairs of after ÷ before (img/s) or before ÷ after (times, shares). */
        public double speedUp() {
            List<Double> ratios = pairs.stream().map(p -> unit.higherIsFaster ? p.after() / p.before() : p.before() / p.after())
                    .sorted().toList();
            int n = ratios.size();
            return (ratios.get((n - 1) / 2) + ratios.get(n / 2)) / 2;
        }

        /** E.g. "ResNet18 training 1,338 / 1,279 → 1,366 / 1,370 img/s (1.03×)". */
        public String describe() {
            StringBuilder s = new StringBuilder(measure);
            if (!pairs.isEmpty()) {
                s.append(' ').append(values(Pair::before)).append(" → ").append(values(Pair::after)).append(' ').append(unit.label);
                // a share of the time is not a speed: its change says where the time went, not how much faster
                if (unit != Unit.PCT_OF_MAIN_THREAD) {
                    s.append(" (%.2f×)".formatted(speedUp()));
                }
            }
            return note.isEmpty() ? s.toString() : s + (pairs.isEmpty() ? " " : ", ") + note;
        }

        private String values(ToDoubleFunction<Pair> side) {
            return pairs.stream().map(p -> number(side.applyAsDouble(p))).collect(Collectors.joining(" / "));
        }

        private static String number(double value) {
            return value == Math.rint(value) ? "%,.0f".formatted(value) : "%s".formatted(value);
        }
    }

    public static SpeedChanges read(Path csv) throws IOException {
        try (CSVParser parser = CommentedCsv.open(csv, COLUMNS, "each speed change's commit")) {
            List<Change> changes = new ArrayList<>();
            List<Measurement> measurements = new ArrayList<>();
            CSVRecord first = null;
            for (CSVRecord r : parser) {
                long line = CommentedCsv.line(csv, parser, r);
                if (r.get("change").isBlank()) {
                    throw new ResultsFormatException(csv, line, "change", "empty");
                }
                for (String column : List.of("change", "where", "measure", "note")) {
                    if (r.get(column).contains("|")) {
                        throw new ResultsFormatException(csv, line, column, "'|' would end the table's cell");
                    }
                }
                if (first != null && !first.get("change").equals(r.get("change"))) {
                    changes.add(new Change(first.get("change"), first.get("where"), measurements));
                    measurements = new ArrayList<>();
                    first = null;
                }
                if (first == null) {
                    first = r;
                } else if (!first.get("where").equals(r.get("where"))) {
                    throw new ResultsFormatException(csv, line, "where", "'" + r.get("where") + "' differs from the "
                            + "change's first row ('" + first.get("where") + "')");
                }
                add(measurements, row(csv, line, r), csv, line);
            }
            if (first == null) {
                throw new ResultsFormatException(csv, 2, null, "no changes");
            }
            changes.add(new Change(first.get("change"), first.get("where"), measurements));
            return new SpeedChanges(changes);
        } catch (UncheckedIOException e) {
            throw new ResultsFormatException(csv, 0, null, e.getCause().getMessage(), e);
        }
    }

    /** A row as a measurement of one pair (or of none, with a note). */
    private static Measurement row(Path csv, long line, CSVRecord r) throws ResultsFormatException {
        String measure = r.get("measure").strip();
        String note = r.get("note").strip();
        if (measure.isEmpty()) {
            throw new ResultsFormatException(csv, line, "measure", "empty");
        }
        boolean numbers = !r.get("before").isBlank() || !r.get("after").isBlank() || !r.get("unit").isBlank();
        if (!numbers) {
            if (note.isEmpty()) {
                throw new ResultsFormatException(csv, line, "note", "a row without before, after and unit needs one");
            }
            return new Measurement(measure, null, List.of(), note);
        }
        Unit unit = Unit.of(r.get("unit").strip());
        if (unit == null) {
            throw new ResultsFormatException(csv, line, "unit",
                    "'" + r.get("unit") + "' is none of img_per_s, ms, pct_of_main_thread");
        }
        Pair pair = new Pair(positive(csv, line, r, "before"), positive(csv, line, r, "after"));
        return new Measurement(measure, unit, List.of(pair), note);
    }

    /** Joins a row onto the last measurement when it is another pair of the same measure and unit. */
    private static void add(List<Measurement> measurements, Measurement row, Path csv, long line)
            throws ResultsFormatException {
        Measurement last = measurements.isEmpty() ? null : measurements.get(measurements.size() - 1);
        if (last != null && last.measure().equals(row.measure()) && last.unit() == row.unit() && row.unit() != null) {
            if (!last.note().isEmpty() && !row.note().isEmpty()) {
                throw new ResultsFormatException(csv, line, "note", "the measurement has a note already: give it "
                        + "on one of its rows");
            }
            List<Pair> pairs = new ArrayList<>(last.pairs());
            pairs.addAll(row.pairs());
            String note = last.note().isEmpty() ? row.note() : last.note();
            measurements.set(measurements.size() - 1, new Measurement(last.measure(), last.unit(), pairs, note));
        } else {
            measurements.add(row);
        }
    }

    private static double positive(Path csv, long line, CSVRecord r, String column) throws ResultsFormatException {
        String value = r.get(column).strip();
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ResultsFormatException(csv, line, column, "not a positive number: '" + value + "'");
    }
}
