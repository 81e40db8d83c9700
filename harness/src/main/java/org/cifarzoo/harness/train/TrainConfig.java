package org.cifarzoo.harness.train;

import org.cifarzoo.zoo.ModelSpec;

/**
 * One training run (one cell of a results table).
 *
 * @param augmentation pipeline name (basic, cutout, mixup, cutmix)
 * @param schedule     learning-rate schedule in command-line form, e.g. {@code cosine:epochs=150,hi=0.5}
 * @param trainLimit   use only the first N training images (0 = all 50 000)
 * @param testLimit    evaluate on the first N test images (0 = all 10 000)
 */
public record TrainConfig(ModelSpec spec, int batchSize, int epochs, String augmentation, String schedule,
                          int trainLimit, int testLimit, long seed) {
    public TrainConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("image limits must be >= 0 (0 = all), got " + trainLimit + ", " + testLimit);
        }
    }
}
