package org.cifarzoo.zoo;

import org.cifarzoo.zoo.layers.Add;
import org.cifarzoo.zoo.layers.BatchNormRelu;
import org.cifarzoo.zoo.layers.BlurDownsample;
import org.cifarzoo.zoo.layers.ChannelsLast;
import org.cifarzoo.zoo.layers.FastPath;
import org.cifarzoo.zoo.layers.InputGradients;
import org.cifarzoo.zoo.layers.ChannelZeroPad;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.cifarzoo.zoo.layers.CopyFreeActivation;
import org.cifarzoo.zoo.layers.LinearConvolution;
import org.cifarzoo.zoo.layers.LinearDepthwiseConvolution;
import org.cifarzoo.zoo.layers.NearestUpsample;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Thin layer over DL4J's graph builder that fixes the conventions of models.md §0 once: TF-SAME padding,
 * no conv bias, Glorot-uniform init, BN momentum 0.99 / ε 1e-3, L2 on conv kernels only. The network's input is
 * always the NCHW batch; a family whose layers all run channels-last asks for {@link #fastestLayout()}.
 *
 * <p>Every method takes the name of its input and returns the name of what it added, so blocks thread names
 * through and no caller types a predecessor's name.
 */
public final class NetBuilder {
    public static final String INPUT = "input";
    private static final String CHANNELS_LAST = "input_nhwc";
    private static final int CLASSES = 10;
    private static final double BN_DECAY = 0.99;
    private static final double BN_EPS = 1e-3;

    private final ComputationGraphConfiguration.GraphBuilder graph;
    private final String input;
    private final Activation act;
    /** DL4J's l2 coefficient: Keras' λ·Σw² has gradient 2λw, DL4J's l2(c) has gradient c·w, so c = 2λ. */
    private final double convL2;

    /**
     * @param kerasL2 the spec's λ (Keras convention) on conv kernels
     */
    public NetBuilder(BuildOptions options, Activation mainActivation, double kerasL2) {
        this(options, mainActivation, kerasL2, CNN2DFormat.NCHW);
    }

    /**
     * @param layout the activations' layout inside the network; with NHWC the first vertex ({@link #input()})
     *               turns the NCHW input channels-last
     */
    public NetBuilder(BuildOptions options, Activation mainActivation, double kerasL2, CNN2DFormat layout) {
        this.act = mainActivation;
        this.convL2 = 2 * kerasL2;
        this.graph = new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .dataType(options.dataType())
                .updater(options.updater())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(ModelSpec.CIFAR_PX, ModelSpec.CIFAR_PX, 3, CNN2DFormat.NCHW));
        if (layout == CNN2DFormat.NHWC) {
            graph.addVertex(CHANNELS_LAST, new ChannelsLast(), INPUT);
        }
        this.input = layout == CNN2DFormat.NHWC ? CHANNELS_LAST : INPUT;
    }

    /**
     * The layout a channels-last-capable family builds with: NHWC on the fast path, where oneDNN's convolutions run
     * channels-last without reorders; NCHW otherwise, DL4J's own layers being written for it.
     */
    public static CNN2DFormat fastestLayout() {
        return FastPath.enabled() ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;
    }

    /** What the first layer reads: the input, or its channels-last copy. */
    public String input() {
        return input;
    }

    /** Plain convolution {@code Conv(k, s, n)} without bias, BN or activation, with the family's L2. */
    public String conv(String name, String in, int kernel, int stride, int filters) {
        return conv(name, in, Conv.of(kernel, stride, filters));
    }

    public String conv(String name, String in, Conv c) {
        graph.addLayer(name, LinearConvolution.of(new ConvolutionLayer.Builder(c.kernel(), c.kernel())
                .stride(c.stride(), c.stride()).nOut(c.filters()).hasBias(false).activation(Activation.IDENTITY)
                .l2(c.l2() ? convL2 : 0)
                .convolutionMode(c.validPadding() ? ConvolutionMode.Truncate : ConvolutionMode.Same)), in);
        return name;
    }

    /**
     * Batch norm alone (a linear BN, e.g. after a projection conv). The running variance is kept as such: DL4J's
     * default keeps log10 of the standard deviation and turns it back into a variance with three small ops in every
     * forward pass.
     */
    public String bn(String name, String in) {
        graph.addLayer(name, new BatchNormalization.Builder().decay(BN_DECAY).eps(BN_EPS).useLogStd(false).build(),
                in);
        return name;
    }

    /** An activation layer. */
    public String activation(String name, String in, IActivation activation) {
        graph.addLayer(name, new CopyFreeActivation(activation), in);
        return name;
    }

    /** Batch norm then the main activation ({@link #bnAct(String, String, IActivation)}). */
    public String bnAct(String prefix, String in) {
        return bnAct(prefix, in, act.getActivationFunction());
    }

    /**
     * Batch norm then {@code activation}: ReLU as one layer {@code <prefix>_bn_relu} ({@link BatchNormRelu}, one
     * fused pass on oneDNN), any other as layers {@code <prefix>_bn} and {@code <prefix>_act}. Never DL4J's batch
     * norm with an activation of its own: DL4J M2.1 ignores it.
     */
    public String bnAct(String prefix, String in, IActivation activation) {
        if (new ActivationReLU().equals(activation)) {
            graph.addLayer(prefix + "_bn_relu", BatchNormRelu.of(BN_DECAY, BN_EPS), in);
            return prefix + "_bn_relu";
        }
        return activation(prefix + "_act", bn(prefix + "_bn", in), activation);
    }

    /** {@code PA(k, s, n)} = BN → A → Conv: layers {@code <prefix>_bn}, {@code <prefix>_act}, {@code <prefix>_conv}. */
    public String preActConv(String prefix, String in, int kernel, int stride, int filters) {
        return conv(prefix + "_conv", bnAct(prefix, in), kernel, stride, filters);
    }

    public String add(String name, String a, String b) {
        graph.addVertex(name, new Add(), a, b);
        return name;
    }

    /** {@code Pool2}: 2×2 average pool, stride 2. */
    public String avgPool2(String name, String in) {
        graph.addLayer(name, new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                .convolutionMode(ConvolutionMode.Truncate).build(), in);
        return name;
    }

    /** {@code Pad0(c→n)}. */
    public String zeroPadChannels(String name, String in, int outChannels) {
        graph.addVertex(name, new ChannelZeroPad(outChannels), in);
        return name;
    }

    /** {@code Blur2}. */
    public String blur2(String name, String in) {
        graph.addVertex(name, new BlurDownsample(), in);
        return name;
    }

    /** {@code Up(f)}: nearest-neighbour upsampling; no layer when f = 1. */
    public String upsample(String name, String in, int factor) {
        if (factor == 1) {
            return in;
        }
        graph.addVertex(name, new NearestUpsample(factor), in);
        return name;
    }

    /** {@code GAP → FC(10)}, softmax cross-entropy on (soft) one-hot targets. Returns the output name. */
    public String poolAndClassify(String in) {
        graph.addLayer("head_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
        graph.addLayer("head_fc", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                .activation(Activation.SOFTMAX).hasBias(true).build(), "head_pool");
        return "head_fc";
    }

    /** The graph, with the first convolutions dropping the gradient of the data ({@link InputGradients}). */
    public ComputationGraphConfiguration build(String output) {
        return InputGradients.dropUnread(graph.setOutputs(output).build());
    }

    /**
     * {@code DW(k, s)}: depthwise k×k convolution, depth multiplier 1 (k·k·C parameters), no bias, TF-SAME, no
     * activation and never L2 (the reference's depthwise regulariser is silently ignored, models.md §5).
     */
    public String depthwiseConv(String name, String in, int kernel, int stride) {
        graph.addLayer(name, LinearDepthwiseConvolution.of(
                new org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D.Builder(kernel, kernel)
                        .stride(stride, stride).depthMultiplier(1).hasBias(false).activation(Activation.IDENTITY)
                        .l2(0).convolutionMode(ConvolutionMode.Same)), in);
        return name;
    }

    /**
     * {@code SE(C, r)}: {@code GAP → FC(r) → ReLU → FC(C) → gate}, the result multiplying {@code in} (C channels)
     * channel-wise. Layers {@code <prefix>_pool}, {@code <prefix>_reduce} (FC + ReLU, always ReLU),
     * {@code <prefix>_expand} (FC + gate) and the vertex {@code <prefix>_scale}, whose name is returned. FC layers
     * have biases, Glorot init and no L2. The spec's gate is a true sigmoid everywhere.
     */
    public String squeezeExcite(String prefix, String in, int channels, int reduced, IActivation gate) {
        graph.addLayer(prefix + "_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
        graph.addLayer(prefix + "_reduce", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(reduced)
                .activation(Activation.RELU).hasBias(true).l2(0).build(), prefix + "_pool");
        graph.addLayer(prefix + "_expand", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(channels)
                .activation(gate).hasBias(true).l2(0).build(), prefix + "_reduce");
        graph.addVertex(prefix + "_scale", new org.cifarzoo.zoo.layers.ChannelScale(), in, prefix + "_expand");
        return prefix + "_scale";
    }

    /**
     * Stochastic-depth join of a residual unit: {@code residual + shortcut}, the residual branch kept with
     * probability {@code survival} per training step and scaled by it at inference; draws seeded by {@code seed}
     * (see {@link org.cifarzoo.zoo.layers.StochasticDepthAdd}).
     */
    public String stochasticDepthAdd(String name, String residual, String shortcut, double survival, long seed) {
        graph.addVertex(name, new org.cifarzoo.zoo.layers.StochasticDepthAdd(survival, seed), residual, shortcut);
        return name;
    }

    /** Concatenation along the channel axis, inputs in the order given (the first one's channels come first). */
    public String concat(String name, String... inputs) {
        graph.addVertex(name, new org.cifarzoo.zoo.layers.Concat(), inputs);
        return name;
    }

    /**
     * {@code Conv(k, 1, n, g)}: grouped k×k convolution, stride 1, TF-SAME, no bias, with the family's L2
     * ({@link org.cifarzoo.zoo.layers.GroupedConvolution}).
     */
    public String groupedConv(String name, String in, int kernel, int filters, int groups) {
        graph.addLayer(name, new org.cifarzoo.zoo.layers.GroupedConvolution.Builder(kernel, groups).nOut(filters)
                .l2(convL2).build(), in);
        return name;
    }

    /** {@code Pool2} with TF-SAME padding: at an odd size the edge window averages only the real pixels. */
    public String avgPool2Same(String name, String in) {
        graph.addLayer(name, new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                .convolutionMode(ConvolutionMode.Same).avgPoolIncludePadInDivisor(false).build(), in);
        return name;
    }

    /** Space-to-depth with block b ({@link org.cifarzoo.zoo.layers.SpaceToDepth}). */
    public String spaceToDepth(String name, String in, int block) {
        graph.addVertex(name, new org.cifarzoo.zoo.layers.SpaceToDepth(block), in);
        return name;
    }

    /**
     * TResNet's faithful stem {@code BN*}: one (γ, β, μ, σ²) per image column, momentum 0.99, ε 1e-3
     * ({@link org.cifarzoo.zoo.layers.ColumnBatchNormalization}).
     */
    public String columnBatchNorm(String name, String in) {
        graph.addLayer(name, new org.cifarzoo.zoo.layers.ColumnBatchNormalization.Builder().decay(BN_DECAY).eps(BN_EPS)
                .build(), in);
        return name;
    }

    /**
     * Squeeze-excitation as one layer ({@link org.cifarzoo.zoo.layers.SqueezeExcitation}): squeeze into a C-vector
     * (CHANNELS) or, TResNet's faithful {@code SE*}, a W-vector (COLUMNS); FC(hidden) + ReLU, FC(C) + sigmoid; no L2.
     */
    public String squeezeExcitation(String name, String in, org.cifarzoo.zoo.layers.SqueezeExcitation.Squeeze squeeze,
                                    int hidden) {
        graph.addLayer(name, new org.cifarzoo.zoo.layers.SqueezeExcitation.Builder(squeeze, hidden).build(), in);
        return name;
    }
}
