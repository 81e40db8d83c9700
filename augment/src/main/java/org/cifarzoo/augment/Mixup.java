package org.cifarzoo.augment;

import static org.cifarzoo.augment.Batch.CLASSES;
import static org.cifarzoo.augment.Batch.IMAGE_LENGTH;

import java.util.random.RandomGenerator;

/**
 * Mixup, training.md §4.3: per image λ_i ~ Beta(0.2, 0.2) (no max(λ, 1−λ) folding), one partner permutation π
 * for images and labels, {@code x_i ← λ_i·x_i + (1−λ_i)·x_π(i)} and {@code y_i ← λ_i·y_i + (1−λ_i)·y_π(i)},
 * always from the partner's original values. [dev] The paper's CIFAR setting is α = 1 with one λ per batch.
 */
public final class Mixup implements Augmentation {

    static final double ALPHA = 0.2;
    private static final BetaDistribution LAMBDA = new BetaDistribution(ALPHA, ALPHA);

    /** The random part of one application: partner π(i) and the weight λ_i kept of image i. */
    record Plan(int[] partner, float[] keep) {
        Plan {
            PartnerMixing.requirePermutation(partner, keep.length);
        }
    }

    @Override
    public void apply(Batch batch, RandomGenerator rng) {
        mix(batch, draw(batch.size(), rng));
    }

    @Override
    public String name() {
        return "mixup";
    }

    static Plan draw(int size, RandomGenerator rng) {
        int[] partner = PartnerMixing.randomPermutation(size, rng);
        float[] keep = new float[size];
        for (int i = 0; i < size; i++) {
            keep[i] = (float) LAMBDA.sample(rng);
        }
        return new Plan(partner, keep);
    }

    static void mix(Batch batch, Plan plan) {
        PartnerMixing.mixWithOriginalPartners(batch.images(), IMAGE_LENGTH, plan.partner(),
                (target, data, at, partner, from) ->
                        PartnerMixing.blend(data, at, partner, from, IMAGE_LENGTH, plan.keep()[target]));
        PartnerMixing.mixWithOriginalPartners(batch.labels(), CLASSES, plan.partner(),
                (target, data, at, partner, from) ->
                        PartnerMixing.blend(data, at, partner, from, CLASSES, plan.keep()[target]));
    }
}
