package org.cifarzoo.schedules;

/** The warm-up ramp shared by {@link CosineWarmup} and {@link HyperbolicTangentDecay} (training.md §3). */
final class LinearWarmup {

    private LinearWarmup() {
    }

    /**
     * {@code (hi − lo) / wu · (e + 0.5)} for {@code e < wu}. [dev] The reference omits {@code + lo}, so the ramp
     * climbs towards {@code hi − lo}, and samples each epoch at its midpoint ({@code + 0.5}).
     */
    static double lr(double hi, double lo, int warmupEpochs, int epoch) {
        return (hi - lo) / warmupEpochs * (epoch + 0.5);
    }
}
