package org.cifarzoo.harness.matrix;

import org.cifarzoo.harness.train.TrainConfig;
import org.cifarzoo.zoo.ModelSpec;

/**
 * One cell of a results matrix: a training configuration plus the seed's published numbers for comparison.
 *
 * @param id        unique within its matrix, e.g. {@code main/ResNet18/32px/w1/b1024/relu/cutmix}
 * @param seedTop1  the original's top-1 %, or null where it published none (likewise the other seed numbers)
 */
public record Cell(String id, String family, TrainConfig config, Double seedTop1, Long seedParams,
                   Double seedTrainImgPerS, Double seedInferImgPerS, String notes) {

    public ModelSpec spec() {
        return config.spec();
    }
}
