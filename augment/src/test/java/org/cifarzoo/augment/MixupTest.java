package org.cifarzoo.augment;

import static org.cifarzoo.augment.Batch.CLASSES;
import static org.cifarzoo.augment.Batch.IMAGE_LENGTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MixupTest {

    /**
     * Ten images with distinct one-hot classes: λ_i is read back from the label (weight on the own class), and
     * the image must be the same convex combination of the original image and its partner.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void imagesAndLabelsAreTheSameConvexCombination(long seed) {
        int size = 10;
        Batch batch = TestBatches.gaussian(size, seed);
        Batch original = batch.copy();
        Mixup.Plan plan = Mixup.draw(size, new SplittableRandom(seed));
        new Mixup().apply(batch, new SplittableRandom(seed));

        for (int i = 0; i < size; i++) {
            int partner = plan.partner()[i];
            float sum = 0;
            for (int cls = 0; cls < CLASSES; cls++) {
                sum += TestBatches.label(batch, i, cls);
            }
            assertEquals(1f, sum, 1e-6f, "labels of image " + i + " sum to 1");
            if (partner == i) {
                assertArrayEquals(copyOfImage(original, i), copyOfImage(batch, i), 1e-6f);
                continue;
            }
            float lambda = TestBatches.label(batch, i, i);
            assertEquals(plan.keep()[i], lambda);
            assertEquals(1 - lambda, TestBatches.label(batch, i, partner), 1e-6f);
            for (int k = 0; k < IMAGE_LENGTH; k++) {
                float mine = original.images()[i * IMAGE_LENGTH + k];
                float theirs = original.images()[partner * IMAGE_LENGTH + k];
                assertEquals(lambda * mine + (1 - lambda) * theirs, batch.images()[i * IMAGE_LENGTH + k], 1e-6f);
            }
        }
    }

    /** keep = 0 takes the partner entirely; along a 3-cycle this shows partners are read before mixing. */
    @Test
    void mixingReadsPartnersAsTheyWereBeforeTheBatch() {
        Batch batch = TestBatches.coordinates(3);
        Batch original = batch.copy();
        Mixup.mix(batch, new Mixup.Plan(new int[] {2, 0, 1}, new float[] {0f, 0f, 0f}));
        assertArrayEquals(copyOfImage(original, 2), copyOfImage(batch, 0));
        assertArrayEquals(copyOfImage(original, 0), copyOfImage(batch, 1));
        assertArrayEquals(copyOfImage(original, 1), copyOfImage(batch, 2));
    }

    /** Beta(0.2, 0.2) is U-shaped: most λ sit near 0 or 1; none outside [0, 1]. */
    @Test
    void lambdaIsBetaPointTwoPerImage() {
        Mixup.Plan plan = Mixup.draw(20_000, new SplittableRandom(3));
        int extreme = 0;
        for (float lambda : plan.keep()) {
            assertTrue(lambda >= 0 && lambda <= 1, "lambda " + lambda);
            if (lambda < 0.1f || lambda > 0.9f) {
                extreme++;
            }
        }
        // P(λ < 0.1 or λ > 0.9) = 2·I_0.1(0.2, 0.2) = 0.673 for Beta(0.2, 0.2), 0.2 for U(0,1); SE 0.0033
        double share = extreme / 20_000.0;
        assertTrue(share > 0.655 && share < 0.69, "share near 0 or 1: " + share);
    }

    private static float[] copyOfImage(Batch batch, int image) {
        return Arrays.copyOfRange(batch.images(), image * IMAGE_LENGTH, (image + 1) * IMAGE_LENGTH);
    }
}
