package org.cifarzoo.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PartnerMixingTest {

    static Stream<int[]> permutations() {
        return Stream.of(
                new int[] {0},
                new int[] {0, 1, 2},            // all fixed points
                new int[] {1, 0},               // swap
                new int[] {1, 2, 0},            // 3-cycle
                new int[] {2, 0, 1, 3},         // 3-cycle + fixed point
                new int[] {6, 5, 4, 3, 2, 1, 0},
                PartnerMixing.randomPermutation(50, new SplittableRandom(1)));
    }

    /** With a "take the partner" mix, row i must end up as the ORIGINAL row π(i), for every cycle structure. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("permutations")
    void everyRowSeesItsPartnersOriginal(int[] partner) {
        int rowLength = 4;
        float[] data = new float[partner.length * rowLength];
        for (int k = 0; k < data.length; k++) {
            data[k] = k;
        }
        float[] original = data.clone();
        PartnerMixing.mixWithOriginalPartners(data, rowLength, partner,
                (target, rows, at, source, from) -> System.arraycopy(source, from, rows, at, rowLength));
        for (int i = 0; i < partner.length; i++) {
            assertArrayEquals(Arrays.copyOfRange(original, partner[i] * rowLength, (partner[i] + 1) * rowLength),
                    Arrays.copyOfRange(data, i * rowLength, (i + 1) * rowLength), "row " + i);
        }
    }

    @Test
    void randomPermutationIsUniform() {
        SplittableRandom rng = new SplittableRandom(9);
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 0; n < 6000; n++) {
            int[] p = PartnerMixing.randomPermutation(3, rng);
            PartnerMixing.requirePermutation(p, 3);
            counts.merge(Arrays.toString(p), 1, Integer::sum);
        }
        assertEquals(6, counts.size());
        counts.values().forEach(c -> assertTrue(Math.abs(c - 1000) < 150, "count " + c + " of " + counts));
    }

    @Test
    void rejectsANonPermutation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PartnerMixing.requirePermutation(new int[] {1, 1}, 2));
        assertTrue(e.getMessage().contains("not a permutation"), e.getMessage());
    }
}
