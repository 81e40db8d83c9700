package org.cifarzoo.augment;

import static org.cifarzoo.augment.Batch.CHANNELS;
import static org.cifarzoo.augment.Batch.IMAGE_LENGTH;
import static org.cifarzoo.augment.Batch.IMAGE_SIZE;
import static org.cifarzoo.augment.Batch.PLANE_LENGTH;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Cutout, training.md §4.2, the exact closed form of the reference: per image, r_y and r_x uniform in
 * {0, …, 32}; all channels of rows {@code max(0, 24−r_y) … min(31, 39−r_y)} × cols
 * {@code max(0, 24−r_x) … min(31, 39−r_x)} are set to 0. That is a 16×16 square whose top-left corner is
 * uniform in {−8, …, 24}², clipped to the image. Labels are untouched.
 */
public final class Cutout implements Augmentation {

    static final int SIDE = 16;
    /** r_y, r_x are uniform in {0, …, MAX_R}. */
    static final int MAX_R = IMAGE_SIZE;
    /** The unclipped square starts at row (col) {@code FIRST_AT_R0 − r}, so its top-left is in {−8, …, 24}. */
    static final int FIRST_AT_R0 = IMAGE_SIZE - SIDE / 2;
    /** After normalisation 0 is the dataset mean, so the hole carries no colour information. */
    static final float FILL = 0f;

    @Override
    public void apply(Batch batch, RandomGenerator rng) {
        for (int image = 0; image < batch.size(); image++) {
            int ry = rng.nextInt(MAX_R + 1);
            int rx = rng.nextInt(MAX_R + 1);
            erase(batch.images(), image, ry, rx);
        }
    }

    @Override
    public String name() {
        return "cutout";
    }

    /** First covered row (or column) for offset r: {@code max(0, 24 − r)}. */
    static int firstCovered(int r) {
        return Math.max(0, FIRST_AT_R0 - r);
    }

    /** Last covered row (or column) for offset r, inclusive: {@code min(31, 39 − r)}. */
    static int lastCovered(int r) {
        return Math.min(IMAGE_SIZE - 1, FIRST_AT_R0 + SIDE - 1 - r);
    }

    /** Zeroes the clipped square of offsets (r_y, r_x) in one image. */
    static void erase(float[] images, int image, int ry, int rx) {
        int top = firstCovered(ry);
        int bottom = lastCovered(ry);
        int left = firstCovered(rx);
        int right = lastCovered(rx);
        for (int channel = 0; channel < CHANNELS; channel++) {
            int plane = image * IMAGE_LENGTH + channel * PLANE_LENGTH;
            for (int y = top; y <= bottom; y++) {
                int row = plane + y * IMAGE_SIZE;
                Arrays.fill(images, row + left, row + right + 1, FILL);
            }
        }
    }
}
