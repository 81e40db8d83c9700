package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.BlurDownsample;
import org.cifarzoo.zoo.layers.ChannelZeroPad;
import org.cifarzoo.zoo.layers.NearestUpsample;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.File;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The zoo's hand-written vertices: exact forward values, double-precision gradient checks, save/load. */
class CustomVerticesTest {

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    private static ComputationGraph probe(DataType type) {
        return probe(type, CNN2DFormat.NCHW);
    }

    /**
     * conv → Blur2 → Pad0(4→8) → conv → GAP → FC: the conv kernels' gradients flow through both vertices. NCHW
     * input either way; with NHWC a ChannelsLast vertex first turns it channels-last.
     */
    private static ComputationGraph probe(DataType type, CNN2DFormat layout) {
        ComputationGraphConfiguration.GraphBuilder graph = ProbeGraphs.builder(3, type,
                InputType.convolutional(6, 6, 2, CNN2DFormat.NCHW));
        String input = ProbeGraphs.inLayout(graph, layout);
        return ProbeGraphs.classify(graph
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build(), input)
                .addVertex("blur", new BlurDownsample(), "conv1")
                .addVertex("pad", new ChannelZeroPad(8), "blur")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(),
                        "pad"),
                "conv2", 3);
    }

    @Test
    void gradientsThroughBlurAndChannelPadAreExact() {
        ComputationGraph net = probe(DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 6, 6).subi(0.5);
        assertTrue(DoubleGradientCheck.passes(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{ProbeGraphs.oneHot(3, 3, DataType.DOUBLE)})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }

    @Test
    void channelsLastGivesTheSameOutputsAndExactGradients() {
        ComputationGraph nchw = probe(DataType.DOUBLE);
        ComputationGraph nhwc = probe(DataType.DOUBLE, CNN2DFormat.NHWC);
        assertEquals(nchw.params(), nhwc.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 6, 6).subi(0.5);
        assertArrayEquals(new long[]{3, 3, 3, 8}, nhwc.feedForward(x, false).get("pad").shape());
        assertTrue(nchw.outputSingle(x).equalsWithEps(nhwc.outputSingle(x), 1e-12));
        assertTrue(DoubleGradientCheck.passes(new GradientCheckUtil.GraphConfig().net(nhwc)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{ProbeGraphs.oneHot(3, 3, DataType.DOUBLE)})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }

    @Test
    void blurIsTheBinomialFilterWithTfSamePadding() {
        ComputationGraph net = probe(DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 2, 6, 6);
        INDArray conv1 = net.feedForward(x, false).get("conv1");
        INDArray blurred = net.feedForward(x, false).get("blur");
        assertArrayEquals(new long[]{1, 4, 3, 3}, blurred.shape());
        double[] k = {1, 2, 1};
        for (int c = 0; c < 4; c++) {
            for (int oy = 0; oy < 3; oy++) {
                for (int ox = 0; ox < 3; ox++) {
                    double expected = 0;
                    for (int dy = 0; dy < 3; dy++) {
                        for (int dx = 0; dx < 3; dx++) {
                            int y = 2 * oy + dy;   // TF-SAME on even size: no padding before, one row/col after
                            int xx = 2 * ox + dx;
                            if (y < 6 && xx < 6) {
                                expected += k[dy] * k[dx] / 16 * conv1.getDouble(0, c, y, xx);
                            }
                        }
                    }
                    assertEquals(expected, blurred.getDouble(0, c, oy, ox), 1e-12);
                }
            }
        }
    }

    /** In float the fast path pads on oneDNN copies, in double on ND4J's; NHWC maps checked through an NCHW view. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"DOUBLE, NCHW", "FLOAT, NCHW", "FLOAT, NHWC"})
    void channelPadPutsZerosEvenlyBeforeAndAfter(DataType type, CNN2DFormat layout) {
        ComputationGraph net = probe(type, layout);
        INDArray x = Nd4j.rand(type, 2, 2, 6, 6);
        Map<String, INDArray> activations = net.feedForward(x, false);
        INDArray blur = activations.get("blur");
        INDArray pad = activations.get("pad");
        if (layout == CNN2DFormat.NHWC) {
            blur = blur.permute(0, 3, 1, 2);
            pad = pad.permute(0, 3, 1, 2);
        }
        assertEquals(0, pad.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).amaxNumber().doubleValue());
        assertEquals(0, pad.get(NDArrayIndex.all(), NDArrayIndex.interval(6, 8)).amaxNumber().doubleValue());
        assertEquals(blur, pad.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 6)));
        INDArray y = ProbeGraphs.oneHot(2, 3, type);
        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore(); // the padding's backward pass: the gradient of the middle channels only
        assertTrue(net.gradient().gradient().norm2Number().doubleValue() > 0);
        assertThrows(IllegalArgumentException.class, () -> new ChannelZeroPad(5)
                .getOutputType(0, InputType.convolutional(4, 4, 4, CNN2DFormat.NCHW)));
    }

    @Test
    void saveAndLoadGivesIdenticalOutputs(@TempDir File dir) throws Exception {
        ComputationGraph net = probe(DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 6, 6);
        File file = new File(dir, "probe.zip");
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(net.getConfiguration(), loaded.getConfiguration());
        assertEquals(net.outputSingle(x), loaded.outputSingle(x));
    }

    /** conv → Up(3) → conv → GAP → FC, the upsampling as our vertex or as DL4J's layer. */
    private static ComputationGraph upsampling(boolean ours, CNN2DFormat layout) {
        ComputationGraphConfiguration.GraphBuilder graph = ProbeGraphs.builder(3, DataType.DOUBLE,
                InputType.convolutional(4, 4, 2, CNN2DFormat.NCHW));
        String input = ProbeGraphs.inLayout(graph, layout);
        graph.addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(), input);
        if (ours) {
            graph.addVertex("up", new NearestUpsample(3), "conv1");
        } else {
            graph.addLayer("up", new Upsampling2D.Builder(3).build(), "conv1");
        }
        return ProbeGraphs.classify(graph.addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(2)
                .activation(Activation.TANH).build(), "up"), "conv2", 3);
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void nearestUpsampleIsDl4jsUpsamplingWithExactGradients(CNN2DFormat layout) {
        ComputationGraph ours = upsampling(true, layout);
        ComputationGraph dl4j = upsampling(false, layout);
        assertEquals(dl4j.params(), ours.params());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 4, 4).subi(0.5);
        INDArray y = ProbeGraphs.oneHot(3, 3, DataType.DOUBLE);
        INDArray up = ours.feedForward(x, false).get("up");
        assertArrayEquals(layout == CNN2DFormat.NCHW ? new long[]{3, 3, 12, 12} : new long[]{3, 12, 12, 3}, up.shape());
        assertEquals(dl4j.feedForward(x, false).get("up"), up);
        for (ComputationGraph net : new ComputationGraph[]{ours, dl4j}) {
            net.setInputs(x);
            net.setLabels(y);
            net.computeGradientAndScore();
        }
        assertEquals(dl4j.gradient().gradient(), ours.gradient().gradient());
        assertTrue(DoubleGradientCheck.passes(new GradientCheckUtil.GraphConfig().net(ours)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{y})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }
}
