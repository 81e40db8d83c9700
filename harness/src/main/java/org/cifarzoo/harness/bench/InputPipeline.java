package org.cifarzoo.harness.bench;

import org.cifarzoo.augment.Augmentations;
import org.cifarzoo.backend.Backend;
import org.cifarzoo.harness.data.Cifar10;
import org.cifarzoo.harness.data.CifarIterator;
import org.cifarzoo.harness.data.DataLocator;
import org.cifarzoo.harness.data.Split;
import org.nd4j.linalg.dataset.DataSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * How many training images per second the input pipeline delivers on its own, with no network: is it fast enough
 * that training never waits for data? ResNet18 trains at about 180 img/s on the 2-core reference machine, so the
 * pipeline must deliver several times that.
 *
 * <p><b>What it measures.</b> One invocation is one {@link CifarIterator#next()} of a batch of {@value #BATCH}
 * from the full 50 000 training images, exactly as {@code train} draws it: gather in the epoch's shuffled order,
 * normalise, one-hot labels, the augmentation pipeline, copy into the ND4J arrays of a {@link DataSet}. At the
 * end of an epoch the iterator is reset (a new shuffle), as DL4J does, so that cost is included once per 390
 * batches. Scores are images/s ({@code @OperationsPerInvocation(BATCH)}). {@link #baseline} is the same iterator
 * without augmentation (normalise only); {@link #augmented} adds flip + 4 px shift and the {@code @Param}'s
 * advanced augmentation ({@code basic} = flip + shift only). The difference is the augmentation's own cost.
 *
 * <p><b>What would make the number wrong.</b>
 * <ul>
 *   <li>Dead-code elimination: every batch goes into a {@link Blackhole}; the ND4J copies are native calls the JIT
 *       cannot drop anyway, but the Java-side normalise and augmentation loops could be.</li>
 *   <li>A small subset: with a few thousand images the pixels stay in cache; this reads all 50 000 (150 MB) in
 *       random order, like a real run. Without warm-up the first batches run in the interpreter.</li>
 *   <li>Comparing with training as if the two ran side by side for free: in training the iterator runs on DL4J's
 *       prefetch thread ({@code ComputationGraph.fit} wraps it in an {@code AsyncMultiDataSetIterator} with a
 *       queue of 2 batches), which shares the 2 cores with ND4J's compute threads. The score here is one core's
 *       rate on an otherwise idle machine; training at 180 img/s costs the pipeline 180 / score of one core.
 *       The prefetch thread's extra copy into its workspace is not included.</li>
 *   <li>A busy machine or garbage-collection pressure from the 1.5 MB of off-heap arrays per batch (freed by
 *       the GC, as in training): check the load average, run with {@code -prof gc} to see allocation.</li>
 * </ul>
 *
 * <p><b>Evidence</b> ({@code ./cifar-zoo jmh InputPipeline -f 1 -wi 3 -i 5 -prof gc}, 5 × 3 s in one fork, ± the
 * 99.9 % interval; 2 vCPU AMD EPYC, JDK 17.0.15, DL4J 1.0.0-M2.1 onednn-avx512, 2026-11-26, load average ~3 from
 * other builds): baseline 114 794 ± 15 672 img/s, basic 98 824 ± 9 590, cutout 99 991 ± 8 538, mixup
 * 87 369 ± 7 341, cutmix 103 238 ± 3 481, with 12.4 kB of heap allocated per image (1.2 GB/s). The CutMix pipeline
 * delivers ~570× the 180 img/s ResNet18 trains at, so it costs training about 0.2 % of one core.
 *
 * <p><b>How to run</b> (real CIFAR-10 from {@code $CIFAR_ZOO_DATA}, else the cached or downloaded archive):
 * {@code ./cifar-zoo jmh InputPipeline -f 1 -wi 2 -i 3}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(1)
public class InputPipeline {
    /** Images per batch; each invocation delivers one batch. */
    static final int BATCH = 128;
    private static final long SEED = 1;

    /** The training images, loaded once per forked JVM (the load is not timed). */
    private static Split trainingImages;

    private static synchronized Split trainingImages() {
        if (trainingImages == null) {
            Backend.start();
            trainingImages = Cifar10.load(DataLocator.resolve(null)).train();
        }
        return trainingImages;
    }

    /** Normalise only: the iterator with no augmentation. */
    @State(Scope.Thread)
    public static class Normalised {
        CifarIterator batches;

        @Setup(Level.Trial)
        public void open() {
            batches = CifarIterator.training(trainingImages(), BATCH, null, SEED);
        }
    }

    /** Normalise, flip + shift, then the named advanced augmentation, as {@code train --augment NAME}. */
    @State(Scope.Thread)
    public static class Augmented {
        @Param({"basic", "cutout", "mixup", "cutmix"})
        String augmentation;

        CifarIterator batches;

        @Setup(Level.Trial)
        public void open() {
            batches = CifarIterator.training(trainingImages(), BATCH, Augmentations.pipeline(augmentation), SEED);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void baseline(Normalised state, Blackhole blackhole) {
        blackhole.consume(nextBatch(state.batches));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void augmented(Augmented state, Blackhole blackhole) {
        blackhole.consume(nextBatch(state.batches));
    }

    /** The next batch; a new epoch (reset = new shuffle and draws) when this one is used up, as DL4J does. */
    private static DataSet nextBatch(CifarIterator batches) {
        if (!batches.hasNext()) {
            batches.reset();
        }
        return batches.next();
    }
}
