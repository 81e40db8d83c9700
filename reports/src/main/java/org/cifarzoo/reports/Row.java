package org.cifarzoo.reports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run, exactly as the harness wrote it to the results CSV. Components follow the CSV's column order.
 *
 * <p>Text columns hold the cell as written (empty string when empty). Numeric columns are parsed and are
 * {@code null} when the cell is empty; nothing is rounded or formatted here. {@link #raw()} keeps every cell of the
 * record as text, in column order, including columns this class does not know about.
 *
 * @param line           line of the CSV file on which this record starts (the header is line 1)
 * @param width          width factor; empty for families without one (DenseNet)
 * @param resolutionPx   resolution inside the network; 32 = native CIFAR
 * @param top1BestPct    best epoch's test top-1, in %
 * @param top1LastPct    last epoch's test top-1, in %
 * @param trainImgPerS   mean training throughput, 32x32 images per second
 * @param trainImgPerSSd standard deviation of {@code trainImgPerS} over the timed repetitions
 * @param wallS          wall-clock seconds of the whole run
 * @param status         {@code ok} or {@code failed}
 * @param error          why a failed run failed (empty for {@code ok} runs)
 * @param helpers        {@code on} or {@code off}: whether DL4J's oneDNN/cuDNN layer helpers were in use
 * @param date           ISO-8601 start time of the run
 * @param loadAvg        1-minute load average when the run started
 */
public record Row(
        long line,
        String model, String family, Double width, Integer resolutionPx, String activation, Integer batchSize,
        String augmentation, String schedule, Integer epochs, Long trainImages, Long testImages,
        Double top1BestPct, Double top1LastPct, Long params,
        Double trainImgPerS, Double trainImgPerSSd, Double inferImgPerS, Double wallS,
        String status, String error,
        String gitCommit, String backend, String classifier, String helpers, String device, Integer threads,
        String jvm, String dl4j, String date, Long seed, Double loadAvg,
        Map<String, String> raw) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public Row {
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
