package org.cifarzoo.harness.matrix;

import org.cifarzoo.harness.data.Cifar10;
import org.cifarzoo.harness.results.Provenance;
import org.cifarzoo.harness.results.ResultRow;
import org.cifarzoo.harness.results.ResultsCsv;
import org.cifarzoo.harness.results.ResultsFile;
import org.cifarzoo.harness.train.Checkpoint;
import org.cifarzoo.harness.train.TrainConfig;
import org.cifarzoo.harness.train.TrainResult;
import org.cifarzoo.harness.train.Trainer;
import org.cifarzoo.zoo.ZooRegistry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs the cells of a matrix one after another into {@code OUT/results.csv}: each finished cell is one durable row
 * (ok or failed with its reason), training state is checkpointed every epoch under {@code OUT/checkpoints/}, and
 * with {@code resume} finished cells are skipped and an interrupted one continues from its last epoch.
 */
public final class MatrixRunner {
    private final ZooRegistry zoo;
    private final Supplier<Cifar10> data;
    private final Provenance provenance;
    private final Path out;
    private final PrintStream log;

    public MatrixRunner(ZooRegistry zoo, Supplier<Cifar10> data, Provenance provenance, Path out, PrintStream log) {
        this.zoo = zoo;
        this.data = data;
        this.provenance = provenance;
        this.out = out;
        this.log = log;
    }

    public Path results() {
        return out.resolve("results.csv");
    }

    /** Runs {@code cells}; returns how many ended ok and how many failed in this call. */
    public int[] run(List<Cell> cells, boolean resume, long seed) {
        List<ResultsFile.Raw> existing = ResultsFile.read(results());
        if (!existing.isEmpty() && !resume) {
            throw new IllegalStateException(results() + " already holds " + existing.size()
                    + " rows; pass --resume to continue that run, or choose another --out");
        }
        Set<String> finished = existing.stream().map(ResultsFile.Raw::cell).collect(Collectors.toSet());
        List<Cell> todo = cells.stream().filter(c -> !finished.contains(c.id())).toList();
        log.printf("matrix: %d cells, %d already finished, %d to run -> %s%n", cells.size(),
                cells.size() - todo.size(), todo.size(), results());
        int ok = 0;
        int failed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < todo.size(); i++) {
            Cell cell = todo.get(i);
            String eta = i == 0 ? "?" : format(Duration.ofNanos((System.nanoTime() - start) / i * (todo.size() - i)));
            log.printf("matrix: cell %d/%d %s (done %d, left %d, ETA %s)%n", i + 1, todo.size(), cell.id(),
                    cells.size() - todo.size() + i, todo.size() - i, eta);
            if (runCell(cell, seed)) {
                ok++;
            } else {
                failed++;
            }
        }
        log.printf("matrix: finished: %d ok, %d failed in %s%n", ok, failed,
                format(Duration.ofNanos(System.nanoTime() - start)));
        return new int[]{ok, failed};
    }

    private boolean runCell(Cell cell, long seed) {
        TrainConfig c = new TrainConfig(cell.spec(), cell.config().batchSize(), cell.config().epochs(),
                cell.config().augmentation(), cell.config().schedule(), cell.config().trainLimit(),
                cell.config().testLimit(), seed);
        Checkpoint checkpoint = Checkpoint.in(out.resolve("checkpoints").resolve(cell.id().replaceAll("[^A-Za-z0-9._-]", "_")));
        long start = System.nanoTime();
        try {
            zoo.get(cell.spec().model()); // a model that is not built yet fails here, by name
            TrainResult r = new Trainer(zoo).train(c, data.get(), checkpoint);
            ResultsCsv.append(results(), ResultRow.ok(cell.family(), c, r, provenance, cell.id()));
            checkpoint.delete();
            return true;
        } catch (RuntimeException | OutOfMemoryError e) {
            String reason = e instanceof IllegalArgumentException && e.getMessage().startsWith("Unknown model")
                    ? "model not built yet: " + cell.spec().model() : e.toString();
            log.printf("matrix: cell %s failed: %s%n", cell.id(), reason);
            ResultsCsv.append(results(), ResultRow.failed(cell.family(), c, (System.nanoTime() - start) / 1e9, reason,
                    provenance, cell.id()));
            return false;
        }
    }

    static String format(Duration d) {
        return "%d:%02d:%02d".formatted(d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
