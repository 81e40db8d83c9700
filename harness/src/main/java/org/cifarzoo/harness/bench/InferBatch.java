package org.cifarzoo.harness.bench;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.harness.train.Network;
import org.cifarzoo.zoo.BatchNormFolding;
import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.FlopCount;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ZooRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * One inference batch (forward pass of the inference graph, batch norms folded into the convolutions before them,
 * {@link BatchNormFolding}): batches/s, with the counters {@code images}
 * (inference images/s) and {@code gflop} (forward GFLOP/s, {@link FlopCount}) to read against {@link Sgemm}'s peak.
 *
 * <p>What would make the number wrong: dead-code elimination of an unused output (the output is returned, so JMH
 * consumes it); timing the first batches (workspace and oneDNN primitive creation); another heavy process on the
 * machine. {@link #baseline} measures reading one element of the input, the floor under any forward pass.
 *
 * <p>How to run: {@code ./cifar-zoo jmh 'Sgemm|InferBatch' -p model=ResNet18 -p batch=128}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class InferBatch {
    @Param({"ResNet18"})
    public String model;

    @Param({"128"})
    public int batch;

    private ComputationGraph net;
    private double flopsPerBatch;
    private INDArray images;

    @Setup
    public void setUp() {
        Backend.start();
        ZooRegistry zoo = ZooRegistry.standard();
        ModelSpec spec = zoo.get(model).defaultSpec();
        Network trained = Network.create(zoo, spec, BuildOptions.defaults(1).withDataType(Backend.trainingDataType()));
        net = BatchNormFolding.fold(trained.graph());
        images = Throughput.syntheticBatches(batch, 1).get(0).getFeatures();
        flopsPerBatch = (double) batch * FlopCount.of(trained.graph().getConfiguration());
    }

    @Benchmark
    public INDArray inferBatch(Work work) {
        work.add(batch, flopsPerBatch);
        return net.outputSingle(false, images);
    }

    @Benchmark
    public double baseline() {
        return images.getDouble(0);
    }
}
