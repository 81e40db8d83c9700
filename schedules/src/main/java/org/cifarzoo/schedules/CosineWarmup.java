package org.cifarzoo.schedules;

import java.util.Objects;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cosine decay with linear warm-up, the schedule of every README row (training.md §3):
 * <pre>
 * lr(e) = (hi − lo) / wu · (e + 0.5)                   if e &lt; wu
 * lr(e) = lo + (hi − lo)/2 · (1 + cos(π · e / T))       otherwise
 * </pre>
 * [dev] vs SGDR, kept on purpose to match the reference: no restarts, the ramp omits {@code lo}, and the cosine
 * is not re-based to start at the end of warm-up (at {@code e = wu} it is already below {@code hi}). {@code lo}
 * is never reached inside {@code T} epochs; past {@code T} the formula is applied as is (the LR rises again).
 */
public final class CosineWarmup extends EpochSchedule {

    private static final long serialVersionUID = 1L;

    @JsonProperty("totalEpochs")
    private final int totalEpochs;
    @JsonProperty("hi")
    private final double hi;
    @JsonProperty("lo")
    private final double lo;
    @JsonProperty("warmupEpochs")
    private final int warmupEpochs;

    /**
     * @param totalEpochs  T, the cosine period's half-length in epochs ({@code > 0})
     * @param hi           peak learning rate ({@code >= lo})
     * @param lo           floor of the cosine ({@code >= 0})
     * @param warmupEpochs wu, epochs of linear ramp ({@code 0 <= wu <= T}; 0 means no warm-up)
     */
    @JsonCreator
    public CosineWarmup(@JsonProperty("totalEpochs") int totalEpochs,
                        @JsonProperty("hi") double hi,
                        @JsonProperty("lo") double lo,
                        @JsonProperty("warmupEpochs") int warmupEpochs) {
        this.totalEpochs = Check.positive("totalEpochs T", totalEpochs);
        this.hi = Check.finite("hi", hi);
        this.lo = Check.nonNegative("lo", lo);
        this.warmupEpochs = Check.nonNegative("warmupEpochs wu", warmupEpochs);
        Check.hiNotBelowLo(hi, lo);
        Check.warmupWithinTotal(warmupEpochs, totalEpochs);
    }

    /** A builder preset to the README run (T=150, hi=0.5, lo=0.001, wu=10). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double lrAtEpoch(int epoch) {
        if (epoch < warmupEpochs) {
            return LinearWarmup.lr(hi, lo, warmupEpochs, epoch);
        }
        return lo + (hi - lo) / 2 * (1 + Math.cos(Math.PI * epoch / totalEpochs));
    }

    @Override
    public String describe() {
        return "cosine(T=" + totalEpochs + ",hi=" + Check.plain(hi) + ",lo=" + Check.plain(lo)
                + ",wu=" + warmupEpochs + ")";
    }

    @Override
    public CosineWarmup clone() {
        return new CosineWarmup(totalEpochs, hi, lo, warmupEpochs);
    }

    public int totalEpochs() {
        return totalEpochs;
    }

    public double hi() {
        return hi;
    }

    public double lo() {
        return lo;
    }

    public int warmupEpochs() {
        return warmupEpochs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosineWarmup other
                && totalEpochs == other.totalEpochs
                && Double.compare(hi, other.hi) == 0
                && Double.compare(lo, other.lo) == 0
                && warmupEpochs == other.warmupEpochs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(totalEpochs, hi, lo, warmupEpochs);
    }

    /** Named settings instead of four positional numbers; unset ones keep the README values. */
    public static final class Builder {
        private int totalEpochs = ReadmeRecipe.TOTAL_EPOCHS;
        private double hi = ReadmeRecipe.LR_MAX;
        private double lo = ReadmeRecipe.LR_MIN;
        private int warmupEpochs = ReadmeRecipe.WARMUP_EPOCHS;

        private Builder() {
        }

        public Builder totalEpochs(int totalEpochs) {
            this.totalEpochs = totalEpochs;
            return this;
        }

        public Builder hi(double hi) {
            this.hi = hi;
            return this;
        }

        public Builder lo(double lo) {
            this.lo = lo;
            return this;
        }

        public Builder warmupEpochs(int warmupEpochs) {
            this.warmupEpochs = warmupEpochs;
            return this;
        }

        public CosineWarmup build() {
            return new CosineWarmup(totalEpochs, hi, lo, warmupEpochs);
        }
    }
}
