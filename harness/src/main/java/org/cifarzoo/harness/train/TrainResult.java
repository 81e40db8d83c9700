package org.cifarzoo.harness.train;

/**
 * What a training run measured.
 *
 * @param trainImgPerS   mean over epochs of training images per second (fit only; evaluation excluded)
 * @param trainImgPerSSd standard deviation of the per-epoch rates
 * @param inferImgPerS   test images per second during the last evaluation pass
 */
public record TrainResult(double top1BestPct, double top1LastPct, long params, int trainImages, int testImages,
                          double trainImgPerS, double trainImgPerSSd, double inferImgPerS, double wallS,
                          String scheduleDescription) {
}
