package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.StochasticDepthAdd;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stochastic-depth join on its own: exact outputs in both modes, double-precision gradients, draws that follow
 * the configuration's seeded sequence step by step, save/load. The draw statistics of real models are in
 * {@link StochasticDepthResNetTest}.
 */
class StochasticDepthAddTest {
    private static final double SURVIVAL = 0.6;
    private static final long SEED = 17;
    /** Height and width of the probe's input. */
    private static final int SIZE = 4;

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    /** input → {res: conv 3×3, sc: conv 1×1} → sd(res, sc) → GAP → FC: parameters on both sides of sd. */
    private static ComputationGraph probe(DataType type) {
        return ProbeGraphs.classify(ProbeGraphs.builder(3, type,
                InputType.convolutional(SIZE, SIZE, 2, CNN2DFormat.NCHW))
                .addLayer("res", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.TANH).build(),
                        "input")
                .addLayer("sc", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.TANH).build(), "input")
                .addVertex("sd", new StochasticDepthAdd(SURVIVAL, SEED), "res", "sc"), "sd", 3);
    }

    private static StochasticDepthAdd vertex(ComputationGraph net) {
        return (StochasticDepthAdd) net.getConfiguration().getVertices().get("sd");
    }

    /** The first training step (iteration count, epoch 0) at which the probe's branch is kept / dropped. */
    private static int firstStep(ComputationGraph net, boolean kept) {
        int step = 0;
        while (vertex(net).keeps(step) != kept) {
            step++;
        }
        return step;
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** DL4J insists on double as the global default type while it checks gradients. */
    private static boolean gradientCheck(GradientCheckUtil.GraphConfig config) {
        DataType previous = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return GradientCheckUtil.checkGradients(config);
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    /** Training mode with the draw fixed by the step counter (a gradient check never advances it). */
    @ParameterizedTest(name = "branch kept: {0}")
    @ValueSource(booleans = {true, false})
    void trainingGradientsAreExactForAFixedDraw(boolean kept) {
        ComputationGraph net = probe(DataType.DOUBLE);
        net.getConfiguration().setIterationCount(firstStep(net, kept));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, SIZE, SIZE).subi(0.5);
        INDArray y = ProbeGraphs.oneHot(3, 3, DataType.DOUBLE);
        assertTrue(gradientCheck(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{y})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));

        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        double residualGrad = net.gradient().getGradientFor("res_W").amaxNumber().doubleValue();
        double shortcutGrad = net.gradient().getGradientFor("sc_W").amaxNumber().doubleValue();
        assertTrue(shortcutGrad > 0);
        assertEquals(kept, residualGrad > 0, "residual branch gradient " + residualGrad);
    }

    /**
     * Inference mode, {@code p·residual + shortcut}: central differences of {@code L = Σ c ⊙ out} against the
     * vertex's backward pass, on the vertex alone (DL4J only back-propagates after a training-mode forward pass).
     */
    @Test
    void inferenceGradientsAreExact() {
        var v = (BaseGraphVertex) new StochasticDepthAdd(SURVIVAL, SEED)
                .instantiate(null, "sd", 0, null, false, DataType.DOUBLE);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray[] in = {Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2), Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2)};
        INDArray c = Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2).subi(0.5);

        v.setInputs(in);
        v.doForward(false, mgr);
        v.setEpsilon(c);
        INDArray[] analytic = v.doBackward(false, mgr).getSecond();

        double h = 1e-6;
        for (int input = 0; input < 2; input++) {
            INDArray flat = in[input].reshape(in[input].length());
            for (int i = 0; i < flat.length(); i++) {
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + h);
                double plus = v.doForward(false, mgr).mul(c).sumNumber().doubleValue();
                flat.putScalar(i, orig - h);
                double minus = v.doForward(false, mgr).mul(c).sumNumber().doubleValue();
                flat.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * h);
                double exact = analytic[input].reshape(flat.length()).getDouble(i);
                assertEquals(exact, numeric, 1e-8 * Math.max(1, Math.abs(exact)), "input " + input + " [" + i + "]");
            }
        }
        assertEquals(0, maxAbsDiff(analytic[StochasticDepthAdd.RESIDUAL], c.mul(SURVIVAL)));
        assertEquals(0, maxAbsDiff(analytic[StochasticDepthAdd.SHORTCUT], c));
    }

    @Test
    void inferenceOutputIsSurvivalTimesResidualPlusShortcut() {
        ComputationGraph net = probe(DataType.DOUBLE);
        Map<String, INDArray> a = net.feedForward(Nd4j.rand(DataType.DOUBLE, 2, 2, SIZE, SIZE), false);
        assertEquals(0, maxAbsDiff(a.get("sd"), a.get("res").mul(SURVIVAL).add(a.get("sc"))));
    }

    /**
     * Real training steps: before each {@code fit} step a training-mode forward pass shows the draw of that step
     * (residual + shortcut, or the shortcut alone, exactly), it follows {@link StochasticDepthAdd#keeps}, and
     * {@code fit} advances the step.
     */
    @Test
    void trainingFollowsTheSeededDrawOfEachStep() {
        ComputationGraph net = probe(DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, SIZE, SIZE);
        DataSet batch = new DataSet(x, ProbeGraphs.oneHot(2, 3, DataType.FLOAT));
        int steps = 24;
        int kept = 0;
        for (int step = 0; step < steps; step++) {
            assertEquals(step, StochasticDepthAdd.trainingStep(net.getConfiguration()));
            Map<String, INDArray> a = net.feedForward(x, true);
            boolean keeps = vertex(net).keeps(step);
            INDArray expected = keeps ? a.get("res").add(a.get("sc")) : a.get("sc");
            assertEquals(0, maxAbsDiff(a.get("sd"), expected), "step " + step);
            kept += keeps ? 1 : 0;
            net.fit(batch);
        }
        assertTrue(kept > 0 && kept < steps, "both outcomes in " + steps + " steps at p=" + SURVIVAL + ": " + kept);
    }

    @Test
    void sameSeedSameDrawsOtherSeedOtherDraws() {
        StochasticDepthAdd a = new StochasticDepthAdd(SURVIVAL, SEED);
        StochasticDepthAdd b = new StochasticDepthAdd(SURVIVAL, SEED);
        StochasticDepthAdd other = new StochasticDepthAdd(SURVIVAL, SEED + 1);
        int differences = 0;
        for (long step = 0; step < 1000; step++) {
            assertEquals(a.keeps(step), b.keeps(step));
            differences += a.keeps(step) != other.keeps(step) ? 1 : 0;
        }
        // independent streams at p = 0.6 disagree with probability 2·0.6·0.4 = 0.48
        assertTrue(differences > 400 && differences < 560, "disagreements " + differences);
    }

    @Test
    void survivalMustBeAProbability() {
        assertThrows(IllegalArgumentException.class, () -> new StochasticDepthAdd(1.5, SEED));
        assertThrows(IllegalArgumentException.class, () -> new StochasticDepthAdd(Double.NaN, SEED));
    }

    /** Configuration, inference outputs and the position in the draw sequence all survive save/load. */
    @Test
    void saveAndLoadGivesIdenticalOutputs(@TempDir File dir) throws Exception {
        ComputationGraph net = probe(DataType.FLOAT);
        net.getConfiguration().setIterationCount(firstStep(net, false));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, SIZE, SIZE);
        File file = new File(dir, "probe.zip");
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(net.getConfiguration(), loaded.getConfiguration());
        assertEquals(vertex(net), vertex(loaded));
        assertEquals(0, maxAbsDiff(net.outputSingle(x), loaded.outputSingle(x)));
        assertEquals(0, maxAbsDiff(net.feedForward(x, true).get("sd"), loaded.feedForward(x, true).get("sd")));
    }
}
