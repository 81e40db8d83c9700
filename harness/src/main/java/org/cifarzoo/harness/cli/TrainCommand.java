package org.cifarzoo.harness.cli;

import org.cifarzoo.augment.Augmentations;
import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.BackendInfo;
import org.cifarzoo.harness.data.Cifar10;
import org.cifarzoo.harness.data.DataLocator;
import org.cifarzoo.harness.results.Provenance;
import org.cifarzoo.harness.results.ResultRow;
import org.cifarzoo.harness.results.ResultsCsv;
import org.cifarzoo.harness.train.TrainConfig;
import org.cifarzoo.harness.train.TrainResult;
import org.cifarzoo.harness.train.Trainer;
import org.cifarzoo.schedules.Schedules;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ZooRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train", description = "Train one configuration on CIFAR-10 and append its row to OUT/results.csv.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "150", description = "Epochs (default ${DEFAULT-VALUE}, the recipe).")
    int epochs;

    @Option(names = "--augment", defaultValue = "cutmix",
            description = "basic, cutout, mixup or cutmix, each after flip + 4 px shift (default ${DEFAULT-VALUE}).")
    String augment;

    @Option(names = "--schedule", description = "LR schedule, e.g. cosine:epochs=150,hi=0.5,lo=0.001,warmup=10 "
            + "(default: the recipe's cosine over --epochs, warm-up scaled as 10 of 150).")
    String schedule;

    @Option(names = "--train-limit", defaultValue = "0", description = "Use the first N training images (0 = all).")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "0", description = "Evaluate on the first N test images (0 = all).")
    int testLimit;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, shuffling and augmentation.")
    long seed;

    @Option(names = "--data", description = "CIFAR-10 .tar.gz or folder (default: $" + DataLocator.ENV
            + ", else the cached or downloaded official archive).")
    Path data;

    @Option(names = "--out", required = true, description = "Output folder; the row goes to OUT/results.csv.")
    Path out;

    /** The recipe's cosine 0.5 → 0.001 stretched over {@code epochs}, warm-up 10 of every 150 epochs. */
    static String recipeCosine(int epochs) {
        return "cosine:epochs=%d,hi=0.5,lo=0.001,warmup=%d".formatted(epochs, Math.round(epochs * 10 / 150f));
    }

    @Override
    public Integer call() {
        ZooRegistry zoo = ZooRegistry.standard();
        ModelSpec spec = modelOptions.resolve(zoo);
        String scheduleSpec = schedule != null ? schedule : recipeCosine(epochs);
        TrainConfig config = new TrainConfig(spec, batch, epochs, augment, scheduleSpec, trainLimit, testLimit, seed);
        Augmentations.pipeline(augment); // fail on a bad name before loading anything
        Schedules.parse(scheduleSpec);

        BackendInfo backend = Backend.start();
        System.err.println("cifar-zoo: " + backend.summary());
        Provenance provenance = Provenance.capture(backend, seed);
        Cifar10 cifar = Cifar10.load(DataLocator.resolve(data));
        Path csv = out.resolve("results.csv");
        long start = System.nanoTime();
        try {
            TrainResult r = new Trainer(zoo).train(config, cifar);
            ResultsCsv.append(csv, ResultRow.ok(zoo.get(spec.model()).family(), config, r, provenance, null));
            System.out.printf("%s: top-1 best %.2f%% last %.2f%%, %d params, train %.1f img/s (sd %.1f), "
                            + "inference %.1f img/s, wall %.0f s -> %s%n", spec.label(), r.top1BestPct(),
                    r.top1LastPct(), r.params(), r.trainImgPerS(), r.trainImgPerSSd(), r.inferImgPerS(), r.wallS(), csv);
            return 0;
        } catch (RuntimeException e) {
            ResultsCsv.append(csv, ResultRow.failed(zoo.get(spec.model()).family(), config,
                    (System.nanoTime() - start) / 1e9, e.toString(), provenance, null));
            throw e;
        }
    }
}
