package org.cifarzoo.harness.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's practical fp32 peak: GFLOP/s of a large square SGEMM on ND4J's BLAS, best of a few repetitions
 * (a big matrix multiply is the fastest thing this CPU does; a network's GFLOP/s is reported against it).
 */
public final class SgemmPeak {
    /** 2 × 2048³ = 17 GFLOP per multiply: ~0.1 s here, large enough that packing and threading costs vanish. */
    static final int SIZE = 2048;
    private static final int REPEATS = 6;

    private SgemmPeak() {
    }

    public static double measureGflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray b = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, SIZE, SIZE);
        a.mmuli(b, c); // first call: thread pool and buffers
        long best = Long.MAX_VALUE;
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            a.mmuli(b, c);
            best = Math.min(best, System.nanoTime() - t);
        }
        return 2.0 * SIZE * SIZE * SIZE / best;
    }
}
