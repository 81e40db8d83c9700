package org.cifarzoo.harness.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's practical fp32 peak: GFLOP/s of a large square SGEMM, best of a few repetitions (a big matrix
 * multiply is the fastest thing this CPU does; a network's GFLOP/s is reported against it).
 *
 * <p>The multiply is libnd4j's {@code matmul} op, which runs on oneDNN. ND4J's {@code mmul} goes to OpenBLAS instead,
 * and on our Zen machine (full-width AVX-512) that reaches only a third of oneDNN's rate (158 against 468 GFLOP/s):
 * measured against it, a network would look three times closer to the peak than it is.
 */
public final class SgemmPeak {
    /** 2 × 2048³ = 17 GFLOP per multiply: tens of ms here, large enough that packing and threading costs vanish. */
    static final int SIZE = 2048;
    private static final int REPEATS = 10;

    private SgemmPeak() {
    }

    public static double measureGflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray b = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, SIZE, SIZE);
        multiply(a, b, c); // first call: thread pool and buffers
        long best = Long.MAX_VALUE;
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            multiply(a, b, c);
            best = Math.min(best, System.nanoTime() - t);
        }
        return flopsPerMultiply() / best;
    }

    /** c = a·b on the fastest SGEMM ND4J reaches. */
    static INDArray multiply(INDArray a, INDArray b, INDArray c) {
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(c).build());
        return c;
    }

    static double flopsPerMultiply() {
        return 2.0 * SIZE * SIZE * SIZE;
    }
}
