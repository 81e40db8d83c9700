package org.cifarzoo.reports;

import java.math.BigDecimal;

/**
 * One cell of a results matrix: the configuration a matrix run trains, and the seed's published numbers for it,
 * exactly as the matrix CSV states them. Text columns are the cell as written; numeric columns are {@code null}
 * when the cell is empty (e.g. the seed gives no throughput for Mish rows, no numbers at all for TResNetL).
 *
 * <p>The seed's numbers are kept as {@link BigDecimal}s so they print as the matrix prints them ({@code 95.4},
 * {@code 94.70}) and deltas against them are exact.
 *
 * @param line              line of the matrix CSV this cell is on (the header is line 1)
 * @param cell              the cell id, e.g. {@code main/ResNet18/32px/w1/b1024/relu/cutmix}; results rows name it
 *                          in their {@code cell} column
 * @param resolutionPx      resolution inside the network; 32 = native CIFAR
 * @param width             width factor
 * @param trainLimit        training images used; 0 = all
 * @param testLimit         test images used; 0 = all
 * @param seedTop1Pct       the seed's top-1, in %
 * @param seedParams        the seed's parameter count
 * @param seedTrainImgPerS  the seed's training throughput (RTX3090, FP16 + XLA), 32x32 images per second
 * @param seedInferImgPerS  the seed's inference throughput, same conditions
 */
public record SeedCell(
        long line, String cell, String family, String model, Integer resolutionPx, Double width, Integer batchSize,
        String activation, String augmentation, Integer epochs, String schedule, Long trainLimit, Long testLimit,
        BigDecimal seedTop1Pct, Long seedParams, BigDecimal seedTrainImgPerS, BigDecimal seedInferImgPerS,
        String notes) {
}
