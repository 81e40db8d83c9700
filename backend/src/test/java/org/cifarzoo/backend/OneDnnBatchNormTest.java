package org.cifarzoo.backend;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OneDnnBatchNorm against batch norm written out in double precision: training output and batch statistics,
 * inference with given statistics, and the input, γ and β gradients, in both layouts, on oneDNN's own kernel (16
 * channels) and regrouped (36 and 78 channels channels-last, four and eight pixels a row).
 */
class OneDnnBatchNormTest {
    private static final double EPS = 1e-3;
    private static final double TOLERANCE = 1e-5;

    @BeforeAll
    static void start() {
        Backend.start(true);
        Nd4j.getRandom().setSeed(5);
    }

    @ParameterizedTest(name = "{0}, {1} channels")
    @CsvSource({"NCHW, 16", "NHWC, 16", "NHWC, 36", "NHWC, 78"})
    void matchesTheDoublePrecisionFormulas(CNN2DFormat format, int channels) {
        boolean nchw = format == CNN2DFormat.NCHW;
        long[] shape = nchw ? new long[]{8, channels, 4, 4} : new long[]{8, 4, 4, channels};
        assertEquals(!nchw && channels % 8 != 0 && CpuFeatures.read().hasAvx512(),
                RegroupedBatchNorm.pays(BatchNormPrimitives.Shape.of(Nd4j.create(DataType.FLOAT, shape), format, EPS)),
                "regrouped");
        int[] reduce = nchw ? new int[]{0, 2, 3} : new int[]{0, 1, 2};
        INDArray x = Nd4j.randn(DataType.DOUBLE, shape).muli(3).addi(1);
        INDArray gamma = Nd4j.rand(DataType.DOUBLE, 1, channels).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.DOUBLE, 1, channels);
        INDArray gradOut = Nd4j.randn(DataType.DOUBLE, shape);

        // y = γ·x̂ + β, x̂ = (x − μ)/√(σ² + ε); dβ = Σ dy, dγ = Σ dy·x̂, dx = γ/√(σ² + ε)·(dy − dβ/m − x̂·dγ/m)
        double m = x.length() / (double) channels;
        INDArray mu = x.mean(reduce);
        INDArray var = x.sub(broadcast(mu, format, shape)).muli(x.sub(broadcast(mu, format, shape))).mean(reduce);
        INDArray invStd = Transforms.pow(var.add(EPS), -0.5);
        INDArray xHat = x.sub(broadcast(mu, format, shape)).muli(broadcast(invStd, format, shape));
        INDArray expectedOut = xHat.mul(broadcast(gamma, format, shape)).addi(broadcast(beta, format, shape));
        INDArray dBeta = gradOut.sum(reduce);
        INDArray dGamma = gradOut.mul(xHat).sum(reduce);
        INDArray expectedGradIn = gradOut.sub(broadcast(dBeta.div(m), format, shape))
                .subi(xHat.mul(broadcast(dGamma.div(m), format, shape)))
                .muli(broadcast(invStd.mul(gamma.reshape(channels)), format, shape));

        OneDnnBatchNorm bn = new OneDnnBatchNorm();
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray xf = x.castTo(DataType.FLOAT), gf = gamma.castTo(DataType.FLOAT), bf = beta.castTo(DataType.FLOAT);
        INDArray out = bn.preOutput(xf, true, shape, gf, bf, null, null, 0.9, EPS, format, noWorkspaces);
        assertClose("training output", expectedOut, out);
        assertClose("batch mean", mu, bn.getMeanCache(DataType.FLOAT));
        assertClose("batch variance", var, bn.getVarCache(DataType.FLOAT));

        INDArray gammaGrad = Nd4j.create(DataType.FLOAT, 1, channels), betaGrad = gammaGrad.ulike();
        Pair<Gradient, INDArray> grads = bn.backpropGradient(xf, gradOut.castTo(DataType.FLOAT), shape, gf, bf,
                gammaGrad, betaGrad, EPS, format, noWorkspaces);
        assertClose("input gradient", expectedGradIn, grads.getSecond());
        assertClose("gamma gradient", dGamma.reshape(1, channels), gammaGrad);
        assertClose("beta gradient", dBeta.reshape(1, channels), betaGrad);
        assertSame(gammaGrad, grads.getFirst().getGradientFor("gamma"));

        INDArray runningMean = Nd4j.randn(DataType.DOUBLE, 1, channels), runningVar = Nd4j.rand(DataType.DOUBLE, 1, channels).addi(0.5);
        INDArray expectedInference = x.sub(broadcast(runningMean.reshape(channels), format, shape))
                .muli(broadcast(Transforms.pow(runningVar.reshape(channels).add(EPS), -0.5), format, shape))
                .muli(broadcast(gamma, format, shape)).addi(broadcast(beta, format, shape));
        INDArray inferred = bn.preOutput(xf, false, shape, gf, bf, runningMean.castTo(DataType.FLOAT),
                runningVar.castTo(DataType.FLOAT), 0.9, EPS, format, noWorkspaces);
        assertClose("inference output", expectedInference, inferred);
    }

    /** A per-channel vector shaped to broadcast over activations of {@code shape}. */
    private static INDArray broadcast(INDArray perChannel, CNN2DFormat format, long[] shape) {
        long c = perChannel.length();
        INDArray v = format == CNN2DFormat.NCHW ? perChannel.reshape(1, c, 1, 1) : perChannel.reshape(1, 1, 1, c);
        return v.broadcast(shape);
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.reshape(-1).shape(), actual.reshape(-1).shape(), what + " size");
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double error = expected.reshape(-1).sub(actual.reshape(-1).castTo(DataType.DOUBLE)).amaxNumber().doubleValue()
                / scale;
        assertTrue(error < TOLERANCE, what + ": max error " + error + " relative to " + scale);
    }
}
