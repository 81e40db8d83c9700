package org.cifarzoo.zoo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlopCountTest {
    private static final ZooRegistry ZOO = ZooRegistry.standard();

    private static long flops(String model, int width, int px, MainActivation act) {
        ModelSpec spec = new ModelSpec(model, width, px, act);
        return FlopCount.of(ZOO.get(model).build(spec, BuildOptions.defaults(1)));
    }

    @Test
    void resNet18ByHand() {
        // stem 3·3·3·16 at 32²; stage 1: 4 × 3·3·16·16 at 32²; stages 2-4: one strided 3·3·c·2c then 3 × 3·3·2c·2c
        // at 16², 8², 4² (each stage 8 257 536 MACs); head 128·10
        long macs = 432L * 1024 + 4L * 2304 * 1024 + 3L * 8_257_536 + 1280;
        assertEquals(2 * macs, flops("ResNet18", 1, 32, MainActivation.RELU));
    }

    @Test
    void upsamplingMultipliesTheWorkNotTheParameters() {
        long at128 = flops("MobileNetV2", 1, 128, MainActivation.RELU6);
        long at224 = flops("MobileNetV2", 1, 224, MainActivation.RELU6);
        double ratio = (double) at224 / at128;
        assertTrue(ratio > 2.5 && ratio < 3.5, "224 px vs 128 px: " + ratio); // (7/4)² ≈ 3.06 minus the fixed head
    }
}
