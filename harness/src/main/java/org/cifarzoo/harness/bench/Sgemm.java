package org.cifarzoo.harness.bench;

import org.cifarzoo.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The machine's measured fp32 peak: the large square SGEMM of {@link SgemmPeak}. Run it in the same JMH run as
 * {@link TrainStep} and {@link InferBatch}; their {@code gflop} counters read against this one's.
 *
 * <p>How to run: {@code ./cifar-zoo jmh 'Sgemm|TrainStep|InferBatch' -f 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Sgemm {
    private INDArray a;
    private INDArray b;
    private INDArray c;

    @Setup
    public void setUp() {
        Backend.start();
        a = Nd4j.rand(DataType.FLOAT, SgemmPeak.SIZE, SgemmPeak.SIZE);
        b = Nd4j.rand(DataType.FLOAT, SgemmPeak.SIZE, SgemmPeak.SIZE);
        c = Nd4j.createUninitialized(DataType.FLOAT, SgemmPeak.SIZE, SgemmPeak.SIZE);
    }

    @Benchmark
    public INDArray multiply(Work work) {
        work.add(0, SgemmPeak.flopsPerMultiply());
        return SgemmPeak.multiply(a, b, c);
    }
}
