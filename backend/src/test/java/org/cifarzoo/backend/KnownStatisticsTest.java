package org.cifarzoo.backend;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch norm over a recorded concatenation (DenseNet's joins) takes its known channels' statistics from the batch
 * norm that measured them and measures only the rest: the same output and gradients as measuring everything, and
 * records matched by array, not by value.
 */
class KnownStatisticsTest {
    private static final double EPS = 1e-3;
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
    /** k = 12 new channels before a 24-channel input, as DenseNet52k12's second unit; 36 channels are regrouped. */
    private static final long[] NEW = {8, 4, 4, 12};
    private static final long[] INPUT = {8, 4, 4, 24};

    @BeforeAll
    static void start() {
        Backend.start(true);
        Nd4j.getRandom().setSeed(11);
    }

    private static INDArray map(long[] shape, double scale, double shift) {
        return Nd4j.randn(DataType.FLOAT, shape).muli(scale).addi(shift);
    }

    /** The training pass of a fresh batch norm on {@code x}, then its backward pass: output, μ, σ², ∂x, ∂γ, ∂β. */
    private static INDArray[] trainAndBackprop(INDArray x, INDArray gamma, INDArray beta, INDArray gradOut) {
        OneDnnBatchNorm bn = OneDnnBatchNorm.withRelu();
        INDArray out = bn.preOutput(x, true, x.shape(), gamma, beta, null, null, 0.9, EPS, CNN2DFormat.NHWC,
                NO_WORKSPACES);
        INDArray gammaGrad = gamma.ulike(), betaGrad = beta.ulike();
        Pair<Gradient, INDArray> grads = bn.backpropGradient(x, gradOut, x.shape(), gamma, beta, gammaGrad, betaGrad,
                EPS, CNN2DFormat.NHWC, NO_WORKSPACES);
        return new INDArray[]{out.dup(), bn.getMeanCache(DataType.FLOAT), bn.getVarCache(DataType.FLOAT),
                grads.getSecond().dup(), gammaGrad, betaGrad};
    }

    private static void measureAsALayerWould(INDArray input) {
        long channels = input.size(3);
        new OneDnnBatchNorm().preOutput(input, true, input.shape(), Nd4j.ones(DataType.FLOAT, 1, channels),
                Nd4j.zeros(DataType.FLOAT, 1, channels), null, null, 0.9, EPS, CNN2DFormat.NHWC, NO_WORKSPACES);
    }

    @Test
    void knownChannelsGiveTheSameOutputAndGradientsAsMeasuringThemAll() {
        assertTrue(RegroupedBatchNorm.pays(BatchNormPrimitives.Shape.of(Nd4j.create(DataType.FLOAT, 8, 4, 4, 36),
                CNN2DFormat.NHWC, EPS)), "36 channels take the regrouped passes, which take known statistics");
        INDArray fresh = map(NEW, 2, -1);
        INDArray input = map(INPUT, 3, 2);
        INDArray joint = Nd4j.concat(3, fresh, input);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, 1, 36).addi(0.5), beta = Nd4j.randn(DataType.FLOAT, 1, 36);
        INDArray gradOut = Nd4j.randn(DataType.FLOAT, joint.shape());

        INDArray[] measured = trainAndBackprop(joint.dup(), gamma, beta, gradOut);
        measureAsALayerWould(input);
        KnownStatistics.concatenated(joint, fresh, input);
        INDArray[] known = trainAndBackprop(joint, gamma, beta, gradOut);

        String[] names = {"output", "batch mean", "batch variance", "input gradient", "gamma gradient",
                "beta gradient"};
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(measured[i].data().asFloat(), known[i].data().asFloat(), 1e-5f, names[i]);
        }
    }

    @Test
    void recordedStatisticsAreUsedForTheirArrayOnly() {
        INDArray fresh = map(NEW, 2, -1);
        INDArray input = map(INPUT, 3, 2);
        INDArray joint = Nd4j.concat(3, fresh, input);
        INDArray gamma = Nd4j.ones(DataType.FLOAT, 1, 36), beta = Nd4j.zeros(DataType.FLOAT, 1, 36);
        float[] trueMean = joint.mean(0, 1, 2).data().asFloat();
        float[] planted = new float[24];
        java.util.Arrays.fill(planted, 42f);
        KnownStatistics.measured(input, new KnownStatistics.Statistics(planted, planted.clone()));
        KnownStatistics.concatenated(joint, fresh, input);

        // an equal copy of the joint is not the recorded array: everything is measured
        assertArrayEquals(trueMean, trainAndBackprop(joint.dup(), gamma, beta, joint.ulike())[1].data().asFloat(),
                1e-5f);
        // the recorded joint takes the planted values for the input's channels and measures the new ones
        float[] mean = trainAndBackprop(joint, gamma, beta, joint.ulike())[1].data().asFloat();
        assertArrayEquals(java.util.Arrays.copyOf(trueMean, 12), java.util.Arrays.copyOf(mean, 12), 1e-5f);
        assertArrayEquals(planted, java.util.Arrays.copyOfRange(mean, 12, 36), 0f);
    }

    @Test
    void oneDnnsPlainPassesMeasureTheirOwnStatistics() {
        // 32 channels: oneDNN's own AVX-512 kernel, whose backward pass needs the statistics its forward pass took
        INDArray fresh = map(new long[]{8, 4, 4, 16}, 2, -1);
        INDArray input = map(new long[]{8, 4, 4, 16}, 3, 2);
        INDArray joint = Nd4j.concat(3, fresh, input);
        float[] planted = new float[16];
        java.util.Arrays.fill(planted, 42f);
        KnownStatistics.measured(input, new KnownStatistics.Statistics(planted, planted.clone()));
        KnownStatistics.concatenated(joint, fresh, input);
        float[] mean = trainAndBackprop(joint, Nd4j.ones(DataType.FLOAT, 1, 32), Nd4j.zeros(DataType.FLOAT, 1, 32),
                joint.ulike())[1].data().asFloat();
        assertArrayEquals(joint.mean(0, 1, 2).data().asFloat(), mean, 1e-5f);
    }
}
