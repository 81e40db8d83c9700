package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.BatchNormRelu;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch norm + ReLU as one layer, on oneDNN (fused where oneDNN has a fast kernel: 16 channels, and 12 and 6 channels
 * channels-last, regrouped into rows of 4 and 8 pixels; separate passes: 12 channels NCHW) and on the reference path,
 * against DL4J's batch norm and activation layers on the reference path: the same activations, running statistics and
 * gradients to float rounding; a double-precision gradient check; JSON.
 */
class BatchNormReluTest {
    private static final double BN_DECAY = 0.9;
    private static final double BN_EPS = 1e-3;

    @AfterAll
    static void restore() {
        Backend.start(true);
    }

    /** input → [ChannelsLast] → conv (tanh) → batch norm + ReLU (one layer or two) → conv → GAP → FC. */
    private static ComputationGraph probe(DataType type, CNN2DFormat layout, int channels, boolean oneLayer) {
        ComputationGraphConfiguration.GraphBuilder graph = ProbeGraphs.builder(9, type,
                InputType.convolutional(6, 6, 3, CNN2DFormat.NCHW));
        graph.addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(channels).activation(Activation.TANH).build(),
                ProbeGraphs.inLayout(graph, layout));
        String normalised;
        if (oneLayer) {
            graph.addLayer("bn_relu", BatchNormRelu.of(BN_DECAY, BN_EPS), "conv1");
            normalised = "bn_relu";
        } else {
            graph.addLayer("bn", new BatchNormalization.Builder().decay(BN_DECAY).eps(BN_EPS).useLogStd(false).build(),
                    "conv1");
            graph.addLayer("relu", new ActivationLayer(Activation.RELU), "bn");
            normalised = "relu";
        }
        graph.addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build(),
                normalised);
        return ProbeGraphs.classify(graph, "conv2", 3);
    }

    @ParameterizedTest(name = "{0}, {1} channels, fast path {2}")
    @CsvSource({"NHWC, 16, true", "NCHW, 16, true", "NHWC, 12, true", "NCHW, 12, true", "NHWC, 6, true",
            "NHWC, 16, false",
            "NCHW, 12, false"})
    void sameAsDl4jsBatchNormAndReluLayers(CNN2DFormat layout, int channels, boolean fastPath) {
        Backend.start(false); // the unoptimised path: DL4J's layers, no helpers
        ComputationGraph reference = probe(DataType.FLOAT, layout, channels, false);
        Backend.start(fastPath); // read when the layers are created
        ComputationGraph fused = probe(DataType.FLOAT, layout, channels, true);
        assertEquals(reference.params(), fused.params());
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 6, 6).subi(0.5);
        INDArray y = ProbeGraphs.oneHot(8, 3, DataType.FLOAT);

        for (boolean training : new boolean[]{true, false}) {
            Map<String, INDArray> expected = reference.feedForward(x.dup(), training);
            Map<String, INDArray> actual = fused.feedForward(x.dup(), training);
            assertClose(expected.get("relu"), actual.get("bn_relu"), "activations, training " + training);
            assertTrue(actual.get("bn_relu").minNumber().doubleValue() >= 0);
            assertClose(expected.get("fc"), actual.get("fc"), "outputs, training " + training);
        }
        for (ComputationGraph net : new ComputationGraph[]{reference, fused}) {
            net.setInputs(x.dup());
            net.setLabels(y);
            net.computeGradientAndScore();
        }
        Map<String, INDArray> expected = reference.gradient().gradientForVariable();
        Map<String, INDArray> actual = fused.gradient().gradientForVariable();
        for (String param : new String[]{"gamma", "beta", "mean", "var"}) {
            assertClose(expected.get("bn_" + param), actual.get("bn_relu_" + param), param + " gradient");
        }
        for (String param : new String[]{"conv1_W", "conv1_b", "conv2_W", "fc_W"}) {
            assertClose(expected.get(param), actual.get(param), param + " gradient");
        }
    }

    @Test
    void gradientsAreExactInDoublePrecision() {
        ComputationGraph net = probe(DataType.DOUBLE, CNN2DFormat.NHWC, 5, true);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 6, 6).subi(0.5);
        assertTrue(DoubleGradientCheck.passes(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{ProbeGraphs.oneHot(4, 3, DataType.DOUBLE)})
                // DL4J's batch-norm gradient check leaves out the running statistics, which are not trained
                .excludeParams(Set.of("bn_relu_mean", "bn_relu_var"))
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }

    @Test
    void configurationSurvivesJsonAndIsNotAPlainBatchNorm() {
        ComputationGraphConfiguration conf = probe(DataType.FLOAT, CNN2DFormat.NHWC, 16, true).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        BatchNormRelu layer = (BatchNormRelu) layer(back, "bn_relu");
        assertEquals(layer(conf, "bn_relu"), layer);
        assertEquals(BN_EPS, layer.getEps());
        assertEquals(CNN2DFormat.NHWC, layer.getCnn2DFormat());

        BatchNormalization plain = (BatchNormalization) layer(probe(DataType.FLOAT, CNN2DFormat.NHWC, 16, false)
                .getConfiguration(), "bn");
        plain.setLayerName(layer.getLayerName());
        plain.setCudnnAllowFallback(layer.isCudnnAllowFallback());
        assertNotEquals(layer, plain);
        assertNotEquals(plain, layer);
    }

    private static Layer layer(ComputationGraphConfiguration conf, String name) {
        return ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
    }

    /**
     * Equal to float rounding: within 1e-5 of the larger magnitude, or 5e-6 absolute (the bias gradient in front of a
     * batch norm sums terms that nearly cancel, so its rounding is absolute; 1.1e-6 seen).
     */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
        double scale = Math.max(expected.amaxNumber().doubleValue(), actual.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= Math.max(1e-5 * scale, 5e-6), what + ": max difference " + diff + " at scale " + scale);
    }
}
