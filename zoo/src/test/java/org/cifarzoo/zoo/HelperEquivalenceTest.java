package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.LayerHelpers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oneDNN layer helpers we keep are a speed-up only: with and without them the same network computes the same
 * outputs, loss and gradients on the same inputs, to float rounding (relative 5e-3 after ~40 layers of float32).
 */
class HelperEquivalenceTest {

    @AfterAll
    static void restore() {
        Backend.start(true);
    }

    private static ComputationGraph net(String model, boolean helpers) {
        Backend.start(helpers); // helpers are attached when layers are instantiated
        ModelSpec spec = ZooRegistry.standard().get(model).defaultSpec();
        ComputationGraph net = new ComputationGraph(ZooRegistry.standard().get(model).build(spec, BuildOptions.defaults(11)));
        net.init();
        return net;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ResNet18", "ResNet35"})
    void sameOutputsAndGradients(String model) {
        ComputationGraph fast = net(model, true);
        LayerHelpers helpers = LayerHelpers.of(fast);
        ComputationGraph reference = net(model, false);
        assertEquals(fast.params(), reference.params());

        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 3, 32, 32).subi(0.5).muli(4);
        INDArray y = Nd4j.zeros(8, 10);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 10, 1);
        }
        helpers.forInference();
        INDArray outFast = fast.outputSingle(false, x);
        INDArray outRef = reference.outputSingle(false, x);
        assertTrue(outFast.equalsWithEps(outRef, 1e-4), "inference outputs differ");

        helpers.forTraining();
        for (ComputationGraph n : new ComputationGraph[]{fast, reference}) {
            n.setInputs(x);
            n.setLabels(y);
            n.computeGradientAndScore();
        }
        assertEquals(reference.score(), fast.score(), 1e-4);
        Map<String, INDArray> gRef = reference.gradient().gradientForVariable();
        for (Map.Entry<String, INDArray> e : fast.gradient().gradientForVariable().entrySet()) {
            if (e.getKey().endsWith("_mean") || e.getKey().endsWith("_log10stdev")) {
                continue; // BN running statistics: moving averages, not gradients
            }
            INDArray ref = gRef.get(e.getKey());
            double scale = Math.max(ref.norm2Number().doubleValue(), 1e-6);
            double rel = e.getValue().sub(ref).norm2Number().doubleValue() / scale;
            assertTrue(rel < 5e-3, e.getKey() + ": relative gradient difference " + rel);
        }
    }
}
