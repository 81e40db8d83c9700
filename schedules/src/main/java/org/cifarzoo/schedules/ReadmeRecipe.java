package org.cifarzoo.schedules;

/**
 * Schedule settings of the README runs (training.md §1): the defaults of {@link CosineWarmup} and of the
 * shared settings of {@link HyperbolicTangentDecay}, declared once here.
 */
final class ReadmeRecipe {

    static final int TOTAL_EPOCHS = 150;
    static final double LR_MAX = 0.5;
    static final double LR_MIN = 0.001;
    static final int WARMUP_EPOCHS = 10;

    private ReadmeRecipe() {
    }
}
