package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.ColumnBatchNormalization;
import org.cifarzoo.zoo.layers.SpaceToDepth;
import org.cifarzoo.zoo.layers.SqueezeExcitation;
import org.cifarzoo.zoo.layers.SqueezeExcitation.Squeeze;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TResNet's hand-written parts: space-to-depth ordering, the faithful per-column batch norm (against DL4J's batch
 * norm on the width↔channel-swapped map), squeeze-excitation over channels and over columns (against a direct
 * computation); each with a double-precision gradient check and a save/load round trip.
 */
class TResNetLayersTest {

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    /**
     * input (C×H×W) → 1×1 conv(tanh) → {@code probe} layer or vertex → 1×1 conv(tanh) → GAP → softmax: the first
     * conv's gradients pass through the probe's input gradient; 1×1 keeps the gradient checks small.
     */
    private static ComputationGraph around(Object probe, int c, int h, int w, DataType type) {
        ComputationGraphConfiguration.GraphBuilder b = ProbeGraphs.builder(9, type,
                InputType.convolutional(h, w, c, CNN2DFormat.NCHW))
                .addLayer("conv1", new ConvolutionLayer.Builder(1, 1).nOut(c).activation(Activation.TANH).build(),
                        "input");
        if (probe instanceof Layer layer) {
            b.addLayer("probe", layer, "conv1");
        } else {
            b.addVertex("probe", (GraphVertex) probe, "conv1");
        }
        return ProbeGraphs.classify(b
                .addLayer("conv2", new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.TANH).build(),
                        "probe"), "conv2", 3);
    }

    private static void gradientCheck(ComputationGraph net, int c, int h, int w, Set<String> exclude) {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, c, h, w).subi(0.5).muli(2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i % 3, 1);
        }
        assertTrue(DoubleGradientCheck.passes(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{y}).excludeParams(exclude)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }

    private static void saveAndLoad(ComputationGraph net, INDArray x, File dir) throws Exception {
        File file = new File(dir, "probe.zip");
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(net.getConfiguration(), loaded.getConfiguration());
        assertEquals(net.params(), loaded.params());
        assertEquals(net.outputSingle(x), loaded.outputSingle(x));
    }

    // ---------------------------------------------------------------- space-to-depth

    @Test
    void spaceToDepthPutsOffsetDyDxOfChannelCAtChannelDy4PlusDxTimes3PlusC() {
        ComputationGraph net = around(new SpaceToDepth(4), 3, 8, 12, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 8, 12);
        INDArray in = net.feedForward(x, false).get("conv1");
        INDArray out = net.feedForward(x, false).get("probe");
        assertArrayEquals(new long[]{2, 48, 2, 3}, out.shape());
        for (int n = 0; n < 2; n++) {
            for (int dy = 0; dy < 4; dy++) {
                for (int dx = 0; dx < 4; dx++) {
                    for (int c = 0; c < 3; c++) {
                        for (int i = 0; i < 2; i++) {
                            for (int j = 0; j < 3; j++) {
                                assertEquals(in.getDouble(n, c, 4 * i + dy, 4 * j + dx),
                                        out.getDouble(n, (dy * 4 + dx) * 3 + c, i, j));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void spaceToDepthGradientCheck() {
        gradientCheck(around(new SpaceToDepth(2), 3, 4, 6, DataType.DOUBLE), 3, 4, 6, Set.of());
    }

    @Test
    void spaceToDepthSaveAndLoad(@TempDir File dir) throws Exception {
        saveAndLoad(around(new SpaceToDepth(4), 3, 8, 8, DataType.FLOAT), Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8), dir);
    }

    // ---------------------------------------------------------------- per-column batch norm

    /** The probe layer alone in front of a parameter-free per-pixel loss, for exact comparisons. */
    private static MultiLayerNetwork alone(Layer layer, int c, int h, int w) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.FLOAT)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER_UNIFORM).list()
                .layer(layer)
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(h, w, c, CNN2DFormat.NCHW))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Width and channels swapped: [N, C, H, W] ↔ [N, W, H, C]. */
    private static INDArray swap(INDArray x) {
        return x.permute(0, 3, 2, 1).dup('c');
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance, what + ": max difference " + diff);
    }

    @Test
    void columnBatchNormIsDl4jBatchNormOverTheWidthAxis() {
        // channels = width, so that the per-pixel loss (which DL4J scales by the channel count) is the same on the
        // swapped map; the statistics still differ per axis
        int c = 6, h = 3, w = 6;
        MultiLayerNetwork column = alone(new ColumnBatchNormalization.Builder().build(), c, h, w);
        MultiLayerNetwork reference = alone(new BatchNormalization.Builder().decay(0.99).eps(1e-3).useLogStd(false)
                .build(), w, h, c);
        assertEquals(4L * w, column.numParams());
        Nd4j.getRandom().setSeed(12);
        for (String p : new String[]{"gamma", "beta"}) {
            INDArray v = Nd4j.rand(DataType.FLOAT, 1, w).addi(0.5);
            column.getLayer(0).setParam(p, v);
            reference.getLayer(0).setParam(p, v.reshape(reference.getLayer(0).getParam(p).shape()));
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, c, h, w).muli(3).subi(1);
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, c, h, w);

        // training mode: batch statistics
        assertClose(swap(reference.feedForward(swap(x), true).get(1)), column.feedForward(x, true).get(1), 1e-5,
                "training forward");
        Pair<Gradient, INDArray> g = column.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> gRef = reference.calculateGradients(swap(x), swap(y), null, null);
        assertClose(swap(gRef.getSecond()), g.getSecond(), 1e-5, "input gradient");
        for (String p : new String[]{"gamma", "beta"}) {
            assertClose(gRef.getFirst().getGradientFor("0_" + p).reshape(w), g.getFirst().getGradientFor("0_" + p)
                    .reshape(w), 1e-4, p + " gradient");
        }

        // one step: running statistics move 1 % towards the batch's, exactly as DL4J's batch norm moves them
        column.fit(x, y);
        reference.fit(swap(x), swap(y));
        INDArray batchMean = x.mean(0, 1, 2);
        assertClose(batchMean.mul(0.01), column.getLayer(0).getParam("mean").reshape(w), 1e-6, "running mean");
        for (String p : new String[]{"mean", "var"}) {
            assertClose(reference.getLayer(0).getParam(p).reshape(w), column.getLayer(0).getParam(p).reshape(w), 1e-6,
                    "running " + p);
        }
        // inference mode: running statistics
        assertClose(swap(reference.output(swap(x))), column.output(x), 1e-5, "inference forward");
    }

    @Test
    void columnBatchNormGradientCheck() {
        gradientCheck(around(new ColumnBatchNormalization.Builder().build(), 2, 3, 5, DataType.DOUBLE), 2, 3, 5,
                Set.of("probe_mean", "probe_var"));
    }

    @Test
    void columnBatchNormSaveAndLoad(@TempDir File dir) throws Exception {
        ComputationGraph net = around(new ColumnBatchNormalization.Builder().build(), 3, 4, 6, DataType.FLOAT);
        net.getLayer("probe").setParam("mean", Nd4j.rand(DataType.FLOAT, 1, 6));
        saveAndLoad(net, Nd4j.rand(DataType.FLOAT, 2, 3, 4, 6), dir);
    }

    // ---------------------------------------------------------------- squeeze-excitation

    @ParameterizedTest
    @EnumSource(Squeeze.class)
    void squeezeExcitationMatchesDirectComputation(Squeeze squeeze) {
        int n = 2, c = 3, h = 2, w = 5, r = 4;
        MultiLayerNetwork net = alone(new SqueezeExcitation.Builder(squeeze, r).build(), c, h, w);
        int l = squeeze == Squeeze.CHANNELS ? c : w;
        assertEquals((long) l * r + r + (long) r * c + c, net.numParams());
        Nd4j.getRandom().setSeed(21);
        net.getLayer(0).setParam(SqueezeExcitation.B1, Nd4j.rand(DataType.FLOAT, 1, r).subi(0.5));
        net.getLayer(0).setParam(SqueezeExcitation.B2, Nd4j.rand(DataType.FLOAT, 1, c).subi(0.5));
        INDArray w1 = net.getLayer(0).getParam(SqueezeExcitation.W1);
        INDArray b1 = net.getLayer(0).getParam(SqueezeExcitation.B1);
        INDArray w2 = net.getLayer(0).getParam(SqueezeExcitation.W2);
        INDArray b2 = net.getLayer(0).getParam(SqueezeExcitation.B2);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, c, h, w).subi(0.5);
        INDArray out = net.output(x);
        for (int i = 0; i < n; i++) {
            double[] s = new double[l];
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int col = 0; col < w; col++) {
                        s[squeeze == Squeeze.CHANNELS ? ch : col] += x.getDouble(i, ch, y, col) / (h * w * c / l);
                    }
                }
            }
            double[] a = new double[r];
            for (int j = 0; j < r; j++) {
                double z = b1.getDouble(0, j);
                for (int k = 0; k < l; k++) {
                    z += s[k] * w1.getDouble(k, j);
                }
                a[j] = Math.max(z, 0);
            }
            for (int ch = 0; ch < c; ch++) {
                double z = b2.getDouble(0, ch);
                for (int j = 0; j < r; j++) {
                    z += a[j] * w2.getDouble(j, ch);
                }
                double gate = 1 / (1 + Math.exp(-z));
                for (int y = 0; y < h; y++) {
                    for (int col = 0; col < w; col++) {
                        assertEquals(gate * x.getDouble(i, ch, y, col), out.getDouble(i, ch, y, col), 1e-6);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Squeeze.class)
    void squeezeExcitationGradientCheck(Squeeze squeeze) {
        ComputationGraph net = around(new SqueezeExcitation.Builder(squeeze, 3).build(), 4, 3, 5, DataType.DOUBLE);
        // non-zero biases so that the ReLU sees both signs
        net.getLayer("probe").setParam(SqueezeExcitation.B1, Nd4j.createFromArray(new double[][]{{0.1, -0.1, 0.05}}));
        gradientCheck(net, 4, 3, 5, Set.of());
    }

    @Test
    void squeezeExcitationSaveAndLoad(@TempDir File dir) throws Exception {
        saveAndLoad(around(new SqueezeExcitation.Builder(Squeeze.COLUMNS, 8).build(), 4, 3, 6, DataType.FLOAT),
                Nd4j.rand(DataType.FLOAT, 2, 4, 3, 6), dir);
    }
}
