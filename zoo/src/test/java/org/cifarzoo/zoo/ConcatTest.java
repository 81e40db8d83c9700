package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.Concat;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel concatenation, on oneDNN (fast path) and on ND4J copies (reference path), in both layouts: the same
 * activations and gradients as DL4J's MergeVertex, to the bit (both only copy values); a double-precision gradient
 * check; its configuration through JSON.
 */
class ConcatTest {

    @AfterAll
    static void restore() {
        Backend.start(true);
    }

    /** input → [ChannelsLast] → two convolutions (3 and 5 channels) → join → conv → GAP → FC. */
    private static ComputationGraph probe(DataType type, CNN2DFormat layout, GraphVertex join) {
        ComputationGraphConfiguration.GraphBuilder graph = ProbeGraphs.builder(5, type,
                InputType.convolutional(6, 6, 2, CNN2DFormat.NCHW));
        String input = ProbeGraphs.inLayout(graph, layout);
        return ProbeGraphs.classify(graph
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(), input)
                .addLayer("b", new ConvolutionLayer.Builder(1, 1).nOut(5).activation(Activation.TANH).build(), input)
                .addVertex("join", join, "a", "b")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build(),
                        "join"),
                "conv", 3);
    }

    @ParameterizedTest(name = "{0}, fast path {1}")
    @CsvSource({"NCHW, true", "NHWC, true", "NCHW, false", "NHWC, false"})
    void sameActivationsAndGradientsAsDl4jsMergeVertex(CNN2DFormat layout, boolean fastPath) {
        Backend.start(fastPath); // read when the layers and vertices are created
        ComputationGraph concat = probe(DataType.FLOAT, layout, new Concat());
        ComputationGraph merge = probe(DataType.FLOAT, layout, new MergeVertex());
        assertEquals(merge.params(), concat.params());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2, 6, 6).subi(0.5);
        INDArray y = ProbeGraphs.oneHot(4, 3, DataType.FLOAT);

        Map<String, INDArray> activations = concat.feedForward(x.dup(), false);
        int channelAxis = layout == CNN2DFormat.NCHW ? 1 : 3;
        assertEquals(Nd4j.concat(channelAxis, activations.get("a"), activations.get("b")), activations.get("join"));
        assertEquals(merge.feedForward(x.dup(), false).get("join"), activations.get("join"));

        for (ComputationGraph net : new ComputationGraph[]{concat, merge}) {
            net.setInputs(x.dup());
            net.setLabels(y);
            net.computeGradientAndScore();
        }
        assertEquals(merge.gradient().gradient(), concat.gradient().gradient(), "gradients");
    }

    @Test
    void gradientsAreExactInDoublePrecision() {
        ComputationGraph net = probe(DataType.DOUBLE, CNN2DFormat.NHWC, new Concat());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 6, 6).subi(0.5);
        assertTrue(DoubleGradientCheck.passes(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{ProbeGraphs.oneHot(3, 3, DataType.DOUBLE)})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }

    @Test
    void configurationSurvivesJsonAndRejectsMismatchedMaps() {
        ComputationGraphConfiguration conf = probe(DataType.FLOAT, CNN2DFormat.NHWC, new Concat()).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf.getVertices().get("join"), back.getVertices().get("join"));
        assertEquals(CNN2DFormat.NHWC, ((Concat) back.getVertices().get("join")).getFormat());

        InvalidInputTypeException e = assertThrows(InvalidInputTypeException.class, () -> new Concat().getOutputType(7,
                InputType.convolutional(6, 6, 3, CNN2DFormat.NHWC), InputType.convolutional(3, 3, 5, CNN2DFormat.NHWC)));
        assertTrue(e.getMessage().contains("vertex 7"), e.getMessage());
    }
}
