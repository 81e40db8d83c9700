package org.cifarzoo.harness.bench;

import org.cifarzoo.harness.train.Network;
import org.cifarzoo.zoo.BatchNormFolding;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training and inference images/s on synthetic data, following the seed (training.md §8): uniform [0,1) images,
 * random one-hot labels, warm-up, then timed training steps and timed inference batches. The rate counts one batch
 * fewer than it times, as the seed does (slightly conservative). Outputs are consumed so no work can be skipped.
 *
 * <p>Inference runs the trained network's inference graph, its batch norms folded into the convolutions before them
 * ({@link BatchNormFolding}), as a deployed model and the PyTorch reference ({@code torch.jit.freeze}) run; it is a
 * new graph, so it always has its warm-up batches.
 */
public final class Throughput {
    private static final int DISTINCT_BATCHES = 4;
    private static final int CAP_CHECK_EVERY = 5;

    public record Result(double trainImgPerS, int trainStepsTimed, double inferImgPerS, int inferStepsTimed,
                         double checksum) {
    }

    public enum Mode { TRAIN, INFER, BOTH }

    private Throughput() {
    }

    public static Result measure(Network network, int batch, Protocol p, Mode mode, long seed) {
        List<DataSet> data = syntheticBatches(batch, seed);
        double train = Double.NaN;
        int trainTimed = 0;
        if (mode != Mode.INFER) {
            ComputationGraph net = network.graph();
            for (int i = 0; i < p.warmupSteps(); i++) {
                net.fit(data.get(i % data.size()));
            }
            long clock = 0;
            int last = 0;
            for (int i = 0; i < p.trainSteps(); i++) {
                if (i == p.trainClockStart()) {
                    clock = System.nanoTime();
                }
                net.fit(data.get(i % data.size()));
                last = i;
                if (i > p.trainClockStart() && i % CAP_CHECK_EVERY == 0
                        && (System.nanoTime() - clock) / 1e9 > p.trainTimeCapS()) {
                    break;
                }
            }
            trainTimed = last - p.trainClockStart();
            train = (double) batch * trainTimed / ((System.nanoTime() - clock) / 1e9);
        }
        double infer = Double.NaN;
        int inferTimed = 0;
        double checksum = 0;
        if (mode != Mode.TRAIN) {
            ComputationGraph net = BatchNormFolding.fold(network.graph());
            for (int i = 0; i < p.warmupSteps(); i++) {
                checksum += net.outputSingle(false, data.get(i % data.size()).getFeatures()).getDouble(0);
            }
            long clock = 0;
            for (int i = 0; i < p.inferSteps(); i++) {
                if (i == p.inferClockStart()) {
                    clock = System.nanoTime();
                }
                INDArray out = net.outputSingle(false, data.get(i % data.size()).getFeatures());
                checksum += out.getDouble(0);
            }
            inferTimed = p.inferSteps() - 1 - p.inferClockStart();
            infer = (double) batch * inferTimed / ((System.nanoTime() - clock) / 1e9);
        }
        return new Result(train, trainTimed, infer, inferTimed, checksum);
    }

    static List<DataSet> syntheticBatches(int batch, long seed) {
        Random rng = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < DISTINCT_BATCHES; b++) {
            INDArray x = Nd4j.rand(seed + b, new long[]{batch, 3, 32, 32});
            INDArray y = Nd4j.zeros(batch, 10);
            for (int i = 0; i < batch; i++) {
                y.putScalar(i, rng.nextInt(10), 1f);
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }
}
