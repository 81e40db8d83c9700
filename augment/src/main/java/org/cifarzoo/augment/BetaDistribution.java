package org.cifarzoo.augment;

import java.util.random.RandomGenerator;

/**
 * Beta(a, b) sampler for Mixup's λ: {@code X / (X + Y)} with X ~ Gamma(a), Y ~ Gamma(b), the Gamma draws by
 * Marsaglia–Tsang (2000). For shape &lt; 1 it uses their boost {@code Gamma(s) = Gamma(s + 1) · U^(1/s)}.
 *
 * <p>The draws are combined in log space: with a = b = 0.2 both Gammas are often below 1e-30, and the plain
 * ratio would lose precision or turn into 0/0.
 */
record BetaDistribution(double alpha, double beta) {

    BetaDistribution {
        if (!(alpha > 0) || !(beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Beta shapes must be finite and > 0, got alpha=" + alpha
                    + ", beta=" + beta);
        }
    }

    double sample(RandomGenerator rng) {
        double logX = logGamma(alpha, rng);
        double logY = logGamma(beta, rng);
        // X / (X + Y) = 1 / (1 + Y/X)
        return 1 / (1 + Math.exp(logY - logX));
    }

    /** log of a Gamma(shape, 1) draw. */
    static double logGamma(double shape, RandomGenerator rng) {
        if (shape < 1) {
            double u = 1 - rng.nextDouble();    // in (0, 1], so the log is finite
            return logGamma(shape + 1, rng) + Math.log(u) / shape;
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rng.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - rng.nextDouble();
            // squeeze test first: it accepts ~98 % of draws without a log
            if (u < 1 - 0.0331 * z * z * z * z || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) {
                return Math.log(d * v);
            }
        }
    }
}
