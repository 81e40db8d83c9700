package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.ChannelScale;
import org.cifarzoo.zoo.layers.PaperHardSigmoid;
import org.cifarzoo.zoo.layers.PaperHardSwish;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.File;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The squeeze-excitation block ({@link NetBuilder#squeezeExcite}) and its {@link ChannelScale} vertex: exact
 * double-precision gradients into both vertex inputs, save/load, and a gate that is a true sigmoid in every
 * registered SE network.
 */
class SqueezeExciteTest {

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    /**
     * conv1 → act → SE(4, 2) → conv2 → GAP → FC. ChannelScale's feature-map input comes from a trainable conv, its
     * gate from a trainable dense layer, so a wrong gradient for either input shows up in some parameter.
     */
    private static ComputationGraph probe(DataType type, IActivation act, IActivation gate) {
        NetBuilder g = new NetBuilder(new BuildOptions(7, new NoOp(), type), Activation.TANH, 0);
        // 1×1 kernels keep the parameter count (and the gradient check's forward passes) small
        String x = g.conv("conv1", NetBuilder.INPUT, Conv.of(1, 1, 4)); // 32x32x3 in, 32x32x4 out
        x = g.activation("conv1_act", x, act);
        x = g.squeezeExcite("se", x, 4, 2, gate);
        x = g.conv("conv2", x, Conv.of(1, 1, 3));
        ComputationGraph net = new ComputationGraph(g.build(g.poolAndClassify(x)));
        net.init();
        return net;
    }

    private static INDArray oneHot(int n, DataType type) {
        INDArray y = Nd4j.zeros(type, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (3 * i) % 10, 1);
        }
        return y;
    }

    /** DL4J insists on double as the global default type while it checks gradients. */
    private static boolean gradientCheck(ComputationGraph net, INDArray x, INDArray y) {
        DataType previous = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                    .inputs(new INDArray[]{x}).labels(new INDArray[]{y})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    @Test
    void gradientsIntoFeatureMapAndGateAreExact() {
        ComputationGraph net = probe(DataType.DOUBLE, Activation.TANH.getActivationFunction(),
                Activation.SIGMOID.getActivationFunction());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 32, 32).subi(0.5).muli(2);
        assertTrue(gradientCheck(net, x, oneHot(2, DataType.DOUBLE)));
    }

    @Test
    void gradientsAreExactWithThePapersHardActivations() {
        ComputationGraph net = probe(DataType.DOUBLE, new PaperHardSwish(), new PaperHardSigmoid());
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 32, 32).subi(0.5).muli(8);
        assertTrue(gradientCheck(net, x, oneHot(2, DataType.DOUBLE)));
    }

    @Test
    void gateIsTheSigmoidOfTheExcitationAndScalesEachChannel() {
        ComputationGraph net = probe(DataType.DOUBLE, Activation.TANH.getActivationFunction(),
                Activation.SIGMOID.getActivationFunction());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, 32, 32).subi(0.5).muli(2);
        Map<String, INDArray> a = net.feedForward(x, false);
        INDArray features = a.get("conv1_act");
        INDArray gate = a.get("se_expand");
        assertEquals(3, gate.size(0));
        assertEquals(4, gate.size(1));
        assertTrue(gate.minNumber().doubleValue() > 0 && gate.maxNumber().doubleValue() < 1, "gate outside (0,1)");

        INDArray pooled = features.mean(2, 3);
        INDArray hidden = Transforms.relu(pooled.mmul(net.getParam("se_reduce_W"))
                .addRowVector(net.getParam("se_reduce_b")));
        INDArray expectedGate = Transforms.sigmoid(hidden.mmul(net.getParam("se_expand_W"))
                .addRowVector(net.getParam("se_expand_b")));
        assertTrue(expectedGate.equalsWithEps(gate, 1e-12), "gate != sigmoid(FC(ReLU(FC(GAP(x)))))");
        INDArray expectedScaled = Broadcast.mul(features, gate, features.ulike(), 0, 1);
        assertTrue(expectedScaled.equalsWithEps(a.get("se_scale"), 1e-12), "output != x · gate");
    }

    @Test
    void saveAndLoadGivesIdenticalOutputs(@TempDir File dir) throws Exception {
        ComputationGraph net = probe(DataType.FLOAT, new PaperHardSwish(), new PaperHardSigmoid());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32);
        File file = new File(dir, "se-probe.zip");
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(net.getConfiguration(), loaded.getConfiguration());
        assertEquals(net.outputSingle(x), loaded.outputSingle(x));
    }

    /** Every SE of a registered network: FC + ReLU, FC + sigmoid, then the channel scale; count as in the spec. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SeNet35, 11", "SeNet170, 56", "MobileNetV3S, 9", "MobileNetV3L, 8"})
    void everyRegisteredGateIsASigmoid(String model, int seBlocks) {
        ZooRegistry.Entry entry = ZooRegistry.standard().get(model);
        ComputationGraphConfiguration conf = entry.build(entry.defaultSpec(), BuildOptions.defaults(1));
        int gates = 0;
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            String name = v.getKey();
            if (name.endsWith("_se_expand")) {
                gates++;
                assertInstanceOf(ActivationSigmoid.class, activationOf(v.getValue()), name);
                assertInstanceOf(ActivationReLU.class, activationOf(conf.getVertices()
                        .get(name.replace("_se_expand", "_se_reduce"))), name);
                assertInstanceOf(ChannelScale.class, conf.getVertices().get(name.replace("_se_expand", "_se_scale")));
            }
        }
        assertEquals(seBlocks, gates);
    }

    private static IActivation activationOf(GraphVertex v) {
        return ((BaseLayer) ((LayerVertex) v).getLayerConf().getLayer()).getActivationFn();
    }

    /** In a real SeNet35 forward pass the first unit's gate lies in (0, 1) and scales its residual branch. */
    @Test
    void seNetGateScalesTheResidualBranch() {
        ZooRegistry.Entry entry = ZooRegistry.standard().get("SeNet35");
        ComputationGraph net = new ComputationGraph(entry.build(entry.defaultSpec(), BuildOptions.defaults(3)));
        net.init();
        Map<String, INDArray> a = net.feedForward(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), false);
        INDArray gate = a.get("stage2_unit1_se_expand");
        assertEquals(128, gate.size(1));
        assertTrue(gate.minNumber().doubleValue() > 0 && gate.maxNumber().doubleValue() < 1, "gate outside (0,1)");
        INDArray branch = a.get("stage2_unit1_3_conv");
        INDArray expected = Broadcast.mul(branch, gate, branch.ulike(), 0, 1);
        assertTrue(expected.equalsWithEps(a.get("stage2_unit1_se_scale"), 1e-6));
        assertEquals(java.util.List.of("stage2_unit1_se_scale", "stage2_unit1_shortcut_pad"),
                net.getConfiguration().getVertexInputs().get("stage2_unit1_add"));
    }
}
