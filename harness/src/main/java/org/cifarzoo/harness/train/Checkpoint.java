package org.cifarzoo.harness.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Saves a run after every epoch so that it can continue after a crash or {@code kill -9}: first the network (with
 * its updater state) as {@code model-E.zip}, then {@code state.properties}, written to a temporary file and renamed
 * atomically, which names that model. A crash at any point leaves the last complete pair readable.
 */
public final class Checkpoint {
    private static final String STATE = "state.properties";
    private final Path dir;

    private Checkpoint(Path dir) {
        this.dir = dir;
    }

    /** No checkpoints (a single {@code train} command). */
    public static Checkpoint none() {
        return new Checkpoint(null);
    }

    public static Checkpoint in(Path dir) {
        return new Checkpoint(dir);
    }

    public record Saved(ComputationGraph net, TrainState state) {
    }

    public Optional<Saved> load() {
        if (dir == null || !Files.isRegularFile(dir.resolve(STATE))) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(STATE))) {
            p.load(in);
            Path model = dir.resolve(p.getProperty("model"));
            return Optional.of(new Saved(ModelSerializer.restoreComputationGraph(model.toFile(), true),
                    TrainState.fromProperties(p)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Checkpoint in " + dir + " is unreadable (" + e.getMessage()
                    + "); delete the folder to restart this cell from scratch", e);
        }
    }

    public void save(ComputationGraph net, TrainState state) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            String model = "model-" + state.epochsDone() + ".zip";
            ModelSerializer.writeModel(net, dir.resolve(model).toFile(), true);
            Properties p = state.toProperties();
            p.setProperty("model", model);
            Path tmp = dir.resolve(STATE + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                p.store(out, "cifar-zoo training state");
            }
            Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path f : old.filter(f -> f.getFileName().toString().startsWith("model-")
                        && !f.getFileName().toString().equals(model)).toList()) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint in " + dir, e);
        }
    }

    /** After the cell's row is written: its checkpoints are no longer needed. */
    public void delete() {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete checkpoint " + dir, e);
        }
    }
}
