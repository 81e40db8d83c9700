package org.cifarzoo.zoo;

import org.cifarzoo.zoo.layers.GroupedConvolution;
import org.cifarzoo.zoo.models.ResNeXt;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.regularization.L2Regularization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ResNeXt beyond the seed's counts: the code-only ResNeXt152's count, the 16-group 3×3 convs' widths (group width
 * 4, 8, 16, 32), ResNetV2's shortcut and blur reused under the same names, L2 on the grouped kernels.
 */
class ResNeXtTest {
    private static final ZooRegistry ZOO = ZooRegistry.standard();

    private static ComputationGraphConfiguration build(String model) {
        return ZOO.get(model).build(ZOO.get(model).defaultSpec(), BuildOptions.defaults(1));
    }

    @Test
    void resNeXt152MatchesTheSpecsCodeOnlyCount() {
        assertEquals(14_862_026, ParamCount.of(build("ResNeXt152_16x4d")));
    }

    @Test
    void groupedConvolutionsHaveSixteenGroupsOfGrowingWidth() {
        ComputationGraphConfiguration conf = build("ResNeXt35_16x4d");
        int[] inner = {64, 128, 256, 512};
        for (int stage = 1; stage <= 4; stage++) {
            var layer = ((LayerVertex) conf.getVertices().get("stage" + stage + "_unit1_2_conv")).getLayerConf()
                    .getLayer();
            GroupedConvolution conv = (GroupedConvolution) layer;
            assertEquals(16, conv.getGroups());
            assertEquals(inner[stage - 1], conv.getNIn());
            assertEquals(inner[stage - 1], conv.getNOut());
            assertEquals(3, conv.getKernel());
            assertEquals(1, conv.getStride());
            var l2 = (L2Regularization) conv.getRegularization().get(0);
            assertEquals(2e-4, l2.getL2().valueAt(0, 0));          // Keras λ = 1e-4
        }
        for (String name : new String[]{"stem_conv", "stage1_unit1_2_bn_relu",
                "stage1_unit1_shortcut_pad", "stage2_unit1_blur", "stage2_unit1_shortcut_pool", "stage4_unit2_add",
                "head_bn_relu", "head_fc"}) {
            assertTrue(conf.getVertices().containsKey(name), name);
        }
    }
}
