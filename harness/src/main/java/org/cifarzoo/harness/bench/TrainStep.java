package org.cifarzoo.harness.bench;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.harness.train.Network;
import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.FlopCount;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ZooRegistry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One SGD training step (forward, backward, update) of a model on a synthetic batch: steps/s, with the counters
 * {@code images} (training images/s) and {@code gflop} (GFLOP/s at 3× the forward FLOPs, {@link FlopCount}) to
 * read against {@link Sgemm}'s peak from the same run.
 *
 * <p>What would make the number wrong: timing the first steps (workspace sizing and oneDNN primitive creation
 * happen there, hence three 5 s warm-up iterations); another heavy process on the machine (idle OpenMP
 * threads spin: check the load before trusting a run); a batch that is re-created per step (the data here is made
 * once, as with a prefetched input pipeline). {@link #baseline} measures the part of a step that is not the network:
 * handing the batch over and reading the score.
 *
 * <p>How to run: {@code ./cifar-zoo jmh 'Sgemm|TrainStep' -p model=ResNet18 -p batch=128}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class TrainStep {
    @Param({"ResNet18"})
    public String model;

    @Param({"128"})
    public int batch;

    private Network net;
    private double flopsPerBatch;
    private DataSet data;

    @Setup
    public void setUp() {
        Backend.start();
        ZooRegistry zoo = ZooRegistry.standard();
        ModelSpec spec = zoo.get(model).defaultSpec();
        net = Network.create(zoo, spec, BuildOptions.defaults(1).withDataType(Backend.trainingDataType()));
        data = Throughput.syntheticBatches(batch, 1).get(0);
        flopsPerBatch = (double) batch * FlopCount.TRAINING_STEP_FACTOR * FlopCount.of(net.graph().getConfiguration());
    }

    @Benchmark
    public double trainStep(Work work) {
        net.graph().fit(data);
        work.add(batch, flopsPerBatch);
        return net.graph().score();
    }

    @Benchmark
    public double baseline() {
        INDArray x = data.getFeatures();
        return x.getDouble(0) + net.graph().score();
    }
}
