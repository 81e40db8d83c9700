package org.cifarzoo.backend;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OneDnnConvolution against libnd4j's generic conv2d / conv2d_bp (depthwise_conv2d / _bp for the depthwise variant)
 * run in double precision: output, input gradient and weight gradient, in both layouts, for the geometries the zoo
 * uses (3×3, 5×5 and 1×1, strides 1 and 2, TF-SAME with its odd pixel at the bottom/right, explicit padding, a
 * non-square input, a depth multiplier), with and without a bias.
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
        return inBothFormatsWithAndWithoutBias(
                // batch, in, out, h, w, kernel, stride, pad, TF-SAME (1) or explicit (0)
                new int[]{4, 16, 16, 12, 12, 3, 1, 0, 1},
                new int[]{3, 8, 24, 12, 12, 3, 2, 0, 1},
                new int[]{3, 8, 16, 11, 9, 3, 2, 0, 1},
                new int[]{2, 16, 32, 8, 8, 1, 2, 0, 1},
                new int[]{2, 3, 16, 10, 10, 1, 1, 0, 0},
                new int[]{2, 5, 7, 10, 10, 3, 1, 1, 0});
    }

    static Stream<Arguments> depthwiseGeometries() {
        return inBothFormatsWithAndWithoutBias(
                // batch, channels, depth multiplier, h, w, kernel, stride, pad, TF-SAME (1) or explicit (0)
                new int[]{4, 16, 1, 12, 12, 3, 1, 0, 1},
                new int[]{3, 24, 1, 11, 9, 3, 2, 0, 1},
                new int[]{2, 8, 1, 12, 12, 5, 2, 0, 1},
                new int[]{2, 5, 3, 10, 10, 3, 1, 1, 0});
    }

    private static Stream<Arguments> inBothFormatsWithAndWithoutBias(int[]... geometries) {
        return Stream.of(CNN2DFormat.NCHW, CNN2DFormat.NHWC).flatMap(format -> Stream.of(geometries)
                .flatMap(g -> Stream.of(true, false).map(bias -> Arguments.of(format, g, bias))));
    }

    /** Against libnd4j's conv2d / conv2d_bp, weights [oC, iC, kH, kW]. */
    @ParameterizedTest(name = "{0} {1} bias {2}")
    @MethodSource("geometries")
    void matchesTheDoublePrecisionReference(CNN2DFormat format, int[] g, boolean withBias) {
        int in = g[1], out = g[2], k = g[5];
        // without a bias DL4J still hands over a (dummy) bias gradient, which must stay untouched
        Case c = new Case(format, g, new OneDnnConvolution(), "conv2d", Nd4j.randn(DataType.DOUBLE, out, in, k, k),
                withBias ? Nd4j.randn(DataType.DOUBLE, out) : null, Nd4j.create(DataType.FLOAT, 1, out));
        c.check(1);
        if (!withBias) {
            assertEquals(0, c.biasGrad.amaxNumber().doubleValue(), "the dummy bias gradient is not computed");
        }
    }

    /**
     * The weight gradient of a bias-free 1×1 stride-1 convolution on channels-last data is a SGEMM: the geometry
     * {@code 2, 3, 16, 10, 10, 1, 1, 0, 0} above checks its values in NHWC without a bias.
     */
    @Test
    void pointwiseWeightGradientIsGemmOnlyWhereItPays() {
        assertTrue(ConvPrimitives.weightGradientIsGemm(pointwise(2, 10, 3, 16, CNN2DFormat.NHWC, false)));
        assertTrue(ConvPrimitives.weightGradientIsGemm(pointwise(128, 8, 162, 48, CNN2DFormat.NHWC, false)));
        assertFalse(ConvPrimitives.weightGradientIsGemm(pointwise(2, 10, 3, 16, CNN2DFormat.NCHW, false)));
        assertFalse(ConvPrimitives.weightGradientIsGemm(pointwise(2, 10, 3, 16, CNN2DFormat.NHWC, true)));
        assertFalse(ConvPrimitives.weightGradientIsGemm(pointwise(128, 32, 48, 48, CNN2DFormat.NHWC, false)),
                "a small weight over 128 x 32 x 32 pixels stays on the convolution kernel");
        assertTrue(ConvPrimitives.weightGradientIsGemm(pointwise(128, 32, 96, 48, CNN2DFormat.NHWC, false)));
        assertFalse(ConvPrimitives.weightGradientIsGemm(ConvGeometry.of(new long[]{2, 10, 10, 16},
                new long[]{8, 16, 1, 1}, new int[]{1, 1}, new int[]{2, 2}, new int[]{0, 0}, new int[]{1, 1},
                ConvolutionMode.Truncate, CNN2DFormat.NHWC, false)), "stride 2");
    }

    private static ConvGeometry pointwise(int batch, int size, int in, int out, CNN2DFormat format, boolean bias) {
        long[] shape = format == CNN2DFormat.NCHW ? new long[]{batch, in, size, size} : new long[]{batch, size, size, in};
        return ConvGeometry.of(shape, new long[]{out, in, 1, 1}, new int[]{1, 1}, new int[]{1, 1}, new int[]{0, 0},
                new int[]{1, 1}, ConvolutionMode.Truncate, format, bias);
    }

    /** The depthwise variant against libnd4j's depthwise_conv2d / depthwise_conv2d_bp, weights [kH, kW, C, m]. */
    @ParameterizedTest(name = "{0} {1} bias {2}")
    @MethodSource("depthwiseGeometries")
    void depthwiseMatchesTheDoublePrecisionReference(CNN2DFormat format, int[] g, boolean withBias) {
        int channels = g[1], multiplier = g[2], k = g[5];
        Case c = new Case(format, g, OneDnnConvolution.depthwise(), "depthwise_conv2d",
                Nd4j.randn(DataType.DOUBLE, k, k, channels, multiplier),
                withBias ? Nd4j.randn(DataType.DOUBLE, channels * multiplier) : null,
                withBias ? Nd4j.create(DataType.FLOAT, channels * multiplier) : null);
        c.check();
    }

    /** One layer's forward and backward pass through the helper and through libnd4j's {@code op} / {@code op_bp}. */
    private static final class Case {
        private final CNN2DFormat format;
        private final ConvolutionMode mode;
        private final int[] kernel;
        private final int[] stride;
        private final int[] pad;
        private final OneDnnConvolution conv;
        private final String op;
        private final INDArray x;
        private final INDArray weights;
        private final INDArray bias;
        private final INDArray biasGrad;

        Case(CNN2DFormat format, int[] g, OneDnnConvolution conv, String op, INDArray weights, INDArray bias,
             INDArray biasGrad) {
            this.format = format;
            this.mode = g[8] == 1 ? ConvolutionMode.Same : ConvolutionMode.Truncate;
            this.kernel = new int[]{g[5], g[5]};
            this.stride = new int[]{g[6], g[6]};
            this.pad = new int[]{g[7], g[7]};
            this.conv = conv;
            this.op = op;
            boolean nchw = format == CNN2DFormat.NCHW;
            this.x = Nd4j.randn(DataType.DOUBLE, nchw ? new long[]{g[0], g[1], g[3], g[4]}
                    : new long[]{g[0], g[3], g[4], g[1]});
            this.weights = weights;
            this.bias = bias;
            this.biasGrad = biasGrad;
        }

        /** {@code extraArgs}: libnd4j's integer arguments after the layout (conv2d's weight format). */
        void check(int... extraArgs) {
            int[] iArgs = IntStream.concat(IntStream.of(kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], 1,
                    1, mode == ConvolutionMode.Same ? 1 : 0, format == CNN2DFormat.NCHW ? 0 : 1),
                    IntStream.of(extraArgs)).toArray();
            INDArray[] params = bias == null ? new INDArray[]{x, weights} : new INDArray[]{x, weights, bias};
            INDArray expectedOut = Nd4j.exec(DynamicCustomOp.builder(op).addInputs(params)
                    .addIntegerArguments(iArgs).build())[0];
            INDArray gradOut = Nd4j.randn(DataType.DOUBLE, expectedOut.shape());
            INDArray[] backpropInputs = Arrays.copyOf(params, params.length + 1);
            backpropInputs[params.length] = gradOut;
            INDArray[] expectedGrads = Nd4j.exec(DynamicCustomOp.builder(op + "_bp").addInputs(backpropInputs)
                    .addIntegerArguments(iArgs).build());

            LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
            int[] dilation = {1, 1};
            INDArray xf = x.castTo(DataType.FLOAT), wf = weights.castTo(DataType.FLOAT);
            INDArray bf = bias == null ? null : bias.castTo(DataType.FLOAT);
            INDArray actualOut = conv.preOutput(xf, wf, bf, kernel, stride, pad, null, null, mode, dilation, format,
                    noWorkspaces);
            INDArray weightGrad = Nd4j.create(DataType.FLOAT, weights.shape());
            Pair<Gradient, INDArray> grads = conv.backpropGradient(xf, wf, bf, gradOut.castTo(DataType.FLOAT), kernel,
                    stride, pad, biasGrad, weightGrad, new ActivationIdentity(), null, null, null, mode, dilation,
                    format, noWorkspaces);

            assertClose("output", expectedOut, actualOut);
            assertClose("input gradient", expectedGrads[0], grads.getSecond());
            assertClose("weight gradient", expectedGrads[1], weightGrad);
            assertSame(weightGrad, grads.getFirst().getGradientFor("W"), "the weight gradient is the layer's view");
            if (bias != null) {
                assertClose("bias gradient", expectedGrads[2].reshape(biasGrad.shape()), biasGrad);
                assertSame(biasGrad, grads.getFirst().getGradientFor("b"));
            } else {
                assertNull(grads.getFirst().getGradientFor("b"), "no bias gradient for a layer without bias");
            }
        }
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double error = expected.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() / scale;
        assertTrue(error < TOLERANCE, what + ": max error " + error + " relative to " + scale);
    }
}
