package org.cifarzoo.reports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small matrix in the harness's format and results rows that name its cells. Families are in a non-alphabetical
 * order (MobileNetV3, ResNetV2, DenseNet) so the tests can tell matrix order from sorting.
 */
final class SeedFixture {
    static final String SCHEDULE = "cosine:epochs=150,hi=0.5,lo=0.001,warmup=10";

    static final String AUG_BASIC = "aug/ResNet50/32px/w1/b1024/relu/basic";
    static final String AUG_SD = "aug/ResNet50SD/32px/w1/b1024/relu/basic";
    static final String AUG_MIXUP = "aug/ResNet50/32px/w1/b1024/relu/mixup";
    static final String AUG_CUTOUT = "aug/ResNet50/32px/w1/b1024/relu/cutout";
    static final String AUG_CUTMIX = "aug/ResNet50/32px/w1/b1024/relu/cutmix";
    static final String AUG_MNV3_BASIC = "aug/MobileNetV3S/192px/w2/b1024/relu+swish/basic";
    static final String AUG_MNV3_CUTMIX = "aug/MobileNetV3S/192px/w2/b1024/relu+swish/cutmix";
    static final String MNV3_128 = "main/MobileNetV3S/128px/w1/b1024/relu+swish/cutmix";
    static final String MNV3_128_W4 = "main/MobileNetV3S/128px/w4/b512/relu+swish/cutmix";
    static final String RESNET18 = "main/ResNet18/32px/w1/b1024/relu/cutmix";
    static final String RESNET18_MISH = "main/ResNet18/32px/w1/b1024/mish/cutmix";
    static final String RESNET170_LR = "main/ResNet170/32px/w1/b1024/mish/cutmix/lr0.75";
    static final String DENSENET = "main/DenseNet52k12/32px/w1/b1024/relu/cutmix";

    /** cell, family, model, resolution, width, batch, activation, augmentation, schedule, top1, params, train, infer. */
    static final List<List<String>> MATRIX = List.of(
            List.of(AUG_BASIC, "ResNetV2", "ResNet50", "32", "1", "1024", "relu", "basic", SCHEDULE,
                    "93.46", "1320570", "", ""),
            List.of(AUG_MIXUP, "ResNetV2", "ResNet50", "32", "1", "1024", "relu", "mixup", SCHEDULE,
                    "94.64", "1320570", "", ""),
            List.of(AUG_CUTOUT, "ResNetV2", "ResNet50", "32", "1", "1024", "relu", "cutout", SCHEDULE,
                    "94.70", "1320570", "", ""),
            List.of(AUG_CUTMIX, "ResNetV2", "ResNet50", "32", "1", "1024", "relu", "cutmix", SCHEDULE,
                    "94.77", "1320570", "", ""),
            List.of(AUG_SD, "ResNetV2-SD", "ResNet50SD", "32", "1", "1024", "relu", "basic", SCHEDULE,
                    "94.08", "1320570", "", ""),
            List.of(AUG_MNV3_BASIC, "MobileNetV3", "MobileNetV3S", "192", "2", "1024", "relu+swish", "basic",
                    SCHEDULE, "94.35", "3575242", "", ""),
            List.of(AUG_MNV3_CUTMIX, "MobileNetV3", "MobileNetV3S", "192", "2", "1024", "relu+swish", "cutmix",
                    SCHEDULE, "95.85", "3575242", "", ""),
            List.of(MNV3_128, "MobileNetV3", "MobileNetV3S", "128", "1", "1024", "relu+swish", "cutmix", SCHEDULE,
                    "93.72", "944890", "11845", "66137"),
            List.of(MNV3_128_W4, "MobileNetV3", "MobileNetV3S", "128", "4", "512", "relu+swish", "cutmix", SCHEDULE,
                    "95.99", "13925762", "2608", "23516"),
            List.of(RESNET18, "ResNetV2", "ResNet18", "32", "1", "1024", "relu", "cutmix", SCHEDULE,
                    "92.81", "692218", "39127", "99028"),
            List.of(RESNET18_MISH, "ResNetV2", "ResNet18", "32", "1", "1024", "mish", "cutmix", SCHEDULE,
                    "93.53", "692218", "", ""),
            List.of(RESNET170_LR, "ResNetV2", "ResNet170", "32", "1", "1024", "mish", "cutmix",
                    "cosine:epochs=150,hi=0.75,lo=0.001,warmup=10", "96.44", "4190330", "", ""),
            List.of(DENSENET, "DenseNet", "DenseNet52k12", "32", "", "1024", "relu", "cutmix", SCHEDULE,
                    "93.75", "272398", "7209", "31956"));

    /** The results header: the harness's columns with {@code cell} last. */
    static final List<String> RESULTS_HEADER = withCell();

    /** Five runs: three ok (two setups), one failed, one of a cell that is not in the matrix. */
    static final List<Map<String, String>> RESULTS = List.of(
            ResultsFixture.row("model", "ResNet18", "batch_size", "1024", "epochs", "150", "top1_best_pct", "63.92",
                    "cell", RESNET18),
            ResultsFixture.row("model", "ResNet50", "batch_size", "1024", "epochs", "150", "augmentation", "basic",
                    "params", "1320570", "cell", AUG_BASIC),
            ResultsFixture.row("model", "ResNet50", "batch_size", "1024", "epochs", "150", "augmentation", "mixup",
                    "status", "failed", "error", "OutOfMemoryError: Java heap space", "top1_best_pct", "",
                    "top1_last_pct", "", "train_img_per_s", "", "train_img_per_s_sd", "", "infer_img_per_s", "",
                    "params", "0", "cell", AUG_MIXUP),
            ResultsFixture.row("model", "MobileNetV3S", "family", "MobileNetV3", "resolution_px", "128",
                    "activation", "relu+swish", "batch_size", "1024", "epochs", "150", "top1_best_pct", "58.4",
                    "params", "944890", "train_img_per_s", "35.2", "infer_img_per_s", "120.6",
                    "device", "Intel Xeon 8375C", "classifier", "linux-x86_64-onednn-avx2", "cell", MNV3_128),
            ResultsFixture.row("model", "ResNet18", "batch_size", "128", "epochs", "3", "top1_best_pct", "41.5",
                    "cell", "quick/ResNet18/cutmix"));

    private SeedFixture() {
    }

    static String matrixCsv() {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            p.printRecord(SeedTable.COLUMNS);
            for (List<String> c : MATRIX) {
                p.printRecord(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6), c.get(7), "150",
                        c.get(8), "0", "0", c.get(9), c.get(10), c.get(11), c.get(12), "fixture");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String resultsCsv(List<Map<String, String>> rows) {
        return ResultsFixture.csv(RESULTS_HEADER, rows);
    }

    private static List<String> withCell() {
        List<String> header = new ArrayList<>(ResultsTable.COLUMNS);
        header.add("cell");
        return List.copyOf(header);
    }
}
