package org.cifarzoo.harness.results;

import org.cifarzoo.backend.BackendInfo;
import org.cifarzoo.zoo.ModelSpec;

import java.util.List;

/**
 * One row of {@code results.csv}: what was run, what it measured (raw numbers, units in the column names) and
 * where the numbers came from. Empty cells are {@code null}. {@code cell} is the matrix cell id (null for a single
 * {@code train}).
 */
public record ResultRow(
        ModelSpec spec, String family, int batchSize, String augmentation, String schedule, int epochs,
        Integer trainImages, Integer testImages,
        Double top1BestPct, Double top1LastPct, long params,
        Double trainImgPerS, Double trainImgPerSSd, Double inferImgPerS, double wallS,
        String status, String error, Provenance provenance, String cell) {

    public static final List<String> COLUMNS = List.of(
            "model", "family", "width", "resolution_px", "activation", "batch_size", "augmentation", "schedule",
            "epochs", "train_images", "test_images", "top1_best_pct", "top1_last_pct", "params",
            "train_img_per_s", "train_img_per_s_sd", "infer_img_per_s", "wall_s", "status", "error",
            "git_commit", "backend", "classifier", "helpers", "device", "threads", "jvm", "dl4j", "date", "seed",
            "load_avg", "cell");

    /** The row of a finished run. */
    public static ResultRow ok(String family, org.cifarzoo.harness.train.TrainConfig c,
                               org.cifarzoo.harness.train.TrainResult r, Provenance provenance, String cell) {
        return new ResultRow(c.spec(), family, c.batchSize(), c.augmentation(), r.scheduleDescription(), c.epochs(),
                r.trainImages(), r.testImages(), r.top1BestPct(), r.top1LastPct(), r.params(), r.trainImgPerS(),
                r.trainImgPerSSd(), r.inferImgPerS(), r.wallS(), "ok", null, provenance, cell);
    }

    /** The row of a run that stopped: what was asked for, how long it ran and why it failed. */
    public static ResultRow failed(String family, org.cifarzoo.harness.train.TrainConfig c, double wallS,
                                   String reason, Provenance provenance, String cell) {
        return new ResultRow(c.spec(), family, c.batchSize(), c.augmentation(), c.schedule(), c.epochs(), null, null,
                null, null, 0, null, null, null, wallS, "failed", reason, provenance, cell);
    }

    public List<Object> values() {
        BackendInfo b = provenance.backend();
        return java.util.Arrays.asList(
                spec.model(), family, spec.width(), spec.resolutionPx(), spec.activation().csvName(), batchSize,
                augmentation, schedule, epochs, trainImages, testImages, top1BestPct, top1LastPct, params,
                trainImgPerS, trainImgPerSSd, inferImgPerS, wallS, status, error,
                provenance.gitCommit(), b.backend(), b.classifier(), b.helpers() ? "on" : "off", b.device(),
                b.threads(), b.jvm(), b.dl4jVersion(), provenance.date(), provenance.seed(), provenance.loadAvg(), cell);
    }
}
