package org.cifarzoo.schedules;

import java.math.BigDecimal;

/** Parameter checks whose messages name the parameter and the offending value. */
final class Check {

    private Check() {
    }

    static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
        return value;
    }

    static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
        return value;
    }

    static double nonNegative(String name, double value) {
        if (!(finite(name, value) >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + plain(value));
        }
        return value;
    }

    /** hi >= lo for every decaying schedule: a swapped pair would silently produce an increasing LR. */
    static void hiNotBelowLo(double hi, double lo) {
        if (hi < lo) {
            throw new IllegalArgumentException("hi (" + plain(hi) + ") must be >= lo (" + plain(lo) + ")");
        }
    }

    static void warmupWithinTotal(int warmupEpochs, int totalEpochs) {
        if (warmupEpochs > totalEpochs) {
            throw new IllegalArgumentException("warmupEpochs wu (" + warmupEpochs
                    + ") must be <= totalEpochs T (" + totalEpochs + ")");
        }
    }

    /** Shortest exact decimal without exponent or trailing zeros: 0.0002 not 2.0E-4, 150 not 150.0. */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
