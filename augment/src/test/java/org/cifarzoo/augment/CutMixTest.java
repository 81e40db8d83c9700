package org.cifarzoo.augment;

import static org.cifarzoo.augment.Batch.CHANNELS;
import static org.cifarzoo.augment.Batch.CLASSES;
import static org.cifarzoo.augment.Batch.IMAGE_LENGTH;
import static org.cifarzoo.augment.Batch.IMAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CutMixTest {

    @ParameterizedTest(name = "lambda={0} corner=({1},{2}) -> {3}x{4}")
    @CsvSource({
            // lambda, top, left, height, width
            "0.0,    0,  0, 32, 32",    // side ⌊32·√1⌋ = 32: the whole image
            "0.75,   0,  0, 16, 16",    // √0.25 = 0.5
            "0.75,  20,  3, 12, 16",    // clipped at the bottom only
            "0.75,  10, 30, 16,  2",    // clipped at the right only
            "0.5,    0,  0, 22, 22",    // 32·0.7071 = 22.6, truncated
            "0.999,  5,  5,  1,  1",    // 32·0.0316 = 1.01
            "0.9999, 5,  5,  0,  0",    // 0.32 truncates to an empty box
            "0.1,   32,  0,  0, 30",    // corner on the bottom edge: nothing pasted
    })
    void boxIsCornerAnchoredTruncatedAndClipped(double lambda, int top, int left, int height, int width) {
        assertEquals(new CutMix.Box(top, left, height, width), CutMix.box(lambda, top, left));
    }

    /** Ten images with distinct one-hot classes, so every label weight can be read back. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void pastesFromTheOriginalPartnerAndWeighsLabelsByPastedArea(long seed) {
        int size = 10;
        Batch batch = TestBatches.coordinates(size);
        Batch original = batch.copy();
        CutMix.Plan plan = CutMix.draw(size, new SplittableRandom(seed));
        new CutMix().apply(batch, new SplittableRandom(seed));  // the public path draws the same plan

        for (int i = 0; i < size; i++) {
            int partner = plan.partner()[i];
            CutMix.Box box = plan.boxes()[i];
            for (int c = 0; c < CHANNELS; c++) {
                for (int y = 0; y < IMAGE_SIZE; y++) {
                    for (int x = 0; x < IMAGE_SIZE; x++) {
                        boolean pasted = y >= box.top() && y < box.top() + box.height()
                                && x >= box.left() && x < box.left() + box.width();
                        float expected = TestBatches.pixel(original, pasted ? partner : i, c, y, x);
                        assertEquals(expected, TestBatches.pixel(batch, i, c, y, x),
                                "image " + i + " c" + c + " y" + y + " x" + x);
                    }
                }
            }
            float pastedShare = box.height() * box.width() / 1024f;
            for (int cls = 0; cls < CLASSES; cls++) {
                float expected = (cls == i ? 1f - pastedShare : 0f) + (cls == partner ? pastedShare : 0f);
                assertEquals(expected, TestBatches.label(batch, i, cls), "image " + i + " class " + cls);
            }
        }
    }

    /** A naive in-place loop would give both images image 1's pixels here. */
    @Test
    void mixingReadsPartnersAsTheyWereBeforeTheBatch() {
        Batch batch = TestBatches.coordinates(3);
        Batch original = batch.copy();
        CutMix.Box whole = new CutMix.Box(0, 0, IMAGE_SIZE, IMAGE_SIZE);
        CutMix.mix(batch, new CutMix.Plan(new int[] {1, 2, 0}, new CutMix.Box[] {whole, whole, whole}));

        for (int i = 0; i < 3; i++) {
            int partner = (i + 1) % 3;
            assertArrayEquals(Arrays.copyOfRange(original.images(), partner * IMAGE_LENGTH, (partner + 1) * IMAGE_LENGTH),
                    Arrays.copyOfRange(batch.images(), i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH));
            assertArrayEquals(Arrays.copyOfRange(original.labels(), partner * CLASSES, (partner + 1) * CLASSES),
                    Arrays.copyOfRange(batch.labels(), i * CLASSES, (i + 1) * CLASSES));
        }
    }

    @Test
    void labelsStayADistributionOnALargeBatch() {
        Batch batch = TestBatches.gaussian(256, 5);
        new CutMix().apply(batch, new SplittableRandom(5));
        for (int i = 0; i < batch.size(); i++) {
            float sum = 0;
            for (int cls = 0; cls < CLASSES; cls++) {
                sum += TestBatches.label(batch, i, cls);
            }
            assertEquals(1f, sum, 1e-6f);
        }
    }
}
