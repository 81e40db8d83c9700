package org.cifarzoo.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the templates see: the runs in report order, grouped by family, with every number already formatted as
 * display text, plus one {@link Setup} per distinct machine/backend combination. Built fresh for each rendering
 * from the {@link Row}s; nothing here is ever written back to the CSV.
 *
 * @param source     name of the CSV the rows came from, or {@code ""} when not rendered from a file
 * @param groups     one group per family, in the order the families first appear in the CSV
 * @param setups     every distinct (device, backend, classifier, helpers, threads, jvm, dl4j), in table order
 * @param runs       number of rows
 * @param failedRuns number of rows with status {@code failed}
 */
public record ReportView(String source, List<Group> groups, List<Setup> setups, int runs, int failedRuns) {

    /** Native CIFAR resolution; a run at this resolution shows no {@code px} tag. */
    static final int NATIVE_PX = 32;
    /** The activation the tables leave unnamed; any other is shown next to the model. */
    static final String DEFAULT_ACTIVATION = "relu";

    /** A family heading and its runs. */
    public record Group(String family, List<Line> lines) {
    }

    /**
     * One table row. Fields are display text, empty when the CSV cell was empty.
     *
     * @param qualifiers what sets this run apart from the plain model: resolution, width, activation, batch size
     * @param error      the recorded error of a failed run
     * @param setup      id of the run's {@link Setup}, e.g. {@code P1}
     * @param csvLine    line of the CSV this row came from
     */
    public record Line(String model, List<Qualifier> qualifiers, boolean failed, String error,
                       String top1Best, String top1Last, String params, String trainImgPerS,
                       String trainImgPerSSd, String inferImgPerS, String epochs, String augmentation,
                       String wallTime, String setup, long csvLine) {
    }

    /** A short tag shown in small text after the model name, e.g. {@code w=2}, and what it means. */
    public record Qualifier(String text, String meaning) {
    }

    /** A machine + backend combination that produced some of the rows, and the commits and dates it ran. */
    public record Setup(String id, String device, String backend, String classifier, String helpers,
                        String threads, String jvm, String dl4j, List<Commit> commits, String loadAvg, int runs) {
    }

    /** A commit and the dates of the first and last run made from it (raw ISO-8601 text). */
    public record Commit(String commit, String firstDate, String lastDate, int runs) {
    }

    /** Identity of a {@link Setup}: the raw cells of the provenance columns that say where a number came from. */
    record SetupKey(String device, String backend, String classifier, String helpers, String threads,
                    String jvm, String dl4j) {
        static SetupKey of(Row r) {
            return new SetupKey(r.device(), r.backend(), r.classifier(), r.helpers(), r.raw().get("threads"),
                    r.jvm(), r.dl4j());
        }
    }

    /** The {@link Setup}s of some rows, numbered P1, P2, … in the order the rows first show them. */
    record Setups(List<Setup> list, Map<SetupKey, String> ids) {
        /** The id of the setup that produced {@code r}, e.g. {@code P1}. */
        String idOf(Row r) {
            return ids.get(SetupKey.of(r));
        }
    }

    /** One {@link Setup} per distinct setup of {@code ordered}, numbered in that order (also for the seed layout). */
    static Setups setupsOf(List<Row> ordered) {
        Map<SetupKey, List<Row>> bySetup = new LinkedHashMap<>();
        for (Row r : ordered) {
            bySetup.computeIfAbsent(SetupKey.of(r), k -> new ArrayList<>()).add(r);
        }
        Map<SetupKey, String> setupIds = new LinkedHashMap<>();
        List<Setup> setups = new ArrayList<>();
        for (Map.Entry<SetupKey, List<Row>> e : bySetup.entrySet()) {
            String id = "P" + (setups.size() + 1);
            setupIds.put(e.getKey(), id);
            setups.add(setup(id, e.getKey(), e.getValue()));
        }
        return new Setups(List.copyOf(setups), Map.copyOf(setupIds));
    }

    public static ReportView of(List<Row> rows, String source) {
        List<Row> ordered = inReportOrder(rows);
        Setups setups = setupsOf(ordered);
        Map<String, List<Line>> byFamily = new LinkedHashMap<>();
        for (Row r : ordered) {
            byFamily.computeIfAbsent(r.family(), f -> new ArrayList<>()).add(line(r, setups.idOf(r)));
        }
        List<Group> groups = byFamily.entrySet().stream().map(e -> new Group(e.getKey(), List.copyOf(e.getValue())))
                .toList();
        int failed = (int) rows.stream().filter(Row::failed).count();
        return new ReportView(Objects.requireNonNullElse(source, ""), groups, setups.list(), rows.size(), failed);
    }

    /**
     * Family in the order first seen in the CSV, then model (digits compared as numbers, so ResNet18 comes before
     * ResNet101), then resolution, then width. Ties keep their CSV order.
     */
    static List<Row> inReportOrder(List<Row> rows) {
        Map<String, Integer> familyRank = new LinkedHashMap<>();
        rows.forEach(r -> familyRank.putIfAbsent(r.family(), familyRank.size()));
        Comparator<Row> order = Comparator.<Row>comparingInt(r -> familyRank.get(r.family()))
                .thenComparing(Row::model, ReportView::compareNatural)
                .thenComparing(Row::resolutionPx, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Row::width, Comparator.nullsFirst(Comparator.naturalOrder()));
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(order);
        return sorted;
    }

    private static Line line(Row r, String setupId) {
        return new Line(r.model(), qualifiers(r), r.failed(),
                r.failed() && r.error().isBlank() ? "(no error recorded)" : r.error(),
                Cells.percent(r.top1BestPct()), Cells.percent(r.top1LastPct()),
                Cells.grouped(r.params()), Cells.whole(r.trainImgPerS()), Cells.spread(r.trainImgPerSSd()),
                Cells.whole(r.inferImgPerS()), Cells.plain(r.epochs()), r.augmentation(), Cells.hms(r.wallS()),
                setupId, r.line());
    }

    private static List<Qualifier> qualifiers(Row r) {
        List<Qualifier> q = new ArrayList<>();
        if (r.resolutionPx() != null && r.resolutionPx() != NATIVE_PX) {
            q.add(new Qualifier(r.resolutionPx() + "px", "resolution inside the network"));
        }
        if (r.width() != null && r.width() != 1.0) {
            q.add(new Qualifier("w=" + Cells.plain(r.width()), "width factor"));
        }
        if (!r.activation().isEmpty() && !r.activation().equals(DEFAULT_ACTIVATION)) {
            q.add(new Qualifier(r.activation(), "main activation"));
        }
        if (r.batchSize() != null) {
            q.add(new Qualifier("b=" + r.batchSize(), "training batch size"));
        }
        return List.copyOf(q);
    }

    private static Setup setup(String id, SetupKey key, List<Row> rows) {
        Map<String, List<Row>> byCommit = new LinkedHashMap<>();
        rows.forEach(r -> byCommit.computeIfAbsent(r.gitCommit(), c -> new ArrayList<>()).add(r));
        List<Commit> commits = byCommit.entrySet().stream()
                .map(e -> new Commit(e.getKey(),
                        e.getValue().stream().map(Row::date).min(Comparator.naturalOrder()).orElse(""),
                        e.getValue().stream().map(Row::date).max(Comparator.naturalOrder()).orElse(""),
                        e.getValue().size()))
                .sorted(Comparator.comparing(Commit::firstDate).thenComparing(Commit::commit))
                .toList();
        List<Double> loads = rows.stream().map(Row::loadAvg).filter(Objects::nonNull).sorted().toList();
        String load = loads.isEmpty() ? ""
                : loads.get(0).equals(loads.get(loads.size() - 1)) ? Cells.plain(loads.get(0))
                : Cells.plain(loads.get(0)) + "–" + Cells.plain(loads.get(loads.size() - 1));
        return new Setup(id, key.device(), key.backend(), key.classifier(), key.helpers(), key.threads(), key.jvm(),
                key.dl4j(), commits, load, rows.size());
    }

    /** Compares text with runs of digits taken as numbers: {@code ResNet18 < ResNet34 < ResNet101}. */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                int ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                String na = a.substring(i, ei).replaceFirst("^0+(?=\\d)", "");
                String nb = b.substring(j, ej).replaceFirst("^0+(?=\\d)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
