package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.ColumnBatchNormalization;
import org.cifarzoo.zoo.layers.SqueezeExcitation;
import org.cifarzoo.zoo.models.TResNet;
import org.cifarzoo.zoo.models.TResNet.Layout;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TResNet beyond the seed's counts (SeedParameterCountTest has those and the intended layout's 3 179 922): L and XL
 * counts from models.md's generator, the split into trainable and running-statistics parameters, where the faithful
 * layout puts its per-column BN and W-vector SE, the two leaky slopes, and a forward/backward of the intended net.
 */
class TResNetTest {
    @BeforeAll
    static void backend() {
        Backend.start();
    }

    private static ComputationGraphConfiguration build(TResNet.Variant v, int px, Layout layout) {
        return TResNet.build(v, new ModelSpec(v.name(), 1, px, MainActivation.LEAKY_RELU), BuildOptions.defaults(1),
                layout);
    }

    private static TResNet.Variant variant(String name) {
        return switch (name) {
            case "TResNetM" -> TResNet.M;
            case "TResNetL" -> TResNet.L;
            case "TResNetXL" -> TResNet.XL;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Layer layer(ComputationGraphConfiguration conf, String name) {
        return ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
    }

    /** Expected counts from shared/spec/param_counts.py's {@code tresnet(units, R, faithful)}. */
    @ParameterizedTest(name = "{0} {1}px {2}")
    @CsvSource({"TResNetL, 128, FAITHFUL, 4038266", "TResNetL, 192, INTENDED, 4066426",
            "TResNetXL, 128, FAITHFUL, 4393306", "TResNetXL, 64, INTENDED, 4423642",
            "TResNetM, 160, FAITHFUL, 3160098"})
    void largerVariantsMatchTheSpecGenerator(String model, int px, Layout layout, long params) {
        assertEquals(params, ParamCount.of(build(variant(model), px, layout)));
    }

    @Test
    void runningStatisticsAreTheSpecsNonTrainableCount() {
        ComputationGraphConfiguration conf = build(TResNet.M, 64, Layout.FAITHFUL);
        long statistics = conf.getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex lv && (lv.getLayerConf().getLayer() instanceof BatchNormalization
                        || lv.getLayerConf().getLayer() instanceof ColumnBatchNormalization))
                .mapToLong(v -> v.numParams(true) / 2).sum();
        assertEquals(17_696, statistics);                       // models.md §10: 3 139 090 trainable + 17 696
        assertEquals(3_139_090, ParamCount.of(conf) - statistics);
    }

    @Test
    void faithfulLayoutNormalisesTheStemPerColumnAndSqueezesSeIntoWidthVectors() {
        ComputationGraphConfiguration faithful = build(TResNet.M, 96, Layout.FAITHFUL);
        ColumnBatchNormalization stemBn = assertInstanceOf(ColumnBatchNormalization.class, layer(faithful, "stem_bn"));
        assertEquals(96 / 4, stemBn.getColumns());
        SqueezeExcitation se1 = (SqueezeExcitation) layer(faithful, "stage1_unit1_se");
        SqueezeExcitation se2 = (SqueezeExcitation) layer(faithful, "stage2_unit1_se");
        SqueezeExcitation se3 = (SqueezeExcitation) layer(faithful, "stage3_unit1_se");
        assertEquals(SqueezeExcitation.Squeeze.COLUMNS, se1.getSqueeze());
        assertEquals(24, se1.getSqueezed());  // stage 1 at R/4
        assertEquals(12, se2.getSqueezed());  // stride-2 unit: after the blur, R/8
        assertEquals(6, se3.getSqueezed());   // SE on the inner m = 64 channels, r = 8
        assertEquals(64, se3.getNOut());
        assertEquals(8, se3.getHidden());
        assertEquals(16, se1.getHidden());
        assertFalse(faithful.getVertices().containsKey("stage4_unit1_se"));

        ComputationGraphConfiguration intended = build(TResNet.M, 96, Layout.INTENDED);
        assertInstanceOf(BatchNormalization.class, layer(intended, "stem_bn"));
        SqueezeExcitation intendedSe = (SqueezeExcitation) layer(intended, "stage1_unit1_se");
        assertEquals(SqueezeExcitation.Squeeze.CHANNELS, intendedSe.getSqueeze());
        assertEquals(64, intendedSe.getSqueezed());
    }

    @Test
    void blocksUseLeakySlope0001AndTheStem001() {
        ComputationGraphConfiguration conf = build(TResNet.M, 64, Layout.FAITHFUL);
        assertEquals(0.01, ((ActivationLReLU) ((ActivationLayer) layer(conf, "stem_act")).getActivationFn()).getAlpha());
        for (String act : new String[]{"stage1_unit1_act1", "stage3_unit2_act2", "stage4_unit3_act1"}) {
            assertEquals(0.001, ((ActivationLReLU) ((ActivationLayer) layer(conf, act)).getActivationFn()).getAlpha(),
                    act);
        }
        for (String name : new String[]{"stem_space_to_depth", "stage2_unit1_blur", "stage2_unit1_shortcut_pool",
                "stage2_unit1_shortcut_conv", "stage2_unit1_shortcut_bn", "stage3_unit11_add", "stage4_unit3_out",
                "head_pool", "head_fc"}) {
            assertTrue(conf.getVertices().containsKey(name), name);
        }
        assertFalse(conf.getVertices().containsKey("stage2_unit2_shortcut_conv"), "identity shortcut expected");
        assertThrows(IllegalArgumentException.class, () -> TResNet.build(TResNet.M,
                new ModelSpec("TResNetM", 1, 64, MainActivation.RELU), BuildOptions.defaults(1), Layout.FAITHFUL));
    }

    /**
     * The faithful SE squeezes an almost constant W-vector (a mean over channels and rows), so at initialisation its
     * hidden unit j is active iff column j of W1 sums to more than 0. With r = 8 (stage 3) all eight can start
     * negative (probability 1/256 per SE): the whole SE is then dead, its W1, b1 and W2 get exactly zero gradient and
     * never train. With seed 1 that is TResNetM's stage3_unit2_se (and TResNetXL's stage3_unit22_se);
     * {@link TResNet#inactiveSqueezeExcitations} names such layers.
     */
    @Test
    void faithfulSeWhoseFirstLayerColumnsAllSumNegativeStartsDead() {
        ComputationGraph net = new ComputationGraph(build(TResNet.M, 64, Layout.FAITHFUL));
        net.init();
        INDArray w1 = net.getLayer("stage3_unit2_se").getParam(SqueezeExcitation.W1);
        assertTrue(w1.sum(0).maxNumber().doubleValue() < 0);
        net.setInputs(Nd4j.rand(2, 3, 32, 32));
        net.setLabels(Nd4j.eye(10).getRows(1, 4));
        net.computeGradientAndScore();
        assertEquals(0, net.gradient().getGradientFor("stage3_unit2_se_W1").amaxNumber().doubleValue());
        assertEquals(0, net.gradient().getGradientFor("stage3_unit2_se_W2").amaxNumber().doubleValue());
        assertTrue(TResNet.inactiveSqueezeExcitations(net).contains("stage3_unit2_se"));
        assertTrue(net.gradient().getGradientFor("stage3_unit3_se_W1").amaxNumber().doubleValue() > 0);
    }

    @Test
    void intendedLayoutTrains() {
        ComputationGraph net = new ComputationGraph(build(TResNet.M, 64, Layout.INTENDED));
        net.init();
        INDArray x = Nd4j.rand(2, 3, 32, 32);
        INDArray y = Nd4j.zeros(2, 10);
        y.putScalar(0, 1, 1);
        y.putScalar(1, 4, 1);
        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        assertTrue(Double.isFinite(net.score()));
        assertTrue(net.gradient().getGradientFor("stage1_unit1_se_W1").amaxNumber().doubleValue() > 0);
    }
}
