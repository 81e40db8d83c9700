package org.cifarzoo.backend;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.dnnl_sgemm;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * The oneDNN primitives of one convolution geometry: forward, and (built on first use) backward data and weights.
 *
 * <p>All three run on channels-last activations with the direct algorithm, the layout and kernels that are fast on
 * this CPU for every pass (libnd4j lets oneDNN choose, and in training it chooses Winograd for backward data, five
 * times slower on 16-channel 32×32 maps). NCHW activations are reordered to channels-last and back; NHWC ones are
 * used in place. Weights are DL4J's [oC, iC / groups, kH, kW] (oneDNN's oihw, or goihw with groups; a depthwise
 * layer's [kH, kW, C, multiplier] is hwigo), reordered into each primitive's blocked layout per call.
 *
 * <p>With {@code relu} the forward pass applies ReLU to its output inside the convolution kernel (a oneDNN post-op),
 * which saves the activation's own pass over the output.
 *
 * <p>A pointwise convolution's weight gradient on channels-last data is one matrix product, ∂L/∂W = (∂L/∂out)ᵀ · in
 * over all pixels, and oneDNN's own SGEMM computes it faster than its convolution kernel for most shapes
 * ({@link #weightGradientIsGemm}).
 */
final class ConvPrimitives {
    private static final memory.format_tag CHANNELS_LAST = memory.format_tag.nhwc;

    private final ConvGeometry geometry;
    private final stream stream;
    private final convolution_forward.primitive_desc forwardDesc;
    /**
     * Built on first use: a bias-free DL4J convolution layer's backward pass has a geometry of its own (its forward
     * pass gets DL4J's zero bias), never run forward.
     */
    private convolution_forward forward;
    private Backward backward;

    /** DL4J's arrays: activations in the layer's format, weights and their gradient in the layer's layout. */
    private final memory userIn;
    private final memory userOut;
    private final memory userWeights;
    private final memory userBias;
    /** Channels-last copies, used only when the layer's format is NCHW. */
    private final Layout in;
    private final Layout out;
    private memory forwardWeights;
    private reorder toForwardWeights;

    ConvPrimitives(ConvGeometry geometry, stream stream, boolean relu) {
        this.geometry = geometry;
        this.stream = stream;
        memory.desc inDesc = OneDnn.plain(geometry.inDims(), CHANNELS_LAST);
        memory.desc outDesc = OneDnn.plain(geometry.outDims(), CHANNELS_LAST);
        memory.desc weightDesc = OneDnn.any(geometry.weightDims());
        convolution_forward.desc desc = geometry.bias()
                ? new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct, inDesc,
                        weightDesc, biasDesc(), outDesc, geometry.strides(), geometry.dilations(), geometry.padBefore(),
                        geometry.padAfter())
                : new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct, inDesc,
                        weightDesc, outDesc, geometry.strides(), geometry.dilations(), geometry.padBefore(),
                        geometry.padAfter());
        forwardDesc = relu ? new convolution_forward.primitive_desc(desc, reluAfter(), OneDnn.cpu())
                : new convolution_forward.primitive_desc(desc, OneDnn.cpu());
        memory.format_tag userTag = geometry.format() == CNN2DFormat.NCHW ? memory.format_tag.nchw : CHANNELS_LAST;
        userIn = OneDnn.borrowed(OneDnn.plain(geometry.inDims(), userTag));
        userOut = OneDnn.borrowed(OneDnn.plain(geometry.outDims(), userTag));
        userWeights = OneDnn.borrowed(OneDnn.plain(geometry.weightDims(), geometry.depthwise() ? memory.format_tag.hwigo
                : geometry.groups() > 1 ? memory.format_tag.goihw : memory.format_tag.oihw));
        userBias = OneDnn.borrowed(biasDesc());
        in = new Layout(userIn, inDesc);
        out = new Layout(userOut, outDesc);
    }

    ConvGeometry geometry() {
        return geometry;
    }

    private static primitive_attr reluAfter() {
        post_ops ops = new post_ops();
        ops.append_eltwise(1f, algorithm.eltwise_relu, 0f, 0f);
        primitive_attr attr = new primitive_attr();
        attr.set_post_ops(ops);
        return attr;
    }

    private memory.desc biasDesc() {
        return OneDnn.plain(geometry.biasDims(), memory.format_tag.x);
    }

    /**
     * {@code output} = conv({@code input}, {@code weights}) + {@code bias} (null without one); arrays dense, in the
     * geometry's format.
     */
    void forward(INDArray input, INDArray weights, INDArray bias, INDArray output) {
        if (forward == null) {
            forward = new convolution_forward(forwardDesc);
            forwardWeights = OneDnn.owned(forwardDesc.weights_desc());
            toForwardWeights = new reorder(userWeights, forwardWeights);
        }
        toForwardWeights.execute(stream, OneDnn.point(userWeights, weights), forwardWeights);
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, in.load(input, stream));
        args.put(DNNL_ARG_WEIGHTS, forwardWeights);
        if (geometry.bias()) {
            args.put(DNNL_ARG_BIAS, OneDnn.point(userBias, bias));
        }
        args.put(DNNL_ARG_DST, out.target(output));
        forward.execute(stream, args);
        out.store(output, stream);
        stream._wait();
    }

    /**
     * {@code gradIn} = ∂L/∂input, {@code gradWeights} = ∂L/∂weights (written in place, oihw) and, with a bias,
     * {@code gradBias} from {@code gradOut} = ∂L/∂output. A null {@code gradIn} skips the backward-data pass.
     */
    void backward(INDArray input, INDArray weights, INDArray gradOut, INDArray gradIn, INDArray gradWeights,
                  INDArray gradBias) {
        if (backward == null) {
            backward = new Backward();
        }
        backward.run(input, weights, gradOut, gradIn, gradWeights, gradBias);
    }

    /**
     * Whether the weight gradient is a SGEMM: a bias-free, ungrouped, unpadded 1×1 stride-1 convolution on
     * channels-last data. Alone, on DenseNet52k12's and MobileNetV2's shapes at batch 128, oneDNN's SGEMM took 0.3–1.0×
     * the time of its convolution kernel, except where a small weight (at most 48 × 48) sums over very many pixels
     * (≥ 128 × 32 × 32): 1.0–1.4× there, so those stay on the convolution kernel.
     */
    static boolean weightGradientIsGemm(ConvGeometry g) {
        boolean pointwise = g.kernelH() == 1 && g.kernelW() == 1 && g.strideH() == 1 && g.strideW() == 1
                && g.padTop() == 0 && g.padLeft() == 0 && g.padBottom() == 0 && g.padRight() == 0;
        boolean manyPixelsSmallWeight = g.batch() * g.inH() * g.inW() >= 128 * 32 * 32
                && g.inChannels() * g.outChannels() <= 48 * 48;
        return pointwise && g.groups() == 1 && !g.depthwise() && !g.bias() && g.format() == CNN2DFormat.NHWC
                && !manyPixelsSmallWeight;
    }

    private final class Backward {
        private final convolution_backward_data data;
        private final memory dataWeights;
        private final reorder toDataWeights;
        /** Null when the weight gradient is a SGEMM ({@link #weightGradientIsGemm}). */
        private final KernelWeightGradient kernelWeightGradient;
        private final Layout gradOutLayout;
        private final Layout gradInLayout;

        Backward() {
            ConvGeometry g = geometry;
            memory.desc inDesc = forwardDesc.src_desc();
            memory.desc outDesc = forwardDesc.dst_desc();
            convolution_backward_data.primitive_desc dataDesc = new convolution_backward_data.primitive_desc(
                    new convolution_backward_data.desc(algorithm.convolution_direct, inDesc, OneDnn.any(g.weightDims()),
                            outDesc, g.strides(), g.dilations(), g.padBefore(), g.padAfter()),
                    OneDnn.cpu(), forwardDesc);
            data = new convolution_backward_data(dataDesc);
            dataWeights = OneDnn.owned(dataDesc.weights_desc());
            toDataWeights = new reorder(userWeights, dataWeights);
            kernelWeightGradient = weightGradientIsGemm(g) ? null : new KernelWeightGradient(inDesc, outDesc);
            gradOutLayout = new Layout(OneDnn.borrowed(userOut.get_desc()), outDesc);
            gradInLayout = new Layout(OneDnn.borrowed(userIn.get_desc()), inDesc);
        }

        void run(INDArray input, INDArray weights, INDArray gradOut, INDArray gradIn, INDArray gradWeights,
                 INDArray gradBias) {
            memory dy = gradOutLayout.load(gradOut, stream);
            if (gradIn != null) {
                toDataWeights.execute(stream, OneDnn.point(userWeights, weights), dataWeights);
                IntMemoryMap dataArgs = new IntMemoryMap();
                dataArgs.put(DNNL_ARG_DIFF_DST, dy);
                dataArgs.put(DNNL_ARG_WEIGHTS, dataWeights);
                dataArgs.put(DNNL_ARG_DIFF_SRC, gradInLayout.target(gradIn));
                data.execute(stream, dataArgs);
                gradInLayout.store(gradIn, stream);
            }
            if (kernelWeightGradient == null) {
                gemmWeightGradient(input, gradOut, gradWeights);
            } else {
                kernelWeightGradient.run(input, dy, gradWeights, gradBias);
            }
            stream._wait();
        }

        /** gradWeights [oC, iC] = gradOutᵀ [oC, pixels] · input [pixels, iC], row-major (oihw with 1×1 is [oC, iC]). */
        private void gemmWeightGradient(INDArray input, INDArray gradOut, INDArray gradWeights) {
            long pixels = geometry.batch() * geometry.inH() * geometry.inW();
            long in = geometry.inChannels();
            long out = geometry.outChannels();
            int status = dnnl_sgemm((byte) 'T', (byte) 'N', out, in, pixels, 1f, OneDnn.floats(gradOut), out,
                    OneDnn.floats(input), in, 0f, OneDnn.floats(gradWeights), in);
            if (status != 0) {
                throw new IllegalStateException("oneDNN's sgemm failed with status " + status + " for " + geometry);
            }
        }
    }

    /** The weight (and bias) gradient on oneDNN's convolution kernel, reordered from its blocked layout to DL4J's. */
    private final class KernelWeightGradient {
        private final convolution_backward_weights primitive;
        private final memory gradient;
        private final memory userGradient;
        private final reorder toUser;
        private final memory userBiasGradient;

        KernelWeightGradient(memory.desc inDesc, memory.desc outDesc) {
            ConvGeometry g = geometry;
            convolution_backward_weights.desc desc = g.bias()
                    ? new convolution_backward_weights.desc(algorithm.convolution_direct, inDesc,
                            OneDnn.any(g.weightDims()), biasDesc(), outDesc, g.strides(), g.dilations(),
                            g.padBefore(), g.padAfter())
                    : new convolution_backward_weights.desc(algorithm.convolution_direct, inDesc,
                            OneDnn.any(g.weightDims()), outDesc, g.strides(), g.dilations(), g.padBefore(),
                            g.padAfter());
            convolution_backward_weights.primitive_desc primitiveDesc = new convolution_backward_weights.primitive_desc(
                    desc, OneDnn.cpu(), forwardDesc);
            primitive = new convolution_backward_weights(primitiveDesc);
            gradient = OneDnn.owned(primitiveDesc.diff_weights_desc());
            userGradient = OneDnn.borrowed(userWeights.get_desc());
            toUser = new reorder(gradient, userGradient);
            userBiasGradient = OneDnn.borrowed(biasDesc());
        }

        /** {@code dy}: the output gradient as the backward-data pass read it (channels-last). */
        void run(INDArray input, memory dy, INDArray gradWeights, INDArray gradBias) {
            IntMemoryMap args = new IntMemoryMap();
            args.put(DNNL_ARG_SRC, in.load(input, stream));
            args.put(DNNL_ARG_DIFF_DST, dy);
            args.put(DNNL_ARG_DIFF_WEIGHTS, gradient);
            if (geometry.bias()) {
                args.put(DNNL_ARG_DIFF_BIAS, OneDnn.point(userBiasGradient, gradBias));
            }
            primitive.execute(stream, args);
            toUser.execute(stream, gradient, OneDnn.point(userGradient, gradWeights));
        }
    }

    /**
     * One activation-shaped argument: the user's array itself when it is already channels-last, else a channels-last
     * copy that is reordered in ({@link #load}) or out ({@link #store}).
     */
    private static final class Layout {
        private final memory user;
        private final memory channelsLast;
        private final reorder toChannelsLast;
        private final reorder toUser;

        Layout(memory user, memory.desc channelsLastDesc) {
            this.user = user;
            if (user.get_desc().equals(channelsLastDesc)) {
                channelsLast = null;
                toChannelsLast = null;
                toUser = null;
            } else {
                channelsLast = OneDnn.owned(channelsLastDesc);
                toChannelsLast = new reorder(user, channelsLast);
                toUser = new reorder(channelsLast, user);
            }
        }

        /** The memory a primitive reads {@code array} from. */
        memory load(INDArray array, stream stream) {
            OneDnn.point(user, array);
            if (channelsLast == null) {
                return user;
            }
            toChannelsLast.execute(stream, user, channelsLast);
            return channelsLast;
        }

        /** The memory a primitive writes {@code array}'s values to; {@link #store} completes the write. */
        memory target(INDArray array) {
            OneDnn.point(user, array);
            return channelsLast == null ? user : channelsLast;
        }

        void store(INDArray array, stream stream) {
            if (channelsLast != null) {
                toUser.execute(stream, channelsLast, OneDnn.point(user, array));
            }
        }
    }
}
