package org.cifarzoo.schedules;

import java.util.Objects;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Hyperbolic-tangent decay (HTD, Hsueh et al. 2019) with linear warm-up, used by older README rows
 * (training.md §3):
 * <pre>
 * lr(e) = (hi − lo) / wu · (e + 0.5)                          if e &lt; wu
 * lr(e) = lo + (hi − lo)/2 · (1 − tanh(L + (U − L) · e / T))   otherwise
 * </pre>
 * Same [dev] warm-up quirks as {@link CosineWarmup}: the ramp omits {@code lo} and the decay is not re-based.
 * L and U have no defaults (as in the reference); the reference's example is L = −6, U = 3.
 */
public final class HyperbolicTangentDecay extends EpochSchedule {

    private static final long serialVersionUID = 1L;

    @JsonProperty("lower")
    private final double lower;
    @JsonProperty("upper")
    private final double upper;
    @JsonProperty("totalEpochs")
    private final int totalEpochs;
    @JsonProperty("hi")
    private final double hi;
    @JsonProperty("lo")
    private final double lo;
    @JsonProperty("warmupEpochs")
    private final int warmupEpochs;

    /**
     * @param lower        L, the tanh argument at epoch 0 ({@code < U})
     * @param upper        U, the tanh argument at epoch T
     * @param totalEpochs  T ({@code > 0})
     * @param hi           peak learning rate ({@code >= lo})
     * @param lo           floor ({@code >= 0})
     * @param warmupEpochs wu ({@code 0 <= wu <= T}; 0 means no warm-up)
     */
    @JsonCreator
    public HyperbolicTangentDecay(@JsonProperty("lower") double lower,
                                  @JsonProperty("upper") double upper,
                                  @JsonProperty("totalEpochs") int totalEpochs,
                                  @JsonProperty("hi") double hi,
                                  @JsonProperty("lo") double lo,
                                  @JsonProperty("warmupEpochs") int warmupEpochs) {
        this.lower = Check.finite("lower L", lower);
        this.upper = Check.finite("upper U", upper);
        this.totalEpochs = Check.positive("totalEpochs T", totalEpochs);
        this.hi = Check.finite("hi", hi);
        this.lo = Check.nonNegative("lo", lo);
        this.warmupEpochs = Check.nonNegative("warmupEpochs wu", warmupEpochs);
        if (!(lower < upper)) {
            throw new IllegalArgumentException("lower L (" + Check.plain(lower) + ") must be < upper U ("
                    + Check.plain(upper) + ")");
        }
        Check.hiNotBelowLo(hi, lo);
        Check.warmupWithinTotal(warmupEpochs, totalEpochs);
    }

    /** A builder with T, hi, lo, wu preset to the README run; L and U must be set. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double lrAtEpoch(int epoch) {
        if (epoch < warmupEpochs) {
            return LinearWarmup.lr(hi, lo, warmupEpochs, epoch);
        }
        return lo + (hi - lo) / 2 * (1 - Math.tanh(lower + (upper - lower) * epoch / totalEpochs));
    }

    @Override
    public String describe() {
        return "htd(L=" + Check.plain(lower) + ",U=" + Check.plain(upper) + ",T=" + totalEpochs
                + ",hi=" + Check.plain(hi) + ",lo=" + Check.plain(lo) + ",wu=" + warmupEpochs + ")";
    }

    @Override
    public HyperbolicTangentDecay clone() {
        return new HyperbolicTangentDecay(lower, upper, totalEpochs, hi, lo, warmupEpochs);
    }

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
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
        return o instanceof HyperbolicTangentDecay other
                && Double.compare(lower, other.lower) == 0
                && Double.compare(upper, other.upper) == 0
                && totalEpochs == other.totalEpochs
                && Double.compare(hi, other.hi) == 0
                && Double.compare(lo, other.lo) == 0
                && warmupEpochs == other.warmupEpochs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower, upper, totalEpochs, hi, lo, warmupEpochs);
    }

    /** Named settings; L and U have no default, the rest start at the README values. */
    public static final class Builder {
        private Double lower;
        private Double upper;
        private int totalEpochs = ReadmeRecipe.TOTAL_EPOCHS;
        private double hi = ReadmeRecipe.LR_MAX;
        private double lo = ReadmeRecipe.LR_MIN;
        private int warmupEpochs = ReadmeRecipe.WARMUP_EPOCHS;

        private Builder() {
        }

        public Builder lower(double lower) {
            this.lower = lower;
            return this;
        }

        public Builder upper(double upper) {
            this.upper = upper;
            return this;
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

        public HyperbolicTangentDecay build() {
            if (lower == null || upper == null) {
                throw new IllegalArgumentException("HTD needs both lower L and upper U (no defaults; the reference's"
                        + " example is L=-6, U=3), got L=" + lower + ", U=" + upper);
            }
            return new HyperbolicTangentDecay(lower, upper, totalEpochs, hi, lo, warmupEpochs);
        }
    }
}
