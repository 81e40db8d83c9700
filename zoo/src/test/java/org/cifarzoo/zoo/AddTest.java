package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.Add;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The residual join: exactly DL4J's element-wise sum, forward and backward. */
class AddTest {
    private static final int BATCH = 4;

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    /**
     * input → conv a → conv b → join(b, a) → conv c → GAP → FC: {@code a} feeds both {@code b} and the join, so its
     * gradient is the sum of two (the case where DL4J adds into the join's gradient array in place).
     */
    private static ComputationGraph probe(DataType type, GraphVertex join) {
        return ProbeGraphs.classify(ProbeGraphs.builder(3, type, InputType.convolutional(5, 5, 2, CNN2DFormat.NCHW))
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(), "input")
                .addLayer("b", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build(), "a")
                .addVertex("join", join, "b", "a")
                .addLayer("c", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.TANH).build(), "join"),
                "c", 3);
    }

    @Test
    void gradientsAreExactInDoublePrecision() {
        ComputationGraph net = probe(DataType.DOUBLE, new Add());
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, 2, 5, 5).subi(0.5);
        assertTrue(DoubleGradientCheck.passes(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{ProbeGraphs.oneHot(BATCH, 3, DataType.DOUBLE)})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }

    @Test
    void sameOutputsAndGradientsAsDl4jsElementWiseAdd() {
        ComputationGraph add = probe(DataType.FLOAT, new Add());
        ComputationGraph dl4j = probe(DataType.FLOAT, new ElementWiseVertex(ElementWiseVertex.Op.Add));
        dl4j.setParams(add.params());
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 2, 5, 5).subi(0.5);
        Map<String, INDArray> activations = add.feedForward(x, true);
        assertEquals(activations.get("a").add(activations.get("b")), activations.get("join"));
        assertEquals(dl4j.feedForward(x, true).get("join"), activations.get("join"));
        assertEquals(gradients(dl4j, x), gradients(add, x));
    }

    @Test
    void inputsMustHaveTheSameShape() {
        assertThrows(InvalidInputTypeException.class, () -> new Add().getOutputType(0,
                InputType.convolutional(4, 4, 3), InputType.convolutional(4, 4, 2)));
    }

    private static Map<String, INDArray> gradients(ComputationGraph net, INDArray x) {
        net.setInputs(x);
        net.setLabels(ProbeGraphs.oneHot(BATCH, 3, DataType.FLOAT));
        net.computeGradientAndScore();
        return net.gradient().gradientForVariable();
    }
}
