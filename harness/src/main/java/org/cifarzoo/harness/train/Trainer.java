package org.cifarzoo.harness.train;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.cifarzoo.augment.Augmentations;
import org.cifarzoo.backend.Backend;
import org.cifarzoo.harness.data.Cifar10;
import org.cifarzoo.harness.data.CifarIterator;
import org.cifarzoo.harness.data.Split;
import org.cifarzoo.schedules.Schedules;
import org.cifarzoo.zoo.BatchNormFolding;
import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.ZooRegistry;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.cifarzoo.schedules.EpochSchedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Trains one configuration with the recipe of training.md §1–2: SGD with Nesterov momentum 0.9, the learning rate
 * set per epoch by the schedule, L2 on conv kernels (built into the model), softmax cross-entropy on (soft)
 * one-hot targets; evaluates top-1 on the test images after every epoch (on the inference graph, batch norms folded
 * into the convolutions before them) and keeps the best and the last.
 */
public final class Trainer {
    private static final double MOMENTUM = 0.9;
    private final ZooRegistry zoo;

    public Trainer(ZooRegistry zoo) {
        this.zoo = zoo;
    }

    public TrainResult train(TrainConfig c, Cifar10 data) {
        return train(c, data, Checkpoint.none());
    }

    /** Trains, saving after every epoch; continues from the checkpoint's last complete epoch if it has one. */
    public TrainResult train(TrainConfig c, Cifar10 data, Checkpoint checkpoint) {
        long start = System.nanoTime();
        EpochSchedule schedule = Schedules.parse(c.schedule());
        Optional<Checkpoint.Saved> saved = checkpoint.load();
        Network net = saved.map(s -> Network.of(s.net())).orElseGet(() -> Network.create(zoo, c.spec(),
                new BuildOptions(c.seed(), new Nesterovs(schedule, MOMENTUM), Backend.trainingDataType())));
        TrainState state = saved.map(Checkpoint.Saved::state).orElse(TrainState.start());

        Split train = data.train().limit(c.trainLimit());
        Split test = data.test().limit(c.testLimit());
        CifarIterator batches = CifarIterator.training(train, c.batchSize(), Augmentations.pipeline(c.augmentation()),
                c.seed(), state.epochsDone());
        int imagesPerEpoch = batches.batchesPerEpoch() * c.batchSize();
        long total = (long) c.epochs() * batches.batchesPerEpoch();
        try (ProgressBar bar = progressBar(c.spec().label(), total)) {
            bar.stepTo((long) state.epochsDone() * batches.batchesPerEpoch());
            StepListener steps = new StepListener(bar);
            net.graph().setListeners(steps);
            for (int epoch = state.epochsDone(); epoch < c.epochs(); epoch++) {
                long t0 = System.nanoTime();
                net.graph().fit(batches);
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                if (!Double.isFinite(steps.lastLoss)) {
                    throw new TrainingDivergedException("loss became " + steps.lastLoss + " in epoch " + (epoch + 1));
                }
                ComputationGraph inference = BatchNormFolding.fold(net.graph());
                long t1 = System.nanoTime();
                Evaluation eval = inference.evaluate(CifarIterator.evaluation(test, c.batchSize()));
                double inferRate = test.size() / ((System.nanoTime() - t1) / 1e9);
                state = state.afterEpoch(100 * eval.accuracy(), imagesPerEpoch / trainSeconds, inferRate,
                        (System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                checkpoint.save(net.graph(), state);
                bar.setExtraMessage("epoch %d/%d loss %.3f %.0f img/s top1 %.2f%%".formatted(epoch + 1, c.epochs(),
                        steps.lastLoss, imagesPerEpoch / trainSeconds, state.lastTop1()));
            }
        }
        return new TrainResult(state.bestTop1(), state.lastTop1(), net.graph().numParams(), train.size(), test.size(),
                mean(state.trainRates()), sd(state.trainRates()), state.inferImgPerS(), state.wallS(),
                schedule.describe());
    }

    /** On a terminal a live bar; in a log (CI, redirected output) one line every 15 s. */
    private static ProgressBar progressBar(String task, long steps) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUnit(" steps", 1);
        if (System.console() == null) {
            b.setConsumer(new DelegatingProgressBarConsumer(System.err::println, 160)).setUpdateIntervalMillis(15_000);
        } else {
            b.setUpdateIntervalMillis(500);
        }
        return b.build();
    }

    static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double sd(List<Double> xs) {
        if (xs.size() < 2) {
            return 0;
        }
        double m = mean(xs);
        return Math.sqrt(xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (xs.size() - 1));
    }

    /** Advances the progress bar and remembers the last minibatch loss. */
    private static final class StepListener extends BaseTrainingListener {
        private final ProgressBar bar;
        private double lastLoss = Double.NaN;

        StepListener(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            lastLoss = model.score();
            bar.step();
        }
    }
}
