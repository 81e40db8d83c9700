package org.cifarzoo.augment;

import java.util.random.RandomGenerator;

/**
 * An in-place, per-batch augmentation. Every random draw comes from the {@code rng} passed in (the trainer seeds
 * it from the run's seed), so the same seed gives the same batch. Implementations are stateless and thread-safe.
 */
public interface Augmentation {

    void apply(Batch batch, RandomGenerator rng);

    /** Short name for logs and results CSVs, e.g. {@code cutmix}. */
    String name();
}
