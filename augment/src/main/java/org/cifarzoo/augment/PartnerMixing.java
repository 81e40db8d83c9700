package org.cifarzoo.augment;

import java.util.random.RandomGenerator;

/**
 * Shared plumbing of Mixup and CutMix: a partner permutation π, and mixing every row i of a batch array with
 * the ORIGINAL row π(i), in place, although π(i) may itself be mixed in the same pass.
 */
final class PartnerMixing {

    /** Mixes {@code data[at …]} (row {@code target}) with the partner's original row {@code partner[from …]}. */
    @FunctionalInterface
    interface RowMix {
        void mix(int target, float[] data, int at, float[] partner, int from);
    }

    private PartnerMixing() {
    }

    /** A uniformly random permutation of {0, …, n−1} (Fisher–Yates); fixed points are allowed. */
    static int[] randomPermutation(int n, RandomGenerator rng) {
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        return permutation;
    }

    static void requirePermutation(int[] partner, int size) {
        if (partner.length != size) {
            throw new IllegalArgumentException("partner has " + partner.length + " entries for " + size + " images");
        }
        boolean[] seen = new boolean[size];
        for (int p : partner) {
            if (p < 0 || p >= size || seen[p]) {
                throw new IllegalArgumentException("partner is not a permutation of 0.." + (size - 1) + ": " + p);
            }
            seen[p] = true;
        }
    }

    /**
     * Applies {@code mix} to every row i with the original row {@code partner[i]}, without copying the array.
     * It walks each cycle i0 → π(i0) → π(π(i0)) → … of the permutation in order: when row j is mixed, its partner
     * π(j) is the next row of the cycle and still untouched, except at the end of the cycle, where the partner is
     * i0 itself — so only i0's original row is saved, in one scratch row.
     */
    static void mixWithOriginalPartners(float[] data, int rowLength, int[] partner, RowMix mix) {
        float[] cycleStart = new float[rowLength];
        boolean[] done = new boolean[partner.length];
        for (int start = 0; start < partner.length; start++) {
            if (done[start]) {
                continue;
            }
            System.arraycopy(data, start * rowLength, cycleStart, 0, rowLength);
            int row = start;
            while (!done[row]) {
                done[row] = true;
                int next = partner[row];
                if (next == start) {
                    mix.mix(row, data, row * rowLength, cycleStart, 0);
                } else {
                    mix.mix(row, data, row * rowLength, data, next * rowLength);
                }
                row = next;
            }
        }
    }

    /** {@code data ← keep·data + (1 − keep)·partner} over {@code length} floats. */
    static void blend(float[] data, int at, float[] partner, int from, int length, float keep) {
        float take = 1f - keep;
        for (int k = 0; k < length; k++) {
            data[at + k] = keep * data[at + k] + take * partner[from + k];
        }
    }
}
