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

/** End to end on real CIFAR-10: a ResNetV2 learns far above chance (10 %) from 6 400 images in two epochs. */
class TrainerTest {
    @BeforeAll
    static void backend() {
        Backend.start();
    }

    @Test
    void resNet18LearnsFromRealImages() {
        TrainConfig config = new TrainConfig(new ModelSpec("ResNet18", 1, 32, MainActivation.RELU), 64, 2, "basic",
                "cosine:epochs=2,hi=0.05,lo=0.01,warmup=0", 6_400, 1_000, 1);
        TrainResult r = new Trainer(ZooRegistry.standard()).train(config, TestData.cifar());
        assertEquals(692_218, r.params());
        assertEquals(6_400, r.trainImages());
        assertEquals(1_000, r.testImages());
        assertTrue(r.top1BestPct() > 25, "top-1 " + r.top1BestPct() + "% is not clearly above chance");
        assertTrue(r.top1BestPct() >= r.top1LastPct());
        assertTrue(r.trainImgPerS() > 0 && r.inferImgPerS() > 0);
        assertEquals("cosine(T=2,hi=0.05,lo=0.01,wu=0)", r.scheduleDescription());
    }
}
