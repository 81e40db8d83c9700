package org.cifarzoo.augment;

import static org.cifarzoo.augment.Batch.CHANNELS;
import static org.cifarzoo.augment.Batch.IMAGE_LENGTH;
import static org.cifarzoo.augment.Batch.IMAGE_SIZE;
import static org.cifarzoo.augment.Batch.PLANE_LENGTH;

import java.util.random.RandomGenerator;

/**
 * Basic augmentation, training.md §4 a–b, independently per image: horizontal flip with probability 0.5, then
 * pad 4 px on each side with symmetric (edge-including) mirroring — padded order {@code x3 x2 x1 x0 | x0 x1 …
 * x31 | x31 x30 x29 x28} — and crop a 32×32 window at offsets (oy, ox), each uniform in {0, …, 8}. Labels are
 * untouched.
 *
 * <p>Runs on every training image, so it never builds the padded image: a precomputed table maps each output
 * row/column to its source row/column, and each image is copied once into a single scratch buffer per batch.
 */
public final class FlipShift implements Augmentation {

    static final int PAD = 4;
    /** Crop offsets are uniform in {0, …, MAX_OFFSET} (the padded image is 40 px wide). */
    static final int MAX_OFFSET = 2 * PAD;

    /** SOURCE[offset][out] = source coordinate of output coordinate {@code out} for crop offset {@code offset}. */
    private static final int[][] SOURCE = new int[MAX_OFFSET + 1][IMAGE_SIZE];
    /** The same for a flipped image: flipping maps source column s to 31 − s. */
    private static final int[][] FLIPPED_SOURCE = new int[MAX_OFFSET + 1][IMAGE_SIZE];

    static {
        for (int offset = 0; offset <= MAX_OFFSET; offset++) {
            for (int out = 0; out < IMAGE_SIZE; out++) {
                SOURCE[offset][out] = unpad(out + offset);
                FLIPPED_SOURCE[offset][out] = IMAGE_SIZE - 1 - SOURCE[offset][out];
            }
        }
    }

    @Override
    public void apply(Batch batch, RandomGenerator rng) {
        float[] scratch = new float[IMAGE_LENGTH];
        for (int image = 0; image < batch.size(); image++) {
            boolean flip = rng.nextBoolean();
            int offsetY = rng.nextInt(MAX_OFFSET + 1);
            int offsetX = rng.nextInt(MAX_OFFSET + 1);
            transform(batch.images(), image, flip, offsetY, offsetX, scratch);
        }
    }

    @Override
    public String name() {
        return "flip-shift";
    }

    /** Flips (optionally) and crops one image in place; {@code scratch} holds IMAGE_LENGTH floats. */
    static void transform(float[] images, int image, boolean flip, int offsetY, int offsetX, float[] scratch) {
        int base = image * IMAGE_LENGTH;
        System.arraycopy(images, base, scratch, 0, IMAGE_LENGTH);
        int[] sourceRow = SOURCE[offsetY];
        int[] sourceCol = flip ? FLIPPED_SOURCE[offsetX] : SOURCE[offsetX];
        for (int channel = 0; channel < CHANNELS; channel++) {
            int plane = channel * PLANE_LENGTH;
            for (int y = 0; y < IMAGE_SIZE; y++) {
                int from = plane + sourceRow[y] * IMAGE_SIZE;
                int to = base + plane + y * IMAGE_SIZE;
                for (int x = 0; x < IMAGE_SIZE; x++) {
                    images[to + x] = scratch[from + sourceCol[x]];
                }
            }
        }
    }

    /** Source coordinate of coordinate {@code padded} (0..39) of the symmetrically padded image. */
    static int unpad(int padded) {
        int t = padded - PAD;
        if (t < 0) {
            return -t - 1;                      // left/top border: x3 x2 x1 x0
        }
        if (t >= IMAGE_SIZE) {
            return 2 * IMAGE_SIZE - 1 - t;      // right/bottom border: x31 x30 x29 x28
        }
        return t;
    }
}
