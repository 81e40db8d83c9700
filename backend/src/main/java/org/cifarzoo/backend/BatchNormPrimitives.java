package org.cifarzoo.backend;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.normalization_flags;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * oneDNN's batch-norm primitives for one activation shape, layout and ε: training forward (batch statistics out, or
 * {@code givenStatistics} in), inference forward (given statistics) and backward (input, γ and β gradients in one
 * pass), each built on first use; optionally with ReLU fused in, where oneDNN has a fast kernel for that
 * ({@link #reluFused}).
 */
final class BatchNormPrimitives implements BatchNormPasses {
    /** Key of the cache: everything a primitive is built for. */
    record Shape(long batch, long channels, long height, long width, CNN2DFormat format, float eps) {
        static Shape of(INDArray x, CNN2DFormat format, double eps) {
            boolean nchw = format == CNN2DFormat.NCHW;
            return new Shape(x.size(0), x.size(nchw ? 1 : 3), x.size(nchw ? 2 : 1), x.size(nchw ? 3 : 2), format,
                    (float) eps);
        }
    }

    private static final int SCALE_AND_SHIFT = normalization_flags.use_scale.value | normalization_flags.use_shift.value;

    private final Shape shape;
    private final stream stream;
    private final memory.desc data;
    private final memory src;
    private final memory dst;
    private final memory mean;
    private final memory variance;
    private final memory scale;
    private final memory shift;
    private final memory gradOutMemory;
    private final memory gradScaleMemory;
    private final memory gradShiftMemory;
    private batch_normalization_forward.primitive_desc trainingDesc;
    private batch_normalization_forward training;
    private batch_normalization_forward inference;
    private batch_normalization_backward backward;
    /** Whether the primitives apply ReLU after the batch norm themselves (oneDNN's {@code fuse_norm_relu}). */
    private final boolean reluFused;
    private final int flags;
    /** The fused training pass's ReLU mask, which its backward pass reads; null unless {@link #reluFused}. */
    private memory reluMask;
    /** γ = 1 and β = 0, for {@link #statistics}; built on first use. */
    private INDArray ones;
    private INDArray zeros;

    /**
     * @param relu whether ReLU should follow; it is fused in only where oneDNN serves the fused form with the same
     *             JIT kernel as the plain one. Elsewhere oneDNN 2.5 has only its generic kernels for the fused form,
     *             several times slower than a batch norm and a separate ReLU pass (measured: 60 and 108 channels at
     *             32×32, where the plain kernel is a JIT one; 78…174 channels at 8×8, where both are generic)
     * @param givenStatistics whether the training passes take μ and σ² as inputs (oneDNN's {@code use_global_stats}):
     *             the forward pass normalises with them, and the backward pass treats them as constants, so its input
     *             gradient is γ/√(σ² + ε)·∂L/∂out; its γ and β gradients are the usual sums
     */
    BatchNormPrimitives(Shape shape, stream stream, boolean relu, boolean givenStatistics) {
        this.shape = shape;
        this.stream = stream;
        data = layout(shape);
        memory.desc perChannel = OneDnn.plain(new long[]{shape.channels()}, memory.format_tag.x);
        src = OneDnn.borrowed(data);
        dst = OneDnn.borrowed(data);
        mean = OneDnn.borrowed(perChannel);
        variance = OneDnn.borrowed(perChannel);
        scale = OneDnn.borrowed(perChannel);
        shift = OneDnn.borrowed(perChannel);
        gradOutMemory = OneDnn.borrowed(data);
        gradScaleMemory = OneDnn.borrowed(perChannel);
        gradShiftMemory = OneDnn.borrowed(perChannel);
        int plainFlags = SCALE_AND_SHIFT | (givenStatistics ? normalization_flags.use_global_stats.value : 0);
        int fusedFlags = plainFlags | normalization_flags.fuse_norm_relu.value;
        if (relu) {
            // the training forward pass decides; the descriptor it is decided on is the one kept
            batch_normalization_forward.primitive_desc plain = forwardDesc(prop_kind.forward_training, plainFlags);
            batch_normalization_forward.primitive_desc fused = forwardDesc(prop_kind.forward_training, fusedFlags);
            String kernel = plain.impl_info_str().getString();
            reluFused = kernel.contains("jit") && kernel.equals(fused.impl_info_str().getString());
            trainingDesc = reluFused ? fused : plain;
        } else {
            reluFused = false;
        }
        flags = reluFused ? fusedFlags : plainFlags;
    }

    /** The kernel oneDNN picks for this shape's training forward pass without ReLU, such as "bnorm_jit:avx512_common". */
    static String kernel(Shape shape) {
        return new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                prop_kind.forward_training.value, layout(shape), shape.eps(), SCALE_AND_SHIFT), OneDnn.cpu())
                .impl_info_str().getString();
    }

    private static memory.desc layout(Shape shape) {
        return OneDnn.plain(new long[]{shape.batch(), shape.channels(), shape.height(), shape.width()},
                shape.format() == CNN2DFormat.NCHW ? memory.format_tag.nchw : memory.format_tag.nhwc);
    }

    @Override
    public boolean reluFused() {
        return reluFused;
    }

    private batch_normalization_forward.primitive_desc forwardDesc(prop_kind kind, int flags) {
        return new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(kind.value, data,
                shape.eps(), flags), OneDnn.cpu());
    }

    /** With {@code givenStatistics}, μ and σ² are read, not written. */
    @Override
    public void train(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray batchMean, INDArray batchVar) {
        if (training == null) {
            if (trainingDesc == null) {
                trainingDesc = forwardDesc(prop_kind.forward_training, flags);
            }
            training = new batch_normalization_forward(trainingDesc);
            reluMask = reluFused ? new memory(trainingDesc.workspace_desc(), OneDnn.cpu()) : null;
        }
        IntMemoryMap args = args(x, gamma, beta, out, batchMean, batchVar);
        if (reluMask != null) {
            args.put(DNNL_ARG_WORKSPACE, reluMask);
        }
        training.execute(stream, args);
        stream._wait();
    }

    /** A training pass with γ = 1 and β = 0 into {@code scratch}; not where the passes fuse ReLU or take statistics. */
    @Override
    public void statistics(INDArray x, INDArray scratch, INDArray batchMean, INDArray batchVar) {
        if (reluFused || (flags & normalization_flags.use_global_stats.value) != 0) {
            // the ReLU's mask belongs to the layer's own training pass, which its backward pass reads
            throw new IllegalStateException("batch statistics alone need plain passes, without ReLU or given statistics");
        }
        if (ones == null) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                ones = Nd4j.ones(DataType.FLOAT, shape.channels());
                zeros = Nd4j.zeros(DataType.FLOAT, shape.channels());
            }
        }
        train(x, ones, zeros, scratch, batchMean, batchVar);
    }

    @Override
    public boolean takesStatistics() {
        return false;
    }

    @Override
    public void trainWithStatistics(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray batchMean,
                                    INDArray batchVar) {
        throw new UnsupportedOperationException("oneDNN's plain batch norm trains on the statistics it measures");
    }

    @Override
    public void infer(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray runningMean, INDArray runningVar) {
        if (inference == null) {
            inference = new batch_normalization_forward(forwardDesc(prop_kind.forward_inference,
                    flags | normalization_flags.use_global_stats.value));
        }
        inference.execute(stream, args(x, gamma, beta, out, runningMean, runningVar));
        stream._wait();
    }

    @Override
    public void backward(INDArray x, INDArray gamma, INDArray beta, INDArray gradOut, INDArray batchMean, INDArray batchVar,
                  INDArray gradIn, INDArray gradGamma, INDArray gradBeta) {
        if (backward == null) {
            backward = new batch_normalization_backward(new batch_normalization_backward.primitive_desc(
                    new batch_normalization_backward.desc(prop_kind.backward.value, data, data, shape.eps(),
                            flags), OneDnn.cpu(), trainingDesc));
        }
        // β is not read, but oneDNN 2.5 refuses to run the backward pass without it
        IntMemoryMap args = inputs(x, gamma, beta, batchMean, batchVar);
        args.put(DNNL_ARG_DIFF_DST, OneDnn.point(gradOutMemory, gradOut));
        args.put(DNNL_ARG_DIFF_SRC, OneDnn.point(dst, gradIn));
        args.put(DNNL_ARG_DIFF_SCALE, OneDnn.point(gradScaleMemory, gradGamma));
        args.put(DNNL_ARG_DIFF_SHIFT, OneDnn.point(gradShiftMemory, gradBeta));
        if (reluMask != null) {
            args.put(DNNL_ARG_WORKSPACE, reluMask);
        }
        backward.execute(stream, args);
        stream._wait();
    }

    private IntMemoryMap args(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray mu, INDArray sigma2) {
        IntMemoryMap args = inputs(x, gamma, beta, mu, sigma2);
        args.put(DNNL_ARG_DST, OneDnn.point(dst, out));
        return args;
    }

    private IntMemoryMap inputs(INDArray x, INDArray gamma, INDArray beta, INDArray mu, INDArray sigma2) {
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, OneDnn.point(src, x));
        args.put(DNNL_ARG_SCALE, OneDnn.point(scale, gamma));
        args.put(DNNL_ARG_SHIFT, OneDnn.point(shift, beta));
        args.put(DNNL_ARG_MEAN, OneDnn.point(mean, mu));
        args.put(DNNL_ARG_VARIANCE, OneDnn.point(variance, sigma2));
        return args;
    }
}
