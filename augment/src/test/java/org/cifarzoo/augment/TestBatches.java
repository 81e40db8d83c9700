package org.cifarzoo.augment;

import static org.cifarzoo.augment.Batch.CLASSES;
import static org.cifarzoo.augment.Batch.IMAGE_LENGTH;

import java.util.SplittableRandom;

/** Synthetic batches for the tests. */
final class TestBatches {

    private TestBatches() {
    }

    /**
     * Pixel values encode their own position: pixel k of the batch array holds k + 1 (exact in float for fewer
     * than 5461 images, and never 0, so a zeroed pixel is visible). Image i has one-hot class i % 10.
     */
    static Batch coordinates(int size) {
        float[] images = new float[size * IMAGE_LENGTH];
        for (int k = 0; k < images.length; k++) {
            images[k] = k + 1;
        }
        return new Batch(images, oneHot(size), size);
    }

    /** Normalised-looking pixels (standard normal), one-hot class i % 10. */
    static Batch gaussian(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] images = new float[size * IMAGE_LENGTH];
        for (int k = 0; k < images.length; k++) {
            images[k] = (float) rng.nextGaussian();
        }
        return new Batch(images, oneHot(size), size);
    }

    static float[] oneHot(int size) {
        float[] labels = new float[size * CLASSES];
        for (int i = 0; i < size; i++) {
            labels[i * CLASSES + i % CLASSES] = 1f;
        }
        return labels;
    }

    static float pixel(Batch batch, int image, int channel, int y, int x) {
        return batch.images()[Batch.pixelIndex(image, channel, y, x)];
    }

    static float label(Batch batch, int image, int cls) {
        return batch.labels()[image * CLASSES + cls];
    }
}
