package org.cifarzoo.harness.cli;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.BackendInfo;
import org.cifarzoo.harness.bench.Protocol;
import org.cifarzoo.harness.bench.SgemmPeak;
import org.cifarzoo.harness.bench.Throughput;
import org.cifarzoo.harness.train.Network;
import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.FlopCount;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ZooRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "bench", description = "Training and inference images/s on synthetic data (the seed's protocol, "
        + "training.md §8).")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--mode", defaultValue = "both", description = "train, infer or both (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed warm-up steps (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--train-steps", defaultValue = "150", description = "Max training steps (default ${DEFAULT-VALUE}).")
    int trainSteps;

    @Option(names = "--time-cap", defaultValue = "30", description = "Training time cap in s (default ${DEFAULT-VALUE}).")
    double timeCap;

    @Option(names = "--infer-steps", defaultValue = "200", description = "Inference batches (default ${DEFAULT-VALUE}).")
    int inferSteps;

    @Option(names = "--no-helpers", description = "Use DL4J's built-in layers instead of the oneDNN helpers.")
    boolean noHelpers;

    @Option(names = "--csv", description = "Also append each measurement as a row to this CSV (created with its "
            + "header when missing), as bench/speed-vs-pytorch collects them for the README.")
    Path csv;

    @Option(names = "--compare", description = "Measure DL4J's built-in layers, then the fast path (oneDNN helpers and "
            + "our replacements), in this one process, and print the speed-up. The built-in path is slow: pass a "
            + "smaller --warmup and --train-steps.")
    boolean compare;

    @Override
    public Integer call() {
        ZooRegistry zoo = ZooRegistry.standard();
        ModelSpec spec = modelOptions.resolve(zoo);
        Throughput.Mode m = switch (mode.toLowerCase()) {
            case "train" -> Throughput.Mode.TRAIN;
            case "infer" -> Throughput.Mode.INFER;
            case "both" -> Throughput.Mode.BOTH;
            default -> throw new IllegalArgumentException("--mode must be train, infer or both, got '" + mode + "'");
        };
        if (compare && noHelpers) {
            throw new IllegalArgumentException("--compare measures both paths itself; drop --no-helpers");
        }
        if (csv != null) {
            SpeedRows.check(csv);
        }
        Protocol protocol = new Protocol(warmup, trainSteps, Math.min(Protocol.SEED.trainClockStart(), trainSteps / 2),
                timeCap, inferSteps, Math.min(Protocol.SEED.inferClockStart(), inferSteps / 2));
        if (compare) {
            Throughput.Result reference = measure(zoo, spec, protocol, m, false);
            Throughput.Result fast = measure(zoo, spec, protocol, m, true);
            if (m != Throughput.Mode.INFER) {
                System.out.printf("%s batch %d: fast path trains %.1f× as fast as DL4J's built-in layers%n",
                        spec.label(), batch, fast.trainImgPerS() / reference.trainImgPerS());
            }
            if (m != Throughput.Mode.TRAIN) {
                System.out.printf("%s batch %d: fast path infers %.1f× as fast as DL4J's built-in layers%n",
                        spec.label(), batch, fast.inferImgPerS() / reference.inferImgPerS());
            }
        } else {
            measure(zoo, spec, protocol, m, !noHelpers);
        }
        return 0;
    }

    private Throughput.Result measure(ZooRegistry zoo, ModelSpec spec, Protocol protocol, Throughput.Mode m,
                                      boolean helpers) {
        BackendInfo backend = Backend.start(helpers);
        System.err.println("cifar-zoo: " + backend.summary());
        Network net = Network.create(zoo, spec, BuildOptions.defaults(1).withDataType(Backend.trainingDataType()));
        Throughput.Result r = Throughput.measure(net, batch, protocol, m, 1);
        // after the network, so the multiply never runs beside it
        double peak = SgemmPeak.measureGflops();
        double forwardFlops = FlopCount.of(net.graph().getConfiguration());
        double trainGflops = r.trainImgPerS() * forwardFlops * FlopCount.TRAINING_STEP_FACTOR / 1e9;
        double inferGflops = r.inferImgPerS() * forwardFlops / 1e9;
        String path = helpers ? "" : " [built-in layers]";
        if (m != Throughput.Mode.INFER) {
            System.out.printf("%s batch %d%s: train %.1f img/s (%d steps timed), %s%n", spec.label(), batch, path,
                    r.trainImgPerS(), r.trainStepsTimed(), gflops(trainGflops, peak));
        }
        if (m != Throughput.Mode.TRAIN) {
            System.out.printf("%s batch %d%s: inference %.1f img/s (%d batches timed), %s%n", spec.label(), batch,
                    path, r.inferImgPerS(), r.inferStepsTimed(), gflops(inferGflops, peak));
        }
        if (csv != null) {
            String setting = (helpers ? "fast path" : "DL4J's built-in layers") + (compare ? ", --compare" : "");
            SpeedRows.append(csv, spec.label(), setting, batch, m, r, 100 * trainGflops / peak,
                    100 * inferGflops / peak);
        }
        return r;
    }

    private static String gflops(double gflops, double peakGflops) {
        return "%.1f GFLOP/s = %.1f %% of the measured SGEMM peak %.1f GFLOP/s".formatted(gflops,
                100 * gflops / peakGflops, peakGflops);
    }
}
