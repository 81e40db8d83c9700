package org.cifarzoo.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DenseNet-BC (models.md §7) against the spec's channel table, concatenation order and L2 placement. Parameter
 * counts are checked with every seed row by {@link SeedParameterCountTest}. Builds configurations only.
 */
class DenseNetTest {
    private static final ZooRegistry ZOO = ZooRegistry.standard();

    private static ComputationGraphConfiguration conf(String model) {
        ZooRegistry.Entry e = ZOO.get(model);
        return e.build(e.defaultSpec(), BuildOptions.defaults(1));
    }

    private static InputType.InputTypeConvolutional type(Map<String, InputType> types, String vertex) {
        return (InputType.InputTypeConvolutional) types.get(vertex);
    }

    /** Channels after stem → block 1 → transition 1 → block 2 → transition 2 → block 3, and the map sizes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "DenseNet52k12,  8,  24, 120, 60,  156, 78,  174",
            "DenseNet100k12, 16, 24, 216, 108, 300, 150, 342",
            "DenseNet100k16, 16, 32, 288, 144, 400, 200, 456",
            "DenseNet160k12, 26, 24, 336, 168, 480, 240, 552"})
    void channelsFollowTheSpecTable(String model, int units, long stem, long block1, long trans1, long block2,
                                    long trans2, long block3) {
        Map<String, InputType> t = conf(model).getLayerActivationTypes(
                InputType.convolutional(32, 32, 3, CNN2DFormat.NCHW));
        String last = "_unit" + units + "_concat";
        assertEquals(stem, type(t, "stem_conv").getChannels());
        assertEquals(block1, type(t, "block1" + last).getChannels());
        assertEquals(trans1, type(t, "transition1_pool").getChannels());
        assertEquals(block2, type(t, "block2" + last).getChannels());
        assertEquals(trans2, type(t, "transition2_pool").getChannels());
        assertEquals(block3, type(t, "block3" + last).getChannels());
        assertEquals(32, type(t, "block1" + last).getHeight());
        assertEquals(16, type(t, "block2" + last).getHeight());
        assertEquals(8, type(t, "block3" + last).getHeight());
        assertEquals(block3, type(t, "head_bn_relu").getChannels());
    }

    /** The unit's k new channels come first, then the unit's input (the reference's order). */
    @Test
    void newChannelsAreConcatenatedFirst() {
        ComputationGraphConfiguration c = conf("DenseNet52k12");
        assertEquals(List.of("block1_unit1_2_conv", "stem_conv"), c.getVertexInputs().get("block1_unit1_concat"));
        assertEquals(List.of("block2_unit1_2_conv", "transition1_pool"),
                c.getVertexInputs().get("block2_unit1_concat"));
        assertEquals(List.of("block3_unit2_2_conv", "block3_unit1_concat"),
                c.getVertexInputs().get("block3_unit2_concat"));
        assertEquals(List.of("block1_unit8_concat"), c.getVertexInputs().get("transition1_bn_relu"));
    }

    /** Keras λ = 1e-4 on every conv kernel (DL4J coefficient 2λ), stem included; 3·N·2 + 2 + 1 convs. */
    @Test
    void l2OnEveryConvKernel() {
        ComputationGraphConfiguration c = conf("DenseNet52k12");
        int convs = 0;
        for (Map.Entry<String, GraphVertex> e : c.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex v && v.getLayerConf().getLayer() instanceof ConvolutionLayer conv) {
                convs++;
                List<Regularization> r = conv.getRegularization();
                assertTrue(r.size() == 1 && r.get(0) instanceof L2Regularization l2
                        && Math.abs(l2.getL2().valueAt(0, 0) - 2e-4) < 1e-15, e.getKey() + ": " + r);
            }
        }
        assertEquals(3 * 8 * 2 + 2 + 1, convs);
    }

    @Test
    void onlyThePublishedConfigurationExists() {
        ZooRegistry.Entry e = ZOO.get("DenseNet52k12");
        assertThrows(IllegalArgumentException.class, () -> e.build(
                new ModelSpec("DenseNet52k12", 2, 32, MainActivation.RELU), BuildOptions.defaults(1)));
        assertThrows(IllegalArgumentException.class, () -> e.build(
                new ModelSpec("DenseNet52k12", 1, 32, MainActivation.MISH), BuildOptions.defaults(1)));
    }
}
