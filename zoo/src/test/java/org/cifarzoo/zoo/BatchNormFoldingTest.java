package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.LayerHelpers;
import org.cifarzoo.backend.OneDnnConvolution;
import org.cifarzoo.zoo.layers.FoldedConvolution;
import org.cifarzoo.zoo.layers.LinearConvolution;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inference graph with batch norms folded into convolutions computes what the network computes in inference, to
 * float rounding, on the fast path (ReLU inside oneDNN's convolution) and on DL4J's reference layers; the network
 * it came from is left as it was.
 */
class BatchNormFoldingTest {

    @AfterAll
    static void restore() {
        Backend.start(true);
    }

    /** A zoo network with batch-norm statistics and affine parameters far from their initial 0 / 1. */
    private static ComputationGraph trainedLooking(String model, boolean fastPath) {
        Backend.start(fastPath); // read when the layers are created
        ModelSpec spec = ZooRegistry.standard().get(model).defaultSpec();
        ComputationGraph net = new ComputationGraph(ZooRegistry.standard().get(model)
                .build(spec, BuildOptions.defaults(5).withDataType(DataType.FLOAT)));
        net.init();
        LayerHelpers.install(net);
        Nd4j.getRandom().setSeed(5);
        for (Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization) {
                Map<String, INDArray> p = layer.paramTable();
                p.get("gamma").assign(Nd4j.rand(DataType.FLOAT, p.get("gamma").shape()).addi(0.5));
                p.get("beta").assign(Nd4j.randn(DataType.FLOAT, p.get("beta").shape()).muli(0.3));
                p.get("mean").assign(Nd4j.randn(DataType.FLOAT, p.get("mean").shape()).muli(0.3));
                p.get("var").assign(Nd4j.rand(DataType.FLOAT, p.get("var").shape()).addi(0.5));
            }
        }
        return net;
    }

    @ParameterizedTest(name = "{0}, fast path {1}")
    @CsvSource({"ResNet18, true, 8", "ResNet18, false, 8", "MobileNetV2, true, 35", "DenseNet52k12, true, 24"})
    void sameInferenceOutputs(String model, boolean fastPath, int foldedPairs) {
        ComputationGraph net = trainedLooking(model, fastPath);
        INDArray paramsBefore = net.params().dup();
        ComputationGraph folded = BatchNormFolding.fold(net);

        assertEquals(net.getLayers().length - foldedPairs, folded.getLayers().length);
        assertEquals(foldedPairs, Arrays.stream(folded.getLayers())
                .filter(l -> l.conf().getLayer() instanceof FoldedConvolution).count());
        if (fastPath) {
            assertTrue(Arrays.stream(folded.getLayers()).noneMatch(l ->
                    l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer conv
                    && !(conv.getHelper() instanceof OneDnnConvolution)), "a convolution off oneDNN");
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32);
        Map<String, INDArray> expected = net.feedForward(x.dup(), false);
        Map<String, INDArray> actual = folded.feedForward(x.dup(), false);
        for (String layer : new String[]{"head_pool", "head_fc"}) {
            assertClose(expected.get(layer), actual.get(layer), layer);
        }
        assertEquals(paramsBefore, net.params());
        assertEquals(expected.get("head_fc"), net.outputSingle(false, x.dup()));
    }

    /** A convolution with a bias of its own (none of the zoo's has one), both layouts, both paths. */
    @ParameterizedTest(name = "{0}, fast path {1}")
    @CsvSource({"NHWC, true", "NCHW, true", "NCHW, false"})
    void foldsAConvolutionsOwnBias(CNN2DFormat layout, boolean fastPath) {
        Backend.start(fastPath);
        ComputationGraphConfiguration.GraphBuilder graph = ProbeGraphs.builder(3, DataType.FLOAT,
                InputType.convolutional(6, 6, 3, CNN2DFormat.NCHW));
        graph.addLayer("conv", LinearConvolution.of(new ConvolutionLayer.Builder(3, 3).nOut(5).hasBias(true)
                .activation(Activation.IDENTITY)), ProbeGraphs.inLayout(graph, layout));
        graph.addLayer("bn", new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().useLogStd(false)
                .build(), "conv");
        ComputationGraph net = ProbeGraphs.classify(graph, "bn", 3);
        LayerHelpers.install(net);
        Nd4j.getRandom().setSeed(3);
        net.getLayer("conv").getParam("b").assign(Nd4j.randn(DataType.FLOAT, 1, 5));
        Map<String, INDArray> bn = net.getLayer("bn").paramTable();
        bn.get("gamma").assign(Nd4j.rand(DataType.FLOAT, 1, 5).addi(0.5));
        bn.get("beta").assign(Nd4j.randn(DataType.FLOAT, 1, 5));
        bn.get("mean").assign(Nd4j.randn(DataType.FLOAT, 1, 5));
        bn.get("var").assign(Nd4j.rand(DataType.FLOAT, 1, 5).addi(0.5));

        ComputationGraph folded = BatchNormFolding.fold(net);
        assertTrue(folded.getLayer("bn").conf().getLayer() instanceof FoldedConvolution);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 6, 6);
        assertClose(net.feedForward(x.dup(), false).get("pool"), folded.feedForward(x.dup(), false).get("pool"),
                "pooled batch-norm output");
    }

    @Test
    void foldsOnlyAConvolutionsOnlyReader() {
        ComputationGraph folded = BatchNormFolding.fold(trainedLooking("ResNet18", true));
        // a unit's first batch norm reads the unit's input, which the shortcut reads too: it stays
        assertTrue(folded.getLayer("stage1_unit1_1_bn_relu") instanceof BatchNormalization);
        LayerVertex unitSecond = (LayerVertex) folded.getConfiguration().getVertices().get("stage1_unit1_2_bn_relu");
        assertTrue(unitSecond.getLayerConf().getLayer() instanceof FoldedConvolution);
        assertEquals(folded.getConfiguration().getVertexInputs().get("stage1_unit1_2_bn_relu"),
                List.of("stage1_unit1_1_bn_relu"));
    }

    @Test
    void refusesToTrain() {
        ComputationGraph folded = BatchNormFolding.fold(trainedLooking("ResNet18", true));
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32), Nd4j.eye(10).getRows(0, 1, 2, 3));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> folded.fit(batch));
        assertTrue(e.getMessage().contains("inference graph"), e.getMessage());
    }

    /** Equal to float rounding: within 1e-5 of the larger magnitude. */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
        double scale = Math.max(expected.amaxNumber().doubleValue(), actual.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5 * scale, what + ": max difference " + diff + " at scale " + scale);
    }
}
