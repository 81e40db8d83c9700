package org.cifarzoo.harness.matrix;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cifarzoo.augment.Augmentations;
import org.cifarzoo.harness.train.TrainConfig;
import org.cifarzoo.schedules.Schedules;
import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A results matrix: the cells of a results table as data, one CSV row per cell. The named matrices ship with the
 * jar: {@code full} (every row of the original tables, the original recipe), {@code quick} (a CPU-sized default)
 * and {@code smoke} (seconds; used by the tests). Any other argument is read as a file with the same columns.
 */
public record Matrix(String name, List<Cell> cells) {
    public static final List<String> NAMED = List.of("full", "quick", "smoke");
    public static final List<String> COLUMNS = List.of("cell", "family", "model", "resolution_px", "width",
            "batch_size", "activation", "augmentation", "epochs", "schedule", "train_limit", "test_limit",
            "seed_top1_pct", "seed_params", "seed_train_img_per_s", "seed_infer_img_per_s", "notes");

    /** The matrix as a file: a built-in one is copied out of the jar into a temporary file. */
    public static java.nio.file.Path file(String nameOrFile) {
        if (!NAMED.contains(nameOrFile)) {
            load(nameOrFile); // validates, and names the problem if the file is bad
            return java.nio.file.Path.of(nameOrFile);
        }
        try (InputStream in = Matrix.class.getResourceAsStream("/matrices/" + nameOrFile + ".csv")) {
            // named like the matrix, since reports quote the file's name
            java.nio.file.Path dir = Files.createTempDirectory("cifar-zoo-matrix-");
            java.nio.file.Path tmp = dir.resolve(nameOrFile + ".csv");
            dir.toFile().deleteOnExit(); // registered first, so deleted after the file
            tmp.toFile().deleteOnExit();
            Files.write(tmp, in.readAllBytes());
            return tmp;
        } catch (IOException e) {
            throw new MatrixFormatException("cannot read built-in matrix " + nameOrFile, e);
        }
    }

    public static Matrix load(String nameOrFile) {
        if (NAMED.contains(nameOrFile)) {
            try (InputStream in = Matrix.class.getResourceAsStream("/matrices/" + nameOrFile + ".csv")) {
                return parse(nameOrFile, new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new MatrixFormatException("cannot read built-in matrix " + nameOrFile, e);
            }
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new MatrixFormatException("Unknown matrix '" + nameOrFile + "': neither one of " + NAMED
                    + " nor a readable file");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new MatrixFormatException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    static Matrix parse(String source, Reader in) throws IOException {
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in);
        List<String> missing = COLUMNS.stream().filter(c -> !parser.getHeaderNames().contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new MatrixFormatException(source + ", line 1: missing column(s) " + missing);
        }
        List<Cell> cells = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CSVRecord r : parser) {
            Cell cell = new Row(source, r).cell();
            if (!ids.add(cell.id())) {
                throw new MatrixFormatException(source + ", line " + parser.getCurrentLineNumber() + ", field 'cell': "
                        + "duplicate cell id '" + cell.id() + "'");
            }
            cells.add(cell);
        }
        if (cells.isEmpty()) {
            throw new MatrixFormatException(source + ": no cells");
        }
        return new Matrix(source, List.copyOf(cells));
    }

    /**
     * The cells of shard {@code k} of {@code n} (1-based): every n-th cell starting at the k-th, so shards of the
     * same matrix file are disjoint, cover it, and differ in size by at most one cell.
     */
    public List<Cell> shard(int k, int n) {
        if (n < 1 || k < 1 || k > n) {
            throw new IllegalArgumentException("--shard must be K/N with 1 <= K <= N, got " + k + "/" + n);
        }
        return java.util.stream.IntStream.range(0, cells.size()).filter(i -> i % n == k - 1).mapToObj(cells::get)
                .toList();
    }

    /** One CSV record, read field by field so every error names its line and field. */
    private record Row(String source, CSVRecord r) {
        private String where(String field) {
            return source + ", line " + (r.getRecordNumber() + 1) + ", field '" + field + "'";
        }

        String text(String field) {
            String v = r.isSet(field) ? r.get(field).trim() : "";
            if (v.isEmpty()) {
                throw new MatrixFormatException(where(field) + ": empty");
            }
            return v;
        }

        <T> T parsed(String field, Function<String, T> parse) {
            String v = text(field);
            try {
                return parse.apply(v);
            } catch (RuntimeException e) {
                throw new MatrixFormatException(where(field) + ": '" + v + "' " + e.getMessage(), e);
            }
        }

        <T> T optional(String field, Function<String, T> parse) {
            return r.isSet(field) && !r.get(field).isBlank() ? parsed(field, parse) : null;
        }

        static int integer(String v) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a whole number");
            }
        }

        static double number(String v) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a number");
            }
        }

        Cell cell() {
            String model = text("model");
            ModelSpec spec = parsed("resolution_px", v -> new ModelSpec(model, parsed("width", Row::integer),
                    integer(v), parsed("activation", MainActivation::parse)));
            String augmentation = parsed("augmentation", v -> {
                Augmentations.pipeline(v);
                return v;
            });
            String schedule = parsed("schedule", v -> {
                Schedules.parse(v);
                return v;
            });
            TrainConfig config = parsed("epochs", v -> new TrainConfig(spec, parsed("batch_size", Row::integer),
                    integer(v), augmentation, schedule, parsed("train_limit", Row::integer),
                    parsed("test_limit", Row::integer), 1));
            return new Cell(text("cell"), text("family"), config, optional("seed_top1_pct", Row::number),
                    optional("seed_params", v -> (long) integer(v)), optional("seed_train_img_per_s", Row::number),
                    optional("seed_infer_img_per_s", Row::number), r.isSet("notes") ? r.get("notes") : "");
        }
    }
}
