package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.models.StochasticDepthResNet;
import org.cifarzoo.zoo.models.TResNet;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every published configuration in the registry: builds, its parameter count without allocation equals the
 * allocated one, a forward pass at batch 2 gives finite 10-way probabilities, which its inference graph
 * ({@link BatchNormFolding}) gives too, and a backward pass gives every trainable parameter a non-zero gradient.
 */
class ModelsForwardBackwardTest {
    private static final ZooRegistry ZOO = ZooRegistry.standard();

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    /**
     * One published configuration per (model, width, activation) at its smallest resolution — resolution changes
     * only the upsampling factor, not the layers — plus each model's largest resolution once, so the 224 px paths
     * run too. (All of them at batch 2 took 10 minutes on 2 cores; SeedParameterCountTest still builds every row.)
     */
    static List<ModelSpec> specs() {
        java.util.Map<String, ModelSpec> picked = new java.util.LinkedHashMap<>();
        for (ModelSpec s : ZOO.publishedSpecs()) {
            picked.merge(s.model() + "/" + s.width() + "/" + s.activation(), s,
                    (a, b) -> a.resolutionPx() <= b.resolutionPx() ? a : b);
        }
        for (ModelSpec s : ZOO.publishedSpecs()) {
            picked.merge(s.model() + "/max", s, (a, b) -> a.resolutionPx() >= b.resolutionPx() ? a : b);
        }
        return picked.values().stream().distinct().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void forwardAndBackward(ModelSpec spec) {
        var conf = ZOO.get(spec.model()).build(spec, BuildOptions.defaults(1));
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        assertEquals(ParamCount.of(conf), net.numParams());

        INDArray x = Nd4j.rand(2, 3, 32, 32);
        INDArray y = Nd4j.createFromArray(new float[2][10]);
        y.putScalar(0, 3, 1);
        y.putScalar(1, 7, 1);
        INDArray out = net.outputSingle(x);
        assertArrayEquals(new long[]{2, 10}, out.shape());
        assertFalse(out.isNaN().any() || out.isInfinite().any(), "non-finite output");
        assertEquals(2.0, out.sumNumber().doubleValue(), 1e-4);
        INDArray folded = BatchNormFolding.fold(net).outputSingle(x);
        assertEquals(0, out.sub(folded).amaxNumber().doubleValue(), 1e-5, spec + ": the inference graph's output");

        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        List<String> dropped = StochasticDepthResNet.droppedUnits(net); // empty for models without stochastic depth
        List<String> inactiveSe = TResNet.inactiveSqueezeExcitations(net); // faithful SE* hidden units dead at init
        for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
            String name = e.getKey();
            if (name.endsWith("_mean") || name.endsWith("_var") || name.endsWith("_log10stdev")) {
                continue; // BN running statistics: updated by averaging, not by gradient
            }
            if (dropped.stream().anyMatch(u -> name.startsWith(u + "_"))) {
                continue; // stochastic depth dropped this residual branch in this step: zero gradient by design
            }
            if (inactiveSe.stream().anyMatch(u -> name.startsWith(u + "_"))) {
                continue; // every hidden unit of this SE* starts dead (see TResNet): zero gradient by design
            }
            assertTrue(e.getValue().amaxNumber().doubleValue() > 0, "no gradient for " + name);
        }
        assertTrue(Double.isFinite(net.score()));
    }
}
