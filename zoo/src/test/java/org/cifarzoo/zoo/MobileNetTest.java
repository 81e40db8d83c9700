package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.Add;
import org.cifarzoo.zoo.layers.PaperHardSigmoid;
import org.cifarzoo.zoo.layers.PaperHardSwish;
import org.cifarzoo.zoo.models.MobileNetV3;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What models.md §5 and §6 fix about the MobileNets beyond their parameter counts, checked on every published
 * configuration without allocating it: spatial sizes (VALID stem in V3), depthwise kernels of k·k·C parameters, L2 on
 * expand/project kernels only, residual adds exactly where the tables put them.
 */
class MobileNetTest {
    private static final ZooRegistry ZOO = ZooRegistry.standard();
    /** DL4J's l2 coefficient for the spec's λ = 1.2e-4 (Keras λ·Σw² has gradient 2λw). */
    private static final double DL4J_L2 = 2 * 1.2e-4;

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    static List<ModelSpec> specs() {
        return ZOO.list("MobileNet*").stream().flatMap(e -> e.published().stream()).toList();
    }

    private static ComputationGraphConfiguration conf(ModelSpec spec) {
        return ZOO.get(spec.model()).build(spec, BuildOptions.defaults(1));
    }

    private static boolean isV3(ModelSpec spec) {
        return spec.model().startsWith("MobileNetV3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void stemAndFinalFeatureMapSizes(ModelSpec spec) {
        Map<String, InputType> types = conf(spec).getLayerActivationTypes(
                InputType.convolutional(ModelSpec.CIFAR_PX, ModelSpec.CIFAR_PX, 3, CNN2DFormat.NCHW));
        int r = spec.resolutionPx();
        // V3's stem is VALID: (R − 3)/2 + 1 = R/2 − 1 (odd); V2's is TF-SAME: R/2
        assertEquals(isV3(spec) ? r / 2 - 1 : r / 2, width(types.get("stem_conv")));
        assertEquals(r / 32, width(types.get("head_conv")));
    }

    private static long width(InputType t) {
        InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) t;
        assertEquals(c.getHeight(), c.getWidth());
        return c.getWidth();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void depthwiseKernelsHaveKkCParametersAndNoBias(ModelSpec spec) {
        int depthwise = 0;
        for (Map.Entry<String, GraphVertex> e : conf(spec).getVertices().entrySet()) {
            if (e.getKey().endsWith("_dw_conv")) {
                depthwise++;
                DepthwiseConvolution2D dw = assertInstanceOf(DepthwiseConvolution2D.class,
                        ((LayerVertex) e.getValue()).getLayerConf().getLayer(), e.getKey());
                int[] k = dw.getKernelSize();
                assertEquals(dw.getNIn(), dw.getNOut(), e.getKey());
                assertEquals((long) k[0] * k[1] * dw.getNIn(), e.getValue().numParams(true), e.getKey());
                assertFalse(dw.hasBias(), e.getKey());
            }
        }
        assertEquals(blocks(spec), depthwise);
    }

    private static int blocks(ModelSpec spec) {
        return switch (spec.model()) {
            case "MobileNetV2" -> 17;
            case "MobileNetV3S" -> 11;
            case "MobileNetV3L" -> 15;
            default -> throw new IllegalArgumentException(spec.model());
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void l2OnlyOnExpandAndProjectKernels(ModelSpec spec) {
        for (Map.Entry<String, GraphVertex> e : conf(spec).getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                String name = e.getKey();
                boolean regularised = name.endsWith("_expand_conv") || name.endsWith("_project_conv");
                assertEquals(regularised ? DL4J_L2 : 0, l2(layer.getRegularization()), 1e-15, name);
                assertEquals(0, l2(layer.getRegularizationBias()), name);
            }
        }
    }

    private static double l2(List<Regularization> regularizations) {
        double sum = 0;
        for (Regularization r : regularizations == null ? List.<Regularization>of() : regularizations) {
            if (r instanceof L2Regularization l2) {
                sum += l2.getL2().valueAt(0, 0);
            }
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void residualAddsWhereTheTablesHaveThem(ModelSpec spec) {
        Set<String> adds = new TreeSet<>();
        for (Map.Entry<String, GraphVertex> e : conf(spec).getVertices().entrySet()) {
            if (e.getValue() instanceof Add) {
                adds.add(e.getKey());
            }
        }
        int[] withResidual = switch (spec.model()) {
            case "MobileNetV2" -> new int[]{3, 5, 6, 8, 9, 10, 12, 13, 15, 16};
            case "MobileNetV3S" -> new int[]{3, 5, 6, 8, 10, 11};
            case "MobileNetV3L" -> new int[]{1, 3, 5, 6, 8, 9, 10, 12, 14, 15};
            default -> throw new IllegalArgumentException(spec.model());
        };
        Set<String> expected = new TreeSet<>();
        for (int b : withResidual) {
            expected.add("block" + b + "_add");
        }
        assertEquals(expected, adds);
    }

    /** The runtime agrees with the configuration: at 128 px the VALID stem gives 63×63, the last map 4×4. */
    @Test
    void mobileNetV3StemRunsValidAtRuntime() {
        ModelSpec spec = new ModelSpec("MobileNetV3S", 1, 128, MainActivation.RELU_SWISH);
        ComputationGraph net = new ComputationGraph(conf(spec));
        net.init();
        Map<String, INDArray> a = net.feedForward(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), false);
        assertArrayEquals(new long[]{2, 3, 128, 128}, a.get("upsample").shape());
        assertArrayEquals(new long[]{2, 16, 63, 63}, a.get("stem_conv").shape());
        assertArrayEquals(new long[]{2, 16, 32, 32}, a.get("block1_dw_conv").shape());
        assertArrayEquals(new long[]{2, 576, 4, 4}, a.get("head_conv").shape());
    }

    /** The papers' hard activations are a drop-in option: same layers and parameters, finite training step. */
    @Test
    void paperActivationsKeepLayersAndParameterCount() {
        ModelSpec spec = new ModelSpec("MobileNetV3S", 1, 128, MainActivation.RELU_SWISH);
        ComputationGraphConfiguration original = conf(spec);
        ComputationGraphConfiguration paper = MobileNetV3.build(MobileNetV3.SMALL, spec, BuildOptions.defaults(1),
                MobileNetV3.Mnv3Activations.PAPER);
        assertEquals(original.getVertices().keySet(), paper.getVertices().keySet());
        assertEquals(944_890, ParamCount.of(paper));
        assertInstanceOf(PaperHardSwish.class, activation(paper, "stem_act"));
        assertInstanceOf(PaperHardSwish.class, activation(paper, "head_act"));
        assertInstanceOf(PaperHardSigmoid.class, activation(paper, "block4_se_expand"));

        ComputationGraph net = new ComputationGraph(paper);
        net.init();
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 10);
        y.putScalar(0, 1, 1);
        y.putScalar(1, 8, 1);
        net.setInputs(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32));
        net.setLabels(y);
        net.computeGradientAndScore();
        assertTrue(Double.isFinite(net.score()));
        assertTrue(net.gradient().gradient().norm2Number().doubleValue() > 0);
    }

    private static Object activation(ComputationGraphConfiguration conf, String name) {
        Layer layer = ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
        return layer instanceof ActivationLayer a ? a.getActivationFn() : ((BaseLayer) layer).getActivationFn();
    }
}
