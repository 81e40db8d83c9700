package org.cifarzoo.augment;

import static org.cifarzoo.augment.Batch.CHANNELS;
import static org.cifarzoo.augment.Batch.IMAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CutoutTest {

    /** Expected zeroed rows top..bottom and cols left..right (inclusive), worked out by hand from §4.2. */
    @ParameterizedTest(name = "r=({0},{1}) zeroes rows {2}..{3} cols {4}..{5}")
    @CsvSource({
            // ry, rx, top, bottom, left, right
            "16, 16,  8, 23,  8, 23",   // centred, unclipped 16x16
            " 8,  8, 16, 31, 16, 31",   // touches bottom-right edge, still 16x16
            "24, 24,  0, 15,  0, 15",   // touches top-left edge, still 16x16
            " 0,  0, 24, 31, 24, 31",   // clipped to 8x8 in the bottom-right corner
            "32, 32,  0,  7,  0,  7",   // clipped to 8x8 in the top-left corner
            " 0, 32, 24, 31,  0,  7",   // bottom-left corner
            "32,  0,  0,  7, 24, 31",   // top-right corner
            " 7, 25, 17, 31,  0, 14",   // clipped by one row / one col
            " 1, 31, 23, 31,  0,  8",
            "20,  3,  4, 19, 21, 31",
    })
    void zeroesExactlyTheClippedSquare(int ry, int rx, int top, int bottom, int left, int right) {
        Batch batch = TestBatches.coordinates(2);
        Batch original = batch.copy();
        Cutout.erase(batch.images(), 1, ry, rx);
        for (int c = 0; c < CHANNELS; c++) {
            for (int y = 0; y < IMAGE_SIZE; y++) {
                for (int x = 0; x < IMAGE_SIZE; x++) {
                    boolean inside = y >= top && y <= bottom && x >= left && x <= right;
                    float expected = inside ? 0f : TestBatches.pixel(original, 1, c, y, x);
                    assertEquals(expected, TestBatches.pixel(batch, 1, c, y, x), "c" + c + " y" + y + " x" + x);
                }
            }
        }
        assertArrayEquals(Arrays.copyOf(original.images(), Batch.IMAGE_LENGTH),
                Arrays.copyOf(batch.images(), Batch.IMAGE_LENGTH), "other images untouched");
    }

    /** Black box: every hole is a full-channel rectangle of the allowed form, and labels are untouched. */
    @Test
    void applyCutsOneAllowedHolePerImageAndKeepsLabels() {
        int size = 100;
        Batch batch = TestBatches.coordinates(size);
        Batch original = batch.copy();
        new Cutout().apply(batch, new SplittableRandom(11));
        assertArrayEquals(original.labels(), batch.labels());
        for (int i = 0; i < size; i++) {
            int top = IMAGE_SIZE, bottom = -1, left = IMAGE_SIZE, right = -1;
            for (int y = 0; y < IMAGE_SIZE; y++) {
                for (int x = 0; x < IMAGE_SIZE; x++) {
                    if (TestBatches.pixel(batch, i, 0, y, x) == 0f) {
                        top = Math.min(top, y);
                        bottom = Math.max(bottom, y);
                        left = Math.min(left, x);
                        right = Math.max(right, x);
                    }
                }
            }
            assertTrue(allowed(top, bottom), "rows " + top + ".." + bottom + " of image " + i);
            assertTrue(allowed(left, right), "cols " + left + ".." + right + " of image " + i);
            for (int c = 0; c < CHANNELS; c++) {
                for (int y = 0; y < IMAGE_SIZE; y++) {
                    for (int x = 0; x < IMAGE_SIZE; x++) {
                        boolean inside = y >= top && y <= bottom && x >= left && x <= right;
                        assertEquals(inside ? 0f : TestBatches.pixel(original, i, c, y, x),
                                TestBatches.pixel(batch, i, c, y, x));
                    }
                }
            }
        }
    }

    /** Some r in {0..32} gives exactly first..last = max(0, 24 − r) .. min(31, 39 − r). */
    private static boolean allowed(int first, int last) {
        for (int r = 0; r <= 32; r++) {
            if (first == Math.max(0, 24 - r) && last == Math.min(31, 39 - r)) {
                return true;
            }
        }
        return false;
    }
}
