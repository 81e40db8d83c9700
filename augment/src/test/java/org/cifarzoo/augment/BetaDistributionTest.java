package org.cifarzoo.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Moments of the Marsaglia–Tsang based sampler, both branches (shape < 1 boosted, shape >= 1 direct). */
class BetaDistributionTest {

    private static final int DRAWS = 50_000;

    @ParameterizedTest(name = "Beta({0}, {1})")
    @CsvSource({"0.2, 0.2", "1, 1", "2, 5", "0.5, 3", "0.05, 0.05"})
    void meanAndVarianceMatch(double a, double b) {
        BetaDistribution beta = new BetaDistribution(a, b);
        SplittableRandom rng = new SplittableRandom(42);
        double sum = 0;
        double sumSquares = 0;
        for (int n = 0; n < DRAWS; n++) {
            double x = beta.sample(rng);
            assertTrue(x >= 0 && x <= 1, "draw " + x);
            sum += x;
            sumSquares += x * x;
        }
        double mean = sum / DRAWS;
        double variance = sumSquares / DRAWS - mean * mean;
        double expectedMean = a / (a + b);
        double expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
        double meanError = Math.sqrt(expectedVariance / DRAWS);
        assertEquals(expectedMean, mean, 5 * meanError, "mean");
        assertEquals(expectedVariance, variance, 0.03 * expectedVariance + 1e-4, "variance");
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, -1", "NaN, 1", "Infinity, 1"})
    void rejectsBadShapes(double a, double b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BetaDistribution(a, b));
        assertTrue(e.getMessage().contains("alpha=" + a), e.getMessage());
    }
}
