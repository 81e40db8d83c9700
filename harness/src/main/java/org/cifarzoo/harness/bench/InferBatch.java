package org.cifarzoo.harness.bench;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.harness.train.Network;
import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ZooRegistry;
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
 * One inference batch (forward pass, BN in inference mode) in milliseconds; inference images/s = batch × 1000 / score.
 *
 * <p>What would make the number wrong: dead-code elimination of an unused output (the output is returned, so JMH
 * consumes it); timing the first batches (workspace and oneDNN primitive creation); another heavy process on the
 * machine. {@link #baseline} measures reading one element of the input, the floor under any forward pass.
 *
 * <p>How to run: {@code ./cifar-zoo jmh InferBatch -p model=ResNet18 -p batch=128 -f 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(1)
public class InferBatch {
    @Param({"ResNet18"})
    public String model;

    @Param({"128"})
    public int batch;

    private Network net;
    private INDArray images;

    @Setup
    public void setUp() {
        Backend.start();
        ZooRegistry zoo = ZooRegistry.standard();
        ModelSpec spec = zoo.get(model).defaultSpec();
        net = Network.create(zoo, spec, BuildOptions.defaults(1).withDataType(Backend.trainingDataType()));
        images = Throughput.syntheticBatches(batch, 1).get(0).getFeatures();
    }

    @Benchmark
    public INDArray inferBatch() {
        return net.inference().outputSingle(false, images);
    }

    @Benchmark
    public double baseline() {
        return images.getDouble(0);
    }
}
