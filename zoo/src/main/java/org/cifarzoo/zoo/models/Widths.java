package org.cifarzoo.zoo.models;

/** Channel arithmetic shared by the families. */
final class Widths {
    private Widths() {
    }

    /** {@code MD(v, d)}: v rounded to the nearest multiple of d, halves rounded up; may be 0 (models.md §0). */
    static int makeDivisible(double value, int divisor) {
        double rem = value % divisor;
        int out = (int) (value - rem);
        if (rem >= divisor / 2.0) {
            out += divisor;
        }
        return out;
    }
}
