package org.cifarzoo.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The per-channel batch statistics a training forward pass has already measured, by activation array (its identity,
 * not its values): a batch norm records its input's μ and σ², and a channel concatenation records that its output is
 * its inputs side by side. A DenseNet unit's batch norm reads the concatenation of k new channels and the unit's
 * input, which the unit's own batch norm measured in the same pass: only the k new channels need measuring.
 *
 * <p>Per thread, as a network is (ParallelWrapper gives each worker its own). Only the last few arrays are kept, and
 * weakly: a forward pass makes new arrays, so an entry can only match within the pass that made it, and DL4J does not
 * change an activation in place once its layer has returned it.
 */
public final class KnownStatistics {
    /** Enough for a DenseNet unit: its input's statistics are recorded three arrays before its joint is read. */
    private static final int KEPT = 8;
    private static final ThreadLocal<Deque<Entry>> ENTRIES = ThreadLocal.withInitial(ArrayDeque::new);

    private KnownStatistics() {
    }

    /** One channel's μ and σ² after another, in channel order. */
    record Statistics(float[] mean, float[] variance) {
        int channels() {
            return mean.length;
        }
    }

    private sealed interface Entry permits Measured, Joint {
        WeakReference<INDArray> array();
    }

    private record Measured(WeakReference<INDArray> array, Statistics statistics) implements Entry {
    }

    private record Joint(WeakReference<INDArray> array, List<WeakReference<INDArray>> parts) implements Entry {
    }

    /** {@code joint} is {@code parts} concatenated along the channel axis, in that order. */
    public static void concatenated(INDArray joint, INDArray... parts) {
        remember(new Joint(new WeakReference<>(joint),
                Arrays.stream(parts).map(WeakReference::new).toList()));
    }

    /** {@code x}'s batch statistics, measured by a training batch norm. */
    static void measured(INDArray x, Statistics statistics) {
        remember(new Measured(new WeakReference<>(x), statistics));
    }

    /**
     * The statistics of a concatenation from those of its parts: recorded, or else measured by {@code measure}, which
     * answers null where it cannot. Null where {@code x} is not a recorded concatenation or a part is lost.
     */
    static Statistics of(INDArray x, Function<INDArray, Statistics> measure) {
        if (!(find(x) instanceof Joint joint)) {
            return null;
        }
        Statistics[] parts = new Statistics[joint.parts().size()];
        int channels = 0;
        for (int i = 0; i < parts.length; i++) {
            INDArray part = joint.parts().get(i).get();
            if (part == null) {
                return null;
            }
            parts[i] = find(part) instanceof Measured m ? m.statistics() : measure.apply(part);
            if (parts[i] == null) {
                return null;
            }
            channels += parts[i].channels();
        }
        float[] mean = new float[channels];
        float[] variance = new float[channels];
        int at = 0;
        for (Statistics part : parts) {
            System.arraycopy(part.mean(), 0, mean, at, part.channels());
            System.arraycopy(part.variance(), 0, variance, at, part.channels());
            at += part.channels();
        }
        return new Statistics(mean, variance);
    }

    private static Entry find(INDArray array) {
        for (Entry e : ENTRIES.get()) {
            if (e.array().get() == array) {
                return e;
            }
        }
        return null;
    }

    private static void remember(Entry entry) {
        Deque<Entry> entries = ENTRIES.get();
        entries.addFirst(entry);
        while (entries.size() > KEPT) {
            entries.removeLast();
        }
    }
}
