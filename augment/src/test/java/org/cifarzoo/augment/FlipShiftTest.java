package org.cifarzoo.augment;

import static org.cifarzoo.augment.Batch.CHANNELS;
import static org.cifarzoo.augment.Batch.IMAGE_LENGTH;
import static org.cifarzoo.augment.Batch.IMAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FlipShiftTest {

    private static final int PADDED = IMAGE_SIZE + 2 * FlipShift.PAD;

    /**
     * Oracle written the slow, obvious way: flip, build the 40×40 symmetrically padded plane, crop. Returns
     * the expected image (all channels) of image 0 of {@code source}.
     */
    static float[] expected(Batch source, boolean flip, int offsetY, int offsetX) {
        float[] out = new float[IMAGE_LENGTH];
        for (int c = 0; c < CHANNELS; c++) {
            float[][] flipped = new float[IMAGE_SIZE][IMAGE_SIZE];
            for (int y = 0; y < IMAGE_SIZE; y++) {
                for (int x = 0; x < IMAGE_SIZE; x++) {
                    flipped[y][x] = TestBatches.pixel(source, 0, c, y, flip ? IMAGE_SIZE - 1 - x : x);
                }
            }
            float[][] padded = new float[PADDED][PADDED];
            for (int py = 0; py < PADDED; py++) {
                for (int px = 0; px < PADDED; px++) {
                    padded[py][px] = flipped[symmetric(py)][symmetric(px)];
                }
            }
            for (int y = 0; y < IMAGE_SIZE; y++) {
                for (int x = 0; x < IMAGE_SIZE; x++) {
                    out[Batch.pixelIndex(0, c, y, x)] = padded[y + offsetY][x + offsetX];
                }
            }
        }
        return out;
    }

    /** Padded order x3 x2 x1 x0 | x0 … x31 | x31 x30 x29 x28, spelled out. */
    private static int symmetric(int padded) {
        int[] left = {3, 2, 1, 0};
        int[] right = {31, 30, 29, 28};
        if (padded < 4) {
            return left[padded];
        }
        if (padded >= 36) {
            return right[padded - 36];
        }
        return padded - 4;
    }

    @ParameterizedTest(name = "padded {0} <- source {1}")
    @CsvSource({"0,3", "1,2", "2,1", "3,0", "4,0", "5,1", "6,2", "20,16", "34,30", "35,31", "36,31", "37,30",
            "38,29", "39,28"})
    void paddingIsSymmetricIncludingTheEdge(int padded, int source) {
        assertEquals(source, FlipShift.unpad(padded));
    }

    /** The same padding order seen through a whole transform: rows at the top for oy = 0, bottom for oy = 8. */
    @ParameterizedTest(name = "oy={0}: output row {1} is source row {2}")
    @CsvSource({"0,0,3", "0,1,2", "0,2,1", "0,3,0", "0,4,0", "0,5,1", "0,31,27", "4,0,0", "4,31,31",
            "8,0,4", "8,27,31", "8,28,31", "8,29,30", "8,30,29", "8,31,28", "3,0,0", "3,1,0", "3,2,1"})
    void outputRowsFollowThePaddingOrder(int offsetY, int outputRow, int sourceRow) {
        Batch batch = TestBatches.coordinates(1);
        Batch original = batch.copy();
        FlipShift.transform(batch.images(), 0, false, offsetY, 4, new float[IMAGE_LENGTH]);
        for (int c = 0; c < CHANNELS; c++) {
            for (int x = 0; x < IMAGE_SIZE; x++) {
                assertEquals(TestBatches.pixel(original, 0, c, sourceRow, x),
                        TestBatches.pixel(batch, 0, c, outputRow, x));
            }
        }
    }

    @ParameterizedTest(name = "flip={0}: output col {1} is source col {2} (ox=0)")
    @CsvSource({"false,0,3", "false,3,0", "false,4,0", "false,31,27", "true,0,28", "true,3,31", "true,4,31",
            "true,5,30", "true,31,4"})
    void outputColumnsFollowFlipThenPad(boolean flip, int outputCol, int sourceCol) {
        Batch batch = TestBatches.coordinates(1);
        Batch original = batch.copy();
        FlipShift.transform(batch.images(), 0, flip, 4, 0, new float[IMAGE_LENGTH]);
        assertEquals(TestBatches.pixel(original, 0, 1, 7, sourceCol), TestBatches.pixel(batch, 0, 1, 7, outputCol));
    }

    static Stream<Arguments> allDraws() {
        return Stream.of(false, true).flatMap(flip -> IntStream.rangeClosed(0, 8).boxed().flatMap(oy ->
                IntStream.rangeClosed(0, 8).mapToObj(ox -> Arguments.of(flip, oy, ox))));
    }

    @ParameterizedTest(name = "flip={0} oy={1} ox={2}")
    @MethodSource("allDraws")
    void everyPixelIsTheMirroredSourcePixel(boolean flip, int offsetY, int offsetX) {
        Batch batch = TestBatches.coordinates(1);
        float[] expected = expected(batch, flip, offsetY, offsetX);
        FlipShift.transform(batch.images(), 0, flip, offsetY, offsetX, new float[IMAGE_LENGTH]);
        assertArrayEquals(expected, batch.images());
    }

    /** Black box: each image must be exactly one of the 162 valid (flip, oy, ox) results; labels untouched. */
    @Test
    void applyDrawsIndependentValidTransformsAndKeepsLabels() {
        int size = 200;
        Batch batch = TestBatches.coordinates(size);
        Batch original = batch.copy();
        new FlipShift().apply(batch, new SplittableRandom(7));

        assertArrayEquals(original.labels(), batch.labels());
        Set<Integer> offsetsY = new HashSet<>();
        Set<Integer> offsetsX = new HashSet<>();
        int flips = 0;
        for (int i = 0; i < size; i++) {
            Batch source = new Batch(Arrays.copyOfRange(original.images(), i * IMAGE_LENGTH,
                    (i + 1) * IMAGE_LENGTH), new float[Batch.CLASSES], 1);
            float[] actual = Arrays.copyOfRange(batch.images(), i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH);
            List<int[]> matches = new ArrayList<>();
            for (int flip = 0; flip < 2; flip++) {
                for (int oy = 0; oy <= 8; oy++) {
                    for (int ox = 0; ox <= 8; ox++) {
                        if (Arrays.equals(expected(source, flip == 1, oy, ox), actual)) {
                            matches.add(new int[] {flip, oy, ox});
                        }
                    }
                }
            }
            assertEquals(1, matches.size(), "image " + i + " should match exactly one transform");
            flips += matches.get(0)[0];
            offsetsY.add(matches.get(0)[1]);
            offsetsX.add(matches.get(0)[2]);
        }
        assertEquals(9, offsetsY.size(), "every vertical offset 0..8 occurs");
        assertEquals(9, offsetsX.size(), "every horizontal offset 0..8 occurs");
        assertTrue(flips > 60 && flips < 140, "about half the images flipped, got " + flips + "/200");
    }
}
