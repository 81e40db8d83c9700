package org.cifarzoo.backend;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * Everything that fixes a convolution's primitives: shapes, strides, dilation, padding (top, left, bottom, right; TF's
 * SAME puts the odd pixel at the bottom/right), the activations' layout, whether a bias is added, the groups (each
 * group of input channels convolved on its own into as many groups of outputs) and whether the weights are in DL4J's
 * depthwise layout (a group per input channel).
 */
record ConvGeometry(long batch, long inChannels, long inH, long inW, long outChannels, long outH, long outW,
                    int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW,
                    int padTop, int padLeft, int padBottom, int padRight, CNN2DFormat format, boolean bias,
                    int groups, boolean depthwise) {

    /** The geometry DL4J's convolution describes for an input of {@code inShape} and weights [oC, iC, kH, kW]. */
    static ConvGeometry of(long[] inShape, long[] weightShape, int[] kernel, int[] stride, int[] pad, int[] dilation,
                           ConvolutionMode mode, CNN2DFormat format, boolean bias) {
        return grouped(inShape, weightShape, kernel, stride, pad, dilation, mode, format, bias, 1);
    }

    /** A grouped convolution's geometry: weights [oC, iC / groups, kH, kW], output group j from input group j. */
    static ConvGeometry grouped(long[] inShape, long[] weightShape, int[] kernel, int[] stride, int[] pad,
                                int[] dilation, ConvolutionMode mode, CNN2DFormat format, boolean bias, int groups) {
        return of(inShape, weightShape[0], kernel, stride, pad, dilation, mode, format, bias, groups, false);
    }

    /**
     * The geometry DL4J's depthwise convolution describes for an input of {@code inShape} and weights
     * [kH, kW, C, depth multiplier].
     */
    static ConvGeometry depthwise(long[] inShape, long[] weightShape, int[] kernel, int[] stride, int[] pad,
                                  int[] dilation, ConvolutionMode mode, CNN2DFormat format, boolean bias) {
        return of(inShape, weightShape[2] * weightShape[3], kernel, stride, pad, dilation, mode, format, bias,
                (int) weightShape[2], true);
    }

    private static ConvGeometry of(long[] inShape, long outChannels, int[] kernel, int[] stride, int[] pad,
                                   int[] dilation, ConvolutionMode mode, CNN2DFormat format, boolean bias,
                                   int groups, boolean depthwise) {
        boolean nchw = format == CNN2DFormat.NCHW;
        long inH = inShape[nchw ? 2 : 1];
        long inW = inShape[nchw ? 3 : 2];
        int[] padH = padding(inH, kernel[0], stride[0], pad[0], dilation[0], mode);
        int[] padW = padding(inW, kernel[1], stride[1], pad[1], dilation[1], mode);
        return new ConvGeometry(inShape[0], inShape[nchw ? 1 : 3], inH, inW, outChannels,
                outSize(inH, kernel[0], stride[0], padH, dilation[0]), outSize(inW, kernel[1], stride[1], padW, dilation[1]),
                kernel[0], kernel[1], stride[0], stride[1], dilation[0], dilation[1], padH[0], padW[0], padH[1], padW[1],
                format, bias, groups, depthwise);
    }

    /** {before, after} along one axis. */
    private static int[] padding(long in, int kernel, int stride, int pad, int dilation, ConvolutionMode mode) {
        if (mode != ConvolutionMode.Same) {
            return new int[]{pad, pad};
        }
        long out = (in + stride - 1) / stride;
        int total = (int) Math.max(0, (out - 1) * stride + (long) (kernel - 1) * dilation + 1 - in);
        return new int[]{total / 2, total - total / 2};
    }

    private static long outSize(long in, int kernel, int stride, int[] pad, int dilation) {
        return (in + pad[0] + pad[1] - (long) (kernel - 1) * dilation - 1) / stride + 1;
    }

    long[] inDims() {
        return new long[]{batch, inChannels, inH, inW};
    }

    long[] outDims() {
        return new long[]{batch, outChannels, outH, outW};
    }

    /** oihw; with groups, oneDNN's goihw. */
    long[] weightDims() {
        return groups == 1
                ? new long[]{outChannels, inChannels, kernelH, kernelW}
                : new long[]{groups, outChannels / groups, inChannels / groups, kernelH, kernelW};
    }

    long[] biasDims() {
        return new long[]{outChannels};
    }

    long[] outShape() {
        return format == CNN2DFormat.NCHW ? outDims() : new long[]{batch, outH, outW, outChannels};
    }

    long[] strides() {
        return new long[]{strideH, strideW};
    }

    /** oneDNN counts dilation from 0 (no gaps), DL4J from 1. */
    long[] dilations() {
        return new long[]{dilationH - 1, dilationW - 1};
    }

    long[] padBefore() {
        return new long[]{padTop, padLeft};
    }

    long[] padAfter() {
        return new long[]{padBottom, padRight};
    }
}
