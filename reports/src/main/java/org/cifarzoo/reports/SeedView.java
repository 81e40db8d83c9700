package org.cifarzoo.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the seed-layout templates see: the original README's two tables with this project's results put into them.
 * Rows come from the matrix ({@link SeedTable}), so every seed row appears whether it was run or not; results are
 * matched to them by their {@code cell} column. Every number is display text ({@link Figure}: measured, seed,
 * difference). Nothing here is ever written back to a CSV.
 *
 * <ul>
 *   <li><b>Augmentation study</b> ({@code aug/…} cells): one row per model configuration, the original's five
 *       columns Basic · Stochastic Depth · Mixup · Cutout · Cutmix. A cell of a {@code *-SD} family (e.g.
 *       ResNet50SD, family ResNetV2-SD) goes into the Stochastic Depth column of its base model's row.</li>
 *   <li><b>Main table</b> (every other cell, and any {@code aug/…} cell that fits no column): family heading rows
 *       in matrix order, then per model its variants (resolution, width, batch, activation, …) in matrix order.</li>
 *   <li><b>Other runs</b>: result rows whose {@code cell} is empty or not in this matrix, so none is dropped.</li>
 * </ul>
 *
 * <p>When the results hold several rows for one cell, the last one in the file counts.
 *
 * @param source       name of the results CSV, or {@code ""}
 * @param matrix       name of the matrix CSV the rows and seed numbers come from
 * @param augColumns   the augmentation-study column headings, in the original's order
 * @param augRows      the augmentation-study rows (empty when the matrix has no {@code aug/…} cells)
 * @param families     the main table
 * @param otherRuns    result rows not matched to a matrix cell
 * @param setups       machine/backend combinations, numbered P1, P2, … in the order the page shows them
 * @param cells        number of matrix cells
 * @param ranCells     matrix cells with a result row (ok or failed)
 * @param failedCells  matrix cells whose result row is {@code failed}
 * @param runs         number of result rows
 */
public record SeedView(String source, String matrix, String usualSettings, List<String> augColumns,
                       List<AugRow> augRows, List<Family> families, List<OtherRun> otherRuns,
                       List<ReportView.Setup> setups, int cells, int ranCells, int failedCells, int runs) {

    /** State of a table cell: measured, failed (with its reason), not yet run, or not in the matrix at all. */
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String NOT_RUN = "not-run";
    public static final String ABSENT = "absent";

    /** Family suffix of the stochastic-depth builders (ResNetV2-SD); their model names end in {@code SD}. */
    static final String SD_FAMILY_SUFFIX = "-SD";
    static final String SD_MODEL_SUFFIX = "SD";
    static final String AUG_PREFIX = "aug/";

    /** The original augmentation-study columns, in order: heading, augmentation, stochastic depth or not. */
    private enum AugColumn {
        BASIC("Basic", "basic", false), STOCHASTIC_DEPTH("Stochastic Depth", "basic", true),
        MIXUP("Mixup", "mixup", false), CUTOUT("Cutout", "cutout", false), CUTMIX("Cutmix", "cutmix", false);

        final String heading;
        final String augmentation;
        final boolean stochasticDepth;

        AugColumn(String heading, String augmentation, boolean stochasticDepth) {
            this.heading = heading;
            this.augmentation = augmentation;
            this.stochasticDepth = stochasticDepth;
        }

        static AugColumn of(SeedCell c) {
            for (AugColumn a : values()) {
                if (a.augmentation.equals(c.augmentation()) && a.stochasticDepth == stochasticDepth(c)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** One augmentation-study row: the model with what sets it apart, and one {@link Slot} per column. */
    public record AugRow(String model, List<ReportView.Qualifier> qualifiers, List<Slot> slots) {
    }

    /**
     * One augmentation-study cell: top-1 only, as in the original. {@code state} is one of the constants above;
     * {@code seedNotes} is the matrix's notes column (provenance and caveats of the seed's number).
     */
    public record Slot(String cell, String state, Figure top1, String error, String setup, long csvLine,
                       String note, String seedNotes) {
    }

    /** A family heading of the main table and its models. */
    public record Family(String family, List<Model> models) {
    }

    /** A model of the main table and its variants (at least one). */
    public record Model(String model, List<Variant> variants) {
    }

    /**
     * One main-table row.
     *
     * @param qualifiers resolution, width, batch, activation, … where they set this cell apart
     * @param state      {@link #OK}, {@link #FAILED} or {@link #NOT_RUN}
     * @param setup      id of the setup that produced the numbers; empty when not run
     * @param csvLine    line of the results CSV; 0 when not run
     * @param note       how the run's configuration differs from the matrix cell (stale results); usually empty
     * @param seedNotes  the matrix's notes column: provenance and caveats of the seed's numbers
     */
    public record Variant(String cell, List<ReportView.Qualifier> qualifiers, String state, String error,
                          Figure top1, Figure params, Figure trainImgPerS, Figure inferImgPerS, String setup,
                          long csvLine, String note, String seedNotes) {
    }

    /** A result row that matches no matrix cell: {@code cell} is its id, or empty for a single {@code train} run. */
    public record OtherRun(String cell, String model, List<ReportView.Qualifier> qualifiers, String state,
                           String error, String top1, String params, String trainImgPerS, String inferImgPerS,
                           String setup, long csvLine) {
    }

    /** The {@code cell} column of a results row, {@code ""} when the CSV has none. */
    static String cellOf(Row r) {
        String cell = r.raw().get("cell");
        return cell == null ? "" : cell.strip();
    }

    /** Whether any results row names a matrix cell; if none does, the report falls back to the flat table. */
    static boolean hasCells(List<Row> rows) {
        return rows.stream().anyMatch(r -> !cellOf(r).isEmpty());
    }

    public static SeedView of(List<Row> rows, SeedTable matrix, String source) {
        Map<String, Row> byCell = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!cellOf(r).isEmpty()) {
                byCell.put(cellOf(r), r); // the last row of a cell counts
            }
        }
        Conventions conventions = new Conventions(matrix.cells());

        // Augmentation study: rows keyed by the configuration without augmentation and stochastic depth.
        Map<List<Object>, SeedCell[]> augGrid = new LinkedHashMap<>();
        List<SeedCell> mainCells = new ArrayList<>();
        for (SeedCell c : matrix.cells()) {
            AugColumn column = c.cell().startsWith(AUG_PREFIX) ? AugColumn.of(c) : null;
            if (column == null) {
                mainCells.add(c);
                continue;
            }
            SeedCell[] slots = augGrid.computeIfAbsent(augKey(c), k -> new SeedCell[AugColumn.values().length]);
            if (slots[column.ordinal()] != null) {
                mainCells.add(c); // a second cell for one slot (e.g. another schedule) stays visible below
            } else {
                slots[column.ordinal()] = c;
            }
        }

        // Setups are numbered in the order the page shows their rows.
        List<Row> pageOrder = new ArrayList<>();
        augGrid.values().forEach(slots -> {
            for (SeedCell c : slots) {
                if (c != null && byCell.containsKey(c.cell())) {
                    pageOrder.add(byCell.get(c.cell()));
                }
            }
        });
        Map<String, Map<String, List<SeedCell>>> grouped = new LinkedHashMap<>();
        for (SeedCell c : mainCells) {
            grouped.computeIfAbsent(c.family(), f -> new LinkedHashMap<>())
                    .computeIfAbsent(c.model(), m -> new ArrayList<>()).add(c);
        }
        grouped.values().forEach(models -> models.values().forEach(cs -> cs.stream()
                .map(c -> byCell.get(c.cell())).filter(Objects::nonNull).forEach(pageOrder::add)));
        List<Row> others = rows.stream()
                .filter(r -> cellOf(r).isEmpty() || matrix.cell(cellOf(r)) == null)
                .toList();
        pageOrder.addAll(others);
        ReportView.Setups setups = ReportView.setupsOf(pageOrder);

        List<AugRow> augRows = new ArrayList<>();
        for (SeedCell[] slots : augGrid.values()) {
            SeedCell first = Arrays.stream(slots).filter(Objects::nonNull).findFirst().orElseThrow();
            List<Slot> line = new ArrayList<>();
            for (SeedCell c : slots) {
                line.add(c == null ? new Slot("", ABSENT, new Figure("", "", ""), "", "", 0, "", "")
                        : slot(c, byCell.get(c.cell()), setups));
            }
            augRows.add(new AugRow(baseModel(first), conventions.qualifiers(first, false), List.copyOf(line)));
        }

        List<Family> families = grouped.entrySet().stream()
                .map(f -> new Family(f.getKey(), f.getValue().entrySet().stream()
                        .map(m -> new Model(m.getKey(), m.getValue().stream()
                                .map(c -> variant(c, byCell.get(c.cell()), conventions, setups)).toList()))
                        .toList()))
                .toList();

        List<OtherRun> otherRuns = others.stream().map(r -> otherRun(r, setups)).toList();
        long ran = matrix.cells().stream().filter(c -> byCell.containsKey(c.cell())).count();
        long failed = matrix.cells().stream().map(c -> byCell.get(c.cell()))
                .filter(r -> r != null && r.failed()).count();
        return new SeedView(Objects.requireNonNullElse(source, ""), matrix.source(), conventions.describe(),
                Arrays.stream(AugColumn.values()).map(a -> a.heading).toList(), List.copyOf(augRows),
                families, otherRuns, setups.list(), matrix.cells().size(), (int) ran, (int) failed, rows.size());
    }

    private static Slot slot(SeedCell c, Row r, ReportView.Setups setups) {
        Figure top1 = Figure.percent(r == null ? null : r.top1BestPct(), c.seedTop1Pct());
        if (r == null) {
            return new Slot(c.cell(), NOT_RUN, Figure.seedOnly(top1), "", "", 0, "", c.notes());
        }
        return new Slot(c.cell(), r.failed() ? FAILED : OK, r.failed() ? Figure.seedOnly(top1) : top1, error(r),
                setups.idOf(r), r.line(), drift(c, r), c.notes());
    }

    private static Variant variant(SeedCell c, Row r, Conventions conventions, ReportView.Setups setups) {
        List<ReportView.Qualifier> qualifiers = conventions.qualifiers(c, true);
        Figure top1 = Figure.percent(r == null ? null : r.top1BestPct(), c.seedTop1Pct());
        Figure params = Figure.count(r == null ? null : r.params(), c.seedParams());
        Figure train = Figure.rate(r == null ? null : r.trainImgPerS(), c.seedTrainImgPerS());
        Figure infer = Figure.rate(r == null ? null : r.inferImgPerS(), c.seedInferImgPerS());
        if (r == null || r.failed()) { // a failed row's numbers are placeholders (params 0): show only the seed's
            return new Variant(c.cell(), qualifiers, r == null ? NOT_RUN : FAILED, r == null ? "" : error(r),
                    Figure.seedOnly(top1), Figure.seedOnly(params), Figure.seedOnly(train), Figure.seedOnly(infer),
                    r == null ? "" : setups.idOf(r), r == null ? 0 : r.line(), r == null ? "" : drift(c, r),
                    c.notes());
        }
        return new Variant(c.cell(), qualifiers, OK, "", top1, params, train, infer, setups.idOf(r), r.line(),
                drift(c, r), c.notes());
    }

    private static OtherRun otherRun(Row r, ReportView.Setups setups) {
        List<ReportView.Qualifier> q = new ArrayList<>();
        if (r.resolutionPx() != null && r.resolutionPx() != ReportView.NATIVE_PX) {
            q.add(new ReportView.Qualifier(r.resolutionPx() + "px", "resolution inside the network"));
        }
        if (r.width() != null && r.width() != 1.0) {
            q.add(new ReportView.Qualifier("w=" + Cells.plain(r.width()), "width factor"));
        }
        if (!r.activation().isEmpty() && !r.activation().equals(ReportView.DEFAULT_ACTIVATION)) {
            q.add(new ReportView.Qualifier(r.activation(), "main activation"));
        }
        if (r.batchSize() != null) {
            q.add(new ReportView.Qualifier("b=" + r.batchSize(), "training batch size"));
        }
        if (!r.augmentation().isEmpty()) {
            q.add(new ReportView.Qualifier(r.augmentation(), "augmentation"));
        }
        if (r.epochs() != null) {
            q.add(new ReportView.Qualifier(r.epochs() + " ep", "epochs"));
        }
        return new OtherRun(cellOf(r), r.model(), List.copyOf(q), r.failed() ? FAILED : OK, error(r),
                r.failed() ? "" : Cells.percent(r.top1BestPct()), r.failed() ? "" : Cells.grouped(r.params()),
                Cells.whole(r.trainImgPerS()), Cells.whole(r.inferImgPerS()), setups.idOf(r), r.line());
    }

    private static String error(Row r) {
        return !r.failed() ? "" : r.error().isBlank() ? "(no error recorded)" : r.error();
    }

    /**
     * How a result row's configuration differs from its matrix cell, e.g. {@code epochs 3 (matrix: 150)}: the
     * matrix file changed after the run, so the comparison with the seed may not be like for like.
     */
    static String drift(SeedCell c, Row r) {
        List<String> d = new ArrayList<>();
        compare(d, "model", c.model(), r.model());
        compare(d, "resolution", c.resolutionPx(), r.resolutionPx());
        compare(d, "width", c.width(), r.width());
        compare(d, "batch", c.batchSize(), r.batchSize());
        compare(d, "activation", c.activation(), r.activation());
        compare(d, "augmentation", c.augmentation(), r.augmentation());
        compare(d, "epochs", c.epochs(), r.epochs()); // not the schedule: runs record its description, not its spec
        return d.isEmpty() ? "" : "ran with " + String.join(", ", d);
    }

    private static void compare(List<String> out, String what, Object matrix, Object run) {
        boolean blank = matrix == null || matrix.toString().isEmpty() || run == null || run.toString().isEmpty();
        if (!blank && !matrix.equals(run)) {
            out.add(what + " " + display(run) + " (matrix: " + display(matrix) + ")");
        }
    }

    private static String display(Object value) {
        return value instanceof Double d ? Cells.plain(d) : value.toString();
    }

    static boolean stochasticDepth(SeedCell c) {
        return c.family().endsWith(SD_FAMILY_SUFFIX);
    }

    /** ResNet50SD → ResNet50: the row a stochastic-depth cell belongs to. */
    static String baseModel(SeedCell c) {
        String m = c.model();
        return stochasticDepth(c) && m.endsWith(SD_MODEL_SUFFIX) && m.length() > SD_MODEL_SUFFIX.length()
                ? m.substring(0, m.length() - SD_MODEL_SUFFIX.length()) : m;
    }

    private static List<Object> augKey(SeedCell c) {
        return Arrays.asList(baseModel(c), c.resolutionPx(), c.width(), c.batchSize(), c.activation(),
                c.epochs(), c.schedule(), c.trainLimit(), c.testLimit());
    }

    /**
     * What the tables leave unsaid, as the original does: the native 32 px, width 1, the matrix's usual batch
     * size, epochs, schedule and (main table) augmentation, and a family's usual activation (that of its first
     * cell). A cell shows a qualifier only where it departs from these.
     */
    private static final class Conventions {
        private final Integer batch;
        private final Integer epochs;
        private final String schedule;
        private final String augmentation;
        private final Map<String, String> familyActivation = new LinkedHashMap<>();

        Conventions(List<SeedCell> cells) {
            batch = mostCommon(cells, SeedCell::batchSize);
            epochs = mostCommon(cells, SeedCell::epochs);
            schedule = mostCommon(cells, SeedCell::schedule);
            augmentation = mostCommon(cells.stream().filter(c -> !c.cell().startsWith(AUG_PREFIX)).toList(),
                    SeedCell::augmentation);
            cells.forEach(c -> familyActivation.putIfAbsent(baseFamily(c), c.activation()));
        }

        /** The settings an unmarked row has, e.g. "32 px, width 1, batch 128, 3 epochs, cutmix, cosine:…". */
        String describe() {
            List<String> parts = new ArrayList<>(List.of(ReportView.NATIVE_PX + " px", "width 1"));
            if (batch != null) {
                parts.add("batch " + batch);
            }
            if (epochs != null) {
                parts.add(epochs + " epochs");
            }
            if (augmentation != null && !augmentation.isEmpty()) {
                parts.add(augmentation + " augmentation (main table)");
            }
            if (schedule != null && !schedule.isEmpty()) {
                parts.add("schedule " + schedule);
            }
            return String.join(", ", parts);
        }

        List<ReportView.Qualifier> qualifiers(SeedCell c, boolean withAugmentation) {
            List<ReportView.Qualifier> q = new ArrayList<>();
            if (c.resolutionPx() != null && c.resolutionPx() != ReportView.NATIVE_PX) {
                q.add(new ReportView.Qualifier(c.resolutionPx() + "px", "resolution inside the network"));
            }
            if (c.width() != null && c.width() != 1.0) {
                q.add(new ReportView.Qualifier("w=" + Cells.plain(c.width()), "width factor"));
            }
            if (!c.activation().isEmpty() && !c.activation().equals(familyActivation.get(baseFamily(c)))) {
                q.add(new ReportView.Qualifier(c.activation(), "main activation"));
            }
            if (c.batchSize() != null && !c.batchSize().equals(batch)) {
                q.add(new ReportView.Qualifier("b=" + c.batchSize(), "training batch size"));
            }
            if (withAugmentation && !c.augmentation().isEmpty() && !c.augmentation().equals(augmentation)) {
                q.add(new ReportView.Qualifier(c.augmentation(), "augmentation"));
            }
            if (c.epochs() != null && !c.epochs().equals(epochs)) {
                q.add(new ReportView.Qualifier(c.epochs() + " ep", "epochs"));
            }
            if (!c.schedule().isEmpty() && !c.schedule().equals(schedule)) {
                q.add(new ReportView.Qualifier(scheduleDifference(c.schedule(), schedule),
                        "learning-rate schedule: " + c.schedule()));
            }
            return List.copyOf(q);
        }

        private static String baseFamily(SeedCell c) {
            String f = c.family();
            return stochasticDepth(c) ? f.substring(0, f.length() - SD_FAMILY_SUFFIX.length()) : f;
        }

        /**
         * The parameters in which {@code schedule} differs from the usual one, e.g. {@code hi=0.75} for
         * {@code cosine:epochs=150,hi=0.75,…} against {@code cosine:epochs=150,hi=0.5,…}; the whole text when the
         * kind differs.
         */
        static String scheduleDifference(String schedule, String usual) {
            String[] a = schedule.split(":", 2);
            String[] b = usual == null ? new String[]{""} : usual.split(":", 2);
            if (a.length < 2 || b.length < 2 || !a[0].equals(b[0])) {
                return schedule;
            }
            List<String> usualParts = List.of(b[1].split(","));
            String diff = Arrays.stream(a[1].split(","))
                    .filter(p -> !usualParts.contains(p))
                    .collect(Collectors.joining(","));
            return diff.isEmpty() ? schedule : diff;
        }

        /** The most frequent non-empty value; ties go to the one seen first. */
        private static <T> T mostCommon(Collection<SeedCell> cells, Function<SeedCell, T> value) {
            Map<T, Long> counts = cells.stream().map(value)
                    .filter(Objects::nonNull).filter(Predicate.not(v -> v.toString().isEmpty()))
                    .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
            return counts.entrySet().stream().max(Comparator.comparingLong(Map.Entry::getValue))
                    .map(Map.Entry::getKey).orElse(null);
        }
    }
}
