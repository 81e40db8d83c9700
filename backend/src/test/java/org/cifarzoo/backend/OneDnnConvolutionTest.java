package org.cifarzoo.backend;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OneDnnConvolution against libnd4j's generic conv2d / conv2d_bp run in double precision: output, input gradient and
 * weight gradient, in both layouts, for the geometries the zoo uses (3×3 and 1×1, strides 1 and 2, TF-SAME with its
 * odd pixel at the bottom/right, explicit padding, a non-square input), with and without a bias.
 */
class OneDnnConvolutionTest {
    /** Float rounding over sums of a few hundred products, relative to the largest reference value. */
    private static final double TOLERANCE = 1e-5;

    @BeforeAll
    static void start() {
        Backend.start(true);
        Nd4j.getRandom().setSeed(7);
    }

    static Stream<Arguments> geometries() {
        return Stream.of(CNN2DFormat.NCHW, CNN2DFormat.NHWC).flatMap(format -> Stream.of(
                // batch, in, out, h, w, kernel, stride, pad, mode
                Arguments.of(format, new int[]{4, 16, 16, 12, 12, 3, 1, 0}, ConvolutionMode.Same),
                Arguments.of(format, new int[]{3, 8, 24, 12, 12, 3, 2, 0}, ConvolutionMode.Same),
                Arguments.of(format, new int[]{3, 8, 16, 11, 9, 3, 2, 0}, ConvolutionMode.Same),
                Arguments.of(format, new int[]{2, 16, 32, 8, 8, 1, 2, 0}, ConvolutionMode.Same),
                Arguments.of(format, new int[]{2, 3, 16, 10, 10, 1, 1, 0}, ConvolutionMode.Truncate),
                Arguments.of(format, new int[]{2, 5, 7, 10, 10, 3, 1, 1}, ConvolutionMode.Truncate)))
                .flatMap(a -> Stream.of(true, false).map(bias -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], bias)));
    }

    @ParameterizedTest(name = "{0} {1} {2} bias {3}")
    @MethodSource("geometries")
    void matchesTheDoublePrecisionReference(CNN2DFormat format, int[] g, ConvolutionMode mode, boolean withBias) {
        int batch = g[0], in = g[1], out = g[2], h = g[3], w = g[4], k = g[5], s = g[6], p = g[7];
        boolean nchw = format == CNN2DFormat.NCHW;
        INDArray x = Nd4j.randn(DataType.DOUBLE, nchw ? new long[]{batch, in, h, w} : new long[]{batch, h, w, in});
        INDArray weights = Nd4j.randn(DataType.DOUBLE, out, in, k, k);
        INDArray bias = Nd4j.randn(DataType.DOUBLE, 1, out);
        int[] iArgs = {k, k, s, s, p, p, 1, 1, mode == ConvolutionMode.Same ? 1 : 0, nchw ? 0 : 1, 1};

        INDArray expectedOut = Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, weights, bias.reshape(out))
                .addIntegerArguments(iArgs).build())[0];
        INDArray gradOut = Nd4j.randn(DataType.DOUBLE, expectedOut.shape());
        INDArray[] expectedGrads = Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
                .addInputs(x, weights, bias.reshape(out), gradOut).addIntegerArguments(iArgs).build());
        if (!withBias) {
            expectedOut = Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, weights)
                    .addIntegerArguments(iArgs).build())[0];
        }

        OneDnnConvolution conv = new OneDnnConvolution();
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        int[] kernel = {k, k}, stride = {s, s}, pad = {p, p}, dilation = {1, 1};
        INDArray xf = x.castTo(DataType.FLOAT), wf = weights.castTo(DataType.FLOAT);
        INDArray bf = withBias ? bias.castTo(DataType.FLOAT) : null;
        INDArray actualOut = conv.preOutput(xf, wf, bf, kernel, stride, pad, null, null, mode, dilation, format,
                noWorkspaces);
        INDArray weightGrad = Nd4j.create(DataType.FLOAT, out, in, k, k);
        // without a bias DL4J still hands over a (dummy) bias gradient
        INDArray biasGrad = Nd4j.create(DataType.FLOAT, 1, out);
        Pair<Gradient, INDArray> grads = conv.backpropGradient(xf, wf, bf, gradOut.castTo(DataType.FLOAT), kernel,
                stride, pad, biasGrad, weightGrad, new ActivationIdentity(), null, null, null, mode, dilation, format,
                noWorkspaces);

        assertClose("output", expectedOut, actualOut);
        assertClose("input gradient", expectedGrads[0], grads.getSecond());
        assertClose("weight gradient", expectedGrads[1], weightGrad);
        assertSame(weightGrad, grads.getFirst().getGradientFor("W"), "the weight gradient is the layer's view");
        if (withBias) {
            assertClose("bias gradient", expectedGrads[2].reshape(1, out), biasGrad);
            assertSame(biasGrad, grads.getFirst().getGradientFor("b"));
        } else {
            assertNull(grads.getFirst().getGradientFor("b"), "no bias gradient for a layer without bias");
            assertEquals(0, biasGrad.amaxNumber().doubleValue(), "the dummy bias gradient is not computed");
        }
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double error = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() / scale;
        assertTrue(error < TOLERANCE, what + ": max error " + error + " relative to " + scale);
    }
}
