package org.cifarzoo.harness.cli;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.BackendInfo;
import org.cifarzoo.harness.data.Cifar10;
import org.cifarzoo.harness.data.DataLocator;
import org.cifarzoo.harness.matrix.Cell;
import org.cifarzoo.harness.matrix.Matrix;
import org.cifarzoo.harness.matrix.MatrixRunner;
import org.cifarzoo.harness.results.Provenance;
import org.cifarzoo.zoo.ZooRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "run", description = "Run the cells of a matrix into OUT/results.csv (resumable, shardable).")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--matrix", required = true, description = "full, quick, smoke or a matrix CSV file.")
    String matrix;

    @Option(names = "--out", required = true, description = "Output folder: results.csv and checkpoints/.")
    Path out;

    @Option(names = "--data", description = "CIFAR-10 .tar.gz or folder (default: $" + DataLocator.ENV + ", else the cache/download).")
    Path data;

    @Option(names = "--shard", description = "K/N: run only the K-th of N deterministic parts of the matrix.")
    String shard;

    @Option(names = "--resume", description = "Continue OUT/results.csv: skip finished cells, resume the interrupted one.")
    boolean resume;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, shuffling and augmentation.")
    long seed;

    @Override
    public Integer call() {
        Matrix m = Matrix.load(matrix);
        List<Cell> cells = m.cells();
        if (shard != null) {
            String[] kn = shard.split("/");
            try {
                cells = m.shard(Integer.parseInt(kn[0].trim()), Integer.parseInt(kn[1].trim()));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("--shard must be K/N, e.g. 2/4; got '" + shard + "'");
            }
        }
        BackendInfo backend = Backend.start();
        System.err.println("cifar-zoo: " + backend.summary());
        Supplier<Cifar10> cifar = new Supplier<>() {
            private Cifar10 loaded;

            @Override
            public Cifar10 get() {
                if (loaded == null) {
                    loaded = Cifar10.load(DataLocator.resolve(data));
                }
                return loaded;
            }
        };
        int[] okFailed = new MatrixRunner(ZooRegistry.standard(), cifar, Provenance.capture(backend, seed), out,
                System.err).run(cells, resume, seed);
        System.out.printf("%d cells ok, %d failed -> %s%n", okFailed[0], okFailed[1], out.resolve("results.csv"));
        return okFailed[1] == 0 ? 0 : 1;
    }
}
