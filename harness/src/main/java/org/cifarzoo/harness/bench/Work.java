package org.cifarzoo.harness.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a benchmark invocation did, beside the invocation count: JMH divides these by the measured time, so in
 * throughput mode with seconds they read as images/s and GFLOP/s next to the primary score.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Work {
    public double images;
    public double gflop;

    @Setup(Level.Iteration)
    public void clear() {
        images = 0;
        gflop = 0;
    }

    void add(long imageCount, double flops) {
        images += imageCount;
        gflop += flops / 1e9;
    }
}
