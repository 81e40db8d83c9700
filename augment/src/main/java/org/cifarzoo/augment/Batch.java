package org.cifarzoo.augment;

import java.util.Objects;

/**
 * A training batch as the trainer hands it to the augmentations: {@code size} CIFAR images, already normalised,
 * in NCHW order (image i, channel c, row y, col x at {@code ((i*3+c)*32+y)*32+x}), and float labels
 * {@code size × 10} (one-hot, or soft after mixing). Augmentations modify both arrays in place.
 */
public final class Batch {

    public static final int IMAGE_SIZE = 32;
    public static final int CHANNELS = 3;
    public static final int CLASSES = 10;
    /** Floats in one channel of one image (32 × 32). */
    public static final int PLANE_LENGTH = IMAGE_SIZE * IMAGE_SIZE;
    /** Floats in one image (3 × 32 × 32). */
    public static final int IMAGE_LENGTH = CHANNELS * PLANE_LENGTH;

    private final float[] images;
    private final float[] labels;
    private final int size;

    /** Wraps (does not copy) the arrays; their lengths must match {@code size} exactly. */
    public Batch(float[] images, float[] labels, int size) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        if (images.length != (long) size * IMAGE_LENGTH) {
            throw new IllegalArgumentException("images has " + images.length + " floats, expected size "
                    + size + " × 3 × 32 × 32 = " + (long) size * IMAGE_LENGTH);
        }
        if (labels.length != (long) size * CLASSES) {
            throw new IllegalArgumentException("labels has " + labels.length + " floats, expected size "
                    + size + " × 10 = " + (long) size * CLASSES);
        }
        this.images = images;
        this.labels = labels;
        this.size = size;
    }

    /** Index of pixel (channel, y, x) of {@code image} in {@link #images()}. */
    public static int pixelIndex(int image, int channel, int y, int x) {
        return ((image * CHANNELS + channel) * IMAGE_SIZE + y) * IMAGE_SIZE + x;
    }

    /** A deep copy, e.g. to keep the un-augmented batch. */
    public Batch copy() {
        return new Batch(images.clone(), labels.clone(), size);
    }

    public float[] images() {
        return images;
    }

    public float[] labels() {
        return labels;
    }

    public int size() {
        return size;
    }
}
