package org.cifarzoo.harness.data;

import java.util.Arrays;

/**
 * Images and labels of one CIFAR-10 split, as stored: per image 3 072 uint8 pixels (1 024 red, 1 024 green,
 * 1 024 blue, row-major 32×32, i.e. CHW) and one label 0–9.
 */
public record Split(byte[] pixels, byte[] labels) {
    public static final int SIDE = 32;
    public static final int CHANNELS = 3;
    public static final int PIXELS = SIDE * SIDE * CHANNELS;
    public static final int CLASSES = 10;

    public Split {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes for " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i];
    }

    /** The first {@code n} images (all of them if n ≥ size or n ≤ 0). */
    public Split limit(int n) {
        if (n <= 0 || n >= size()) {
            return this;
        }
        return new Split(Arrays.copyOf(pixels, n * PIXELS), Arrays.copyOf(labels, n));
    }
}
