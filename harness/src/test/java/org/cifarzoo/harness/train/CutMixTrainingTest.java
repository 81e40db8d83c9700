package org.cifarzoo.harness.train;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.harness.TestData;
import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ZooRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README default augmentation still lets a network learn: ResNet18 trained on CutMix batches (soft labels,
 * pasted boxes) of 6 400 real images for two epochs is clearly above chance (10 %) on 1 000 test images. The bar
 * is lower than {@link TrainerTest}'s (basic augmentation) because CutMix makes the task harder in short runs.
 */
class CutMixTrainingTest {
    @BeforeAll
    static void backend() {
        Backend.start();
    }

    @Test
    void resNet18LearnsFromCutMixBatches() {
        TrainConfig config = new TrainConfig(new ModelSpec("ResNet18", 1, 32, MainActivation.RELU), 64, 2, "cutmix",
                "cosine:epochs=2,hi=0.05,lo=0.01,warmup=0", 6_400, 1_000, 1);
        TrainResult r = new Trainer(ZooRegistry.standard()).train(config, TestData.cifar());
        System.out.printf("cutmix ResNet18: top-1 best %.1f%% last %.1f%%, train %.0f img/s, wall %.0f s%n",
                r.top1BestPct(), r.top1LastPct(), r.trainImgPerS(), r.wallS());
        assertEquals(6_400, r.trainImages());
        assertEquals(1_000, r.testImages());
        assertTrue(r.top1BestPct() > 20, "top-1 " + r.top1BestPct() + "% is not clearly above chance (10 %)");
    }
}
