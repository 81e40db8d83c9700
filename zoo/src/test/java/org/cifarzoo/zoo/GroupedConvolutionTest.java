package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.GroupedConvolution;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grouped convolution, on the fast path and off it: same forward values and input/kernel gradients as DL4J's
 * dense convolution with the block-diagonal kernel, same L2 penalty; Keras-style parameter count and Glorot range; a double-precision gradient
 * check; a save/load round trip.
 */
class GroupedConvolutionTest {
    private static final double L2 = 2e-4;

    @BeforeAll
    @AfterAll
    static void backend() {
        Backend.start();
    }

    /**
     * tanh → conv (grouped or dense) → per-pixel MSE loss: no other parameters, and the conv's input is an activation
     * array inside a workspace rather than the network's own input. (DL4J's tanh layer may overwrite the network
     * input in place, so every call below gets its own copy of x.)
     */
    private static MultiLayerNetwork probe(Layer conv, int channels, int size) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER_UNIFORM).convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(conv)
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(size, size, channels, CNN2DFormat.NCHW))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Dense kernel [n, C, k, k] that is zero outside the diagonal group blocks and equal to {@code grouped} in them. */
    private static INDArray blockDiagonal(INDArray grouped, int channels, int groups) {
        long out = grouped.size(0);
        long inPerGroup = grouped.size(1);
        long outPerGroup = out / groups;
        INDArray dense = Nd4j.zeros(grouped.dataType(), out, channels, grouped.size(2), grouped.size(3));
        for (int j = 0; j < groups; j++) {
            dense.get(NDArrayIndex.interval(j * outPerGroup, (j + 1) * outPerGroup),
                            NDArrayIndex.interval(j * inPerGroup, (j + 1) * inPerGroup))
                    .assign(grouped.get(NDArrayIndex.interval(j * outPerGroup, (j + 1) * outPerGroup)));
        }
        return dense;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double scale = Math.max(expected.amaxNumber().doubleValue(), 1e-12);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 2e-5 * scale, what + ": max difference " + diff + " at scale " + scale);
    }

    /** On the fast path one oneDNN grouped convolution; on the reference path libnd4j's conv2d per group. */
    @ParameterizedTest(name = "{0}->{1} channels, {2}x{2}, stride {3}, {4} groups, {5}px, fast path {6}")
    @CsvSource({"32, 32, 3, 1, 16, 8, true", "24, 48, 3, 2, 4, 8, true", "16, 8, 1, 1, 2, 6, true",
            "12, 12, 3, 2, 3, 7, true", "32, 32, 3, 1, 16, 8, false", "24, 48, 3, 2, 4, 8, false",
            "16, 8, 1, 1, 2, 6, false", "12, 12, 3, 2, 3, 7, false"})
    void equalsDenseConvolutionWithBlockDiagonalKernel(int in, int out, int kernel, int stride, int groups, int px,
                                                       boolean fastPath) {
        Backend.start(fastPath); // read when the layers are created
        MultiLayerNetwork grouped = probe(new GroupedConvolution.Builder(kernel, groups).stride(stride).nOut(out)
                .l2(L2).build(), in, px);
        MultiLayerNetwork dense = probe(new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(out)
                .hasBias(false).activation(Activation.IDENTITY).l2(L2).build(), in, px);
        INDArray w = grouped.getLayer(1).getParam(GroupedConvolution.WEIGHT_KEY);
        assertArrayEquals(new long[]{out, in / groups, kernel, kernel}, w.shape());
        dense.getLayer(1).setParam("W", blockDiagonal(w, in, groups));

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, in, px, px).subi(0.5);
        long outPx = (px + stride - 1) / stride;
        INDArray y = Nd4j.rand(DataType.FLOAT, 3, out, outPx, outPx);

        INDArray outGrouped = grouped.output(x.dup());
        assertArrayEquals(new long[]{3, out, outPx, outPx}, outGrouped.shape());
        assertClose(dense.output(x.dup()), outGrouped, "forward");

        Pair<Gradient, INDArray> gGrouped = grouped.calculateGradients(x.dup(), y, null, null);
        Pair<Gradient, INDArray> gDense = dense.calculateGradients(x.dup(), y, null, null);
        assertClose(gDense.getSecond(), gGrouped.getSecond(), "input gradient");
        INDArray denseKernelGrad = gDense.getFirst().getGradientFor("1_W");
        INDArray groupedKernelGrad = gGrouped.getFirst().getGradientFor("1_W");
        long outPerGroup = out / groups;
        long inPerGroup = in / groups;
        for (int j = 0; j < groups; j++) {
            assertClose(denseKernelGrad.get(NDArrayIndex.interval(j * outPerGroup, (j + 1) * outPerGroup),
                            NDArrayIndex.interval(j * inPerGroup, (j + 1) * inPerGroup)),
                    groupedKernelGrad.get(NDArrayIndex.interval(j * outPerGroup, (j + 1) * outPerGroup)),
                    "kernel gradient, group " + j);
        }
        // the same L2 penalty: the block-diagonal kernel's extra entries are zero
        grouped.setInput(x.dup());
        grouped.setLabels(y);
        dense.setInput(x.dup());
        dense.setLabels(y);
        grouped.computeGradientAndScore();
        dense.computeGradientAndScore();
        assertEquals(dense.score(), grouped.score(), 1e-5 * Math.abs(dense.score()));
        assertEquals(0.5 * L2 * w.norm2Number().doubleValue() * w.norm2Number().doubleValue(),
                grouped.getLayer(1).calcRegularizationScore(true), 1e-9);
    }

    @Test
    void kerasParameterCountAndGlorotUniformInit() {
        MultiLayerNetwork net = probe(new GroupedConvolution.Builder(3, 16).nOut(128).build(), 128, 4);
        INDArray w = net.getLayer(1).getParam(GroupedConvolution.WEIGHT_KEY);
        assertEquals(3 * 3 * (128 / 16) * 128, net.numParams());
        double limit = Math.sqrt(6.0 / (3 * 3 * 128 / 16 + 3 * 3 * 128));
        assertTrue(w.amaxNumber().doubleValue() <= limit);
        assertEquals(limit / Math.sqrt(3), w.stdNumber().doubleValue(), 0.02 * limit);
    }

    /** input (4×5×5) → grouped conv (g=2) → tanh → grouped conv (stride 2, g=2) → GAP → softmax. */
    private static ComputationGraph small(DataType type) {
        return ProbeGraphs.classify(new NeuralNetConfiguration.Builder().seed(5).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER_UNIFORM).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(5, 5, 4, CNN2DFormat.NCHW))
                .addLayer("gconv1", new GroupedConvolution.Builder(3, 2).nOut(4).l2(L2).build(), "input")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.TANH).build(), "gconv1")
                .addLayer("gconv2", new GroupedConvolution.Builder(3, 2).stride(2).nOut(4).build(), "act"),
                "gconv2", 3);
    }

    @Test
    void gradientCheckInDoublePrecision() {
        ComputationGraph net = small(DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 5, 5).subi(0.5).muli(2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        for (int i = 0; i < 2; i++) {
            y.putScalar(i, i, 1);
        }
        assertTrue(DoubleGradientCheck.passes(new GradientCheckUtil.GraphConfig().net(net).inputs(new INDArray[]{x})
                .labels(new INDArray[]{y}).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }

    @Test
    void saveAndLoadGivesIdenticalOutputs(@TempDir File dir) throws Exception {
        ComputationGraph net = small(DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 5, 5);
        File file = new File(dir, "grouped.zip");
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(net.getConfiguration(), loaded.getConfiguration());
        assertEquals(net.params(), loaded.params());
        assertEquals(net.outputSingle(x), loaded.outputSingle(x));
    }
}
