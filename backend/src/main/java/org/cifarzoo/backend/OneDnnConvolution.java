package org.cifarzoo.backend;

import org.bytedeco.dnnl.stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * 2-d convolution on oneDNN directly ({@link ConvPrimitives}), in place of DL4J's helper that goes through libnd4j's
 * {@code conv2d} ops.
 *
 * <p>Those ops create their oneDNN primitives on every call, let oneDNN pick the "auto" algorithm and blocked layouts
 * (reordering every activation in and out), and always compute backward data and weights together. Measured on
 * ResNet18's shapes here (batch 128): backward of the 16-channel 32×32 layers 19.6 ms through libnd4j, where oneDNN
 * picks Winograd, against 3.4 ms with the direct kernels on channels-last data. Float only; anything else returns null
 * and DL4J runs its own implementation.
 *
 * <p>A layer without bias may pass a null bias (the zoo's linear convolutions do) or DL4J's zero "dummy" one, which
 * oneDNN adds inside its kernels (ResNet18's forward convolutions ~5-10 % slower with it); DL4J's dummy bias gradient
 * in backprop is never computed: oneDNN reduces it in a separate pass (2 % of a ResNet18 training step).
 *
 * <p>{@link #depthwise()} and {@link #grouped} serve the zoo's depthwise and grouped layers, which take them when
 * they are created. DL4J's depthwise layer has no helper of its own: libnd4j's depthwise ops run im2col and a GEMM per
 * channel on gigabyte-sized temporaries at MobileNetV2's 96 px shapes (a quarter of a training step in their backward
 * op alone).
 *
 * <p>{@link #withRelu()} serves a convolution layer whose activation is ReLU: its forward pass applies the ReLU inside
 * the convolution kernel, and {@link #activate} then has nothing left to do.
 */
public final class OneDnnConvolution implements ConvolutionHelper {
    private static final IActivation RELU = new ActivationReLU();
    /** 0 for DL4J's depthwise layout (a group per input channel). */
    private final int groups;
    /** Whether the forward pass ends in ReLU, the layer's activation. */
    private final boolean relu;
    private final stream stream = new stream(OneDnn.cpu());
    private final PrimitiveCache<ConvGeometry, ConvPrimitives> primitives;
    /** Whether the last forward pass ran here with the ReLU; where it did not, DL4J's ran, without it. */
    private boolean appliedRelu;
    /** False where no one reads the input gradient (a network's first convolution, {@link #dropInputGradient}). */
    private boolean inputGradient = true;

    /** For DL4J's convolution layer: weights [oC, iC, kH, kW]. */
    public OneDnnConvolution() {
        this(1, false);
    }

    private OneDnnConvolution(int groups, boolean relu) {
        this.groups = groups;
        this.relu = relu;
        primitives = new PrimitiveCache<>(geometry -> new ConvPrimitives(geometry, stream, relu));
    }

    /**
     * For DL4J's convolution layer with ReLU as its activation. Its backward pass stays right: DL4J recomputes the
     * forward output for the activation's gradient, and ReLU's gradient at ReLU(z) is the one at z.
     */
    public static OneDnnConvolution withRelu() {
        return new OneDnnConvolution(1, true);
    }

    /** For DL4J's depthwise convolution layer: weights [kH, kW, C, depth multiplier]. */
    public static OneDnnConvolution depthwise() {
        return new OneDnnConvolution(0, false);
    }

    /** For a grouped convolution: weights [oC, iC / groups, kH, kW], output group j from input group j. */
    public static OneDnnConvolution grouped(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1: " + groups);
        }
        return new OneDnnConvolution(groups, false);
    }

    /**
     * From now on backprop computes the weight (and bias) gradients only and hands DL4J a null input gradient, as
     * DL4J's embedding layers do: for a network's first layer, whose input is the data, that gradient is a whole
     * backward-data convolution no one reads.
     */
    public void dropInputGradient() {
        inputGradient = false;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation,
                              CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        appliedRelu = false;
        if (!supported(input, weights)) {
            return null;
        }
        ConvPrimitives conv = primitivesFor(input, weights, kernel, strides, pad, dilation, convolutionMode, format,
                bias != null);
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                conv.geometry().outShape(), 'c');
        conv.forward(OneDnn.dense(input), OneDnn.dense(weights), bias == null ? null : OneDnn.dense(bias), output);
        appliedRelu = relu;
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn, AlgoMode mode,
                                                     BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, weights) || !writable(weightGradView) || !writable(biasGradView)) {
            return null;
        }
        // a layer without bias gets DL4J's dummy bias gradient but a null bias: its reduction would be wasted work
        ConvPrimitives conv = primitivesFor(input, weights, kernel, strides, pad, dilation, convolutionMode, format,
                bias != null);
        INDArray gradIn = !inputGradient ? null
                : workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        conv.backward(OneDnn.dense(input), OneDnn.dense(weights), OneDnn.dense(delta), gradIn, weightGradView,
                biasGradView);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        if (bias != null) { // a real bias, not DL4J's dummy
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        return new Pair<>(gradient, gradIn);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        if (relu && !RELU.equals(afn)) {
            throw new IllegalStateException("a convolution helper with ReLU serves a layer whose activation is " + afn);
        }
        return appliedRelu ? z : afn.getActivation(z, training);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    private static boolean supported(INDArray input, INDArray weights) {
        return input.rank() == 4 && input.dataType() == DataType.FLOAT && weights.dataType() == DataType.FLOAT;
    }

    /** Gradients are written into the layer's own views, which must be dense. */
    private static boolean writable(INDArray gradientView) {
        return gradientView == null || OneDnn.isDense(gradientView);
    }

    private ConvPrimitives primitivesFor(INDArray input, INDArray weights, int[] kernel, int[] strides, int[] pad,
                                         int[] dilation, ConvolutionMode mode, CNN2DFormat format, boolean bias) {
        ConvGeometry geometry = groups == 0
                ? ConvGeometry.depthwise(input.shape(), weights.shape(), kernel, strides, pad, dilation, mode, format,
                        bias)
                : ConvGeometry.grouped(input.shape(), weights.shape(), kernel, strides, pad, dilation, mode, format,
                        bias, groups);
        return primitives.get(geometry);
    }
}
