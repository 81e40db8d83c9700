package org.cifarzoo.harness.data;

import org.cifarzoo.augment.Augmentation;
import org.cifarzoo.augment.Batch;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Batches of normalised CIFAR-10 images for DL4J. Training mode: a fresh full shuffle every epoch (the reference
 * uses a 1 024-image window shuffle; training.md §4.3 allows a full shuffle), ⌊N/B⌋ full batches, augmentation on
 * every batch, all randomness derived from the run's seed and the epoch. Evaluation mode: the split in order, the
 * last partial batch kept, no augmentation. DL4J prefetches batches on a background thread (asyncSupported).
 */
public final class CifarIterator implements DataSetIterator {
    private final Split split;
    private final int batchSize;
    private final Augmentation augmentation;
    private final long seed;
    private final boolean training;
    private int[] order;
    private int epoch = -1;
    private int cursor;
    private SplittableRandom rng;

    private CifarIterator(Split split, int batchSize, Augmentation augmentation, long seed, boolean training,
                          int firstEpoch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (training && split.size() < batchSize) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + split.size()
                    + " training images");
        }
        this.split = split;
        this.batchSize = batchSize;
        this.augmentation = augmentation;
        this.seed = seed;
        this.training = training;
        this.epoch = firstEpoch - 1;
        reset();
    }

    public static CifarIterator training(Split split, int batchSize, Augmentation augmentation, long seed) {
        return training(split, batchSize, augmentation, seed, 0);
    }

    /** Starting at epoch {@code firstEpoch} (0-based): a resumed run sees the shuffles and draws it would have seen. */
    public static CifarIterator training(Split split, int batchSize, Augmentation augmentation, long seed,
                                         int firstEpoch) {
        return new CifarIterator(split, batchSize, augmentation, seed, true, firstEpoch);
    }

    public static CifarIterator evaluation(Split split, int batchSize) {
        return new CifarIterator(split, batchSize, null, 0, false, 0);
    }

    /** Batches per pass: ⌊N/B⌋ when training (always full), ⌈N/B⌉ when evaluating. */
    public int batchesPerEpoch() {
        return training ? split.size() / batchSize : (split.size() + batchSize - 1) / batchSize;
    }

    @Override
    public boolean hasNext() {
        return training ? cursor + batchSize <= split.size() : cursor < split.size();
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        int n = Math.min(num, split.size() - cursor);
        float[] images = new float[n * Split.PIXELS];
        float[] labels = new float[n * Split.CLASSES];
        for (int i = 0; i < n; i++) {
            int index = order == null ? cursor + i : order[cursor + i];
            Normalization.normalize(split, index, images, i * Split.PIXELS);
            labels[i * Split.CLASSES + split.label(index)] = 1f;
        }
        cursor += n;
        if (augmentation != null) {
            augmentation.apply(new Batch(images, labels, n), rng);
        }
        return new DataSet(Nd4j.create(images, new long[]{n, Split.CHANNELS, Split.SIDE, Split.SIDE}, 'c'),
                Nd4j.create(labels, new long[]{n, Split.CLASSES}, 'c'));
    }

    @Override
    public void reset() {
        cursor = 0;
        if (training) {
            epoch++;
            rng = new SplittableRandom(seed * 1_000_003L + epoch);
            order = IntStream.range(0, split.size()).toArray();
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    @Override
    public int inputColumns() {
        return Split.PIXELS;
    }

    @Override
    public int totalOutcomes() {
        return Split.CLASSES;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("normalisation is built in (training.md §4.2)");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    }
}
