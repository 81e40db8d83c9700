package org.cifarzoo.backend;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.cifarzoo.backend.OneDnn.read;
import static org.cifarzoo.backend.OneDnn.write;

/**
 * Batch norm of channels-last activations whose channel count C gets only oneDNN 2.5's SSE4.1 or generic kernel (C not
 * a multiple of 8: DenseNet's 36, 60, 84 … and 78 … 174), run on its AVX-512 kernel instead. The same memory, read as
 * rows of k consecutive pixels, holds k·C "channels", a multiple of 16, whose kernel is 2 (SSE4.1) to 10 (generic)
 * times faster (measured at 36…174 channels). Each channel then appears k times, each copy seeing 1/k of the batch, so
 * the copies' sums are combined between passes:
 * <ul>
 * <li>training forward: one pass only measures the copies' μ and σ², combined into the channel's (the mean of the
 * means; the mean of the variances plus the variance of the means); a second normalises with those (and applies the
 * fused ReLU). Where the batch's statistics are known already ({@link KnownStatistics}), the second pass alone;</li>
 * <li>backward: one pass with those statistics held constant gives γ/σ·∂L/∂out and, per copy, Σ∂L/∂out and
 * Σ∂L/∂out·x̂, which add up to the β and γ gradients; the terms of the statistics' own gradient,
 * −γ/(mσ)·(∂β + x̂·∂γ), are affine in x per channel, and a oneDNN multiply-add adds them in one more pass;</li>
 * <li>inference: one pass with the given statistics.</li>
 * </ul>
 */
final class RegroupedBatchNorm implements BatchNormPasses {
    private final int copies;
    private final int channels;
    private final float eps;
    /** Values per channel in a batch: N·H·W. */
    private final double count;
    private final stream stream;
    /** Batch statistics of each copy, with γ = 1 and β = 0 (its output is overwritten by {@link #normalise}). */
    private final BatchNormPrimitives measure;
    private final BatchNormPrimitives normalise;
    private final memory.desc data;
    private final memory.desc perCopy;
    private binary addStatisticsTerms;
    private final memory xMemory;
    private final memory slopeMemory;
    private final memory offsetMemory;
    private final memory gradInMemory;
    private final INDArray ones;
    private final INDArray zeros;
    private final INDArray copyMean;
    private final INDArray copyVar;
    private final INDArray copyGamma;
    private final INDArray copyBeta;
    private final INDArray mean;
    private final INDArray variance;
    private final INDArray copyGradGamma;
    private final INDArray copyGradBeta;
    private final INDArray slope;
    private final INDArray offset;

    RegroupedBatchNorm(BatchNormPrimitives.Shape shape, stream stream, boolean relu) {
        this.stream = stream;
        channels = Math.toIntExact(shape.channels());
        copies = copies(channels);
        eps = shape.eps();
        count = (double) shape.batch() * shape.height() * shape.width();
        BatchNormPrimitives.Shape rows = rows(shape);
        measure = new BatchNormPrimitives(rows, stream, false, false);
        normalise = new BatchNormPrimitives(rows, stream, relu, true);
        data = OneDnn.plain(new long[]{rows.batch(), rows.channels(), 1, 1}, memory.format_tag.nhwc);
        perCopy = OneDnn.plain(new long[]{1, rows.channels(), 1, 1}, memory.format_tag.nhwc);
        xMemory = OneDnn.borrowed(data);
        gradInMemory = OneDnn.borrowed(data);
        slopeMemory = OneDnn.borrowed(perCopy);
        offsetMemory = OneDnn.borrowed(perCopy);
        // outside the workspaces: the backward pass reads what the forward pass left here
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            ones = Nd4j.ones(DataType.FLOAT, rows.channels());
            zeros = Nd4j.zeros(DataType.FLOAT, rows.channels());
            copyMean = zeros.ulike();
            copyVar = zeros.ulike();
            copyGamma = zeros.ulike();
            copyBeta = zeros.ulike();
            mean = zeros.ulike();
            variance = zeros.ulike();
            copyGradGamma = zeros.ulike();
            copyGradBeta = zeros.ulike();
            slope = zeros.ulike();
            offset = zeros.ulike();
        }
    }

    /**
     * Whether regrouping reaches a faster kernel: channels-last, a batch of whole rows, and a plain kernel that is
     * SSE4.1 or generic while the regrouped one is AVX-512 (an AVX2 kernel, at multiples of 8, measured as fast as
     * the two regrouped passes).
     */
    static boolean pays(BatchNormPrimitives.Shape shape) {
        if (shape.format() != CNN2DFormat.NHWC || shape.channels() % 16 == 0) {
            return false;
        }
        int k = copies(Math.toIntExact(shape.channels()));
        if (shape.batch() * shape.height() * shape.width() % k != 0) {
            return false;
        }
        String plain = BatchNormPrimitives.kernel(shape);
        return (plain.contains("sse41") || !plain.contains("jit"))
                && BatchNormPrimitives.kernel(rows(shape)).contains("avx512");
    }

    /** The fewest pixels per row that make the row's length a multiple of 16 floats. */
    private static int copies(int channels) {
        int k = 1;
        while (k * channels % 16 != 0) {
            k *= 2;
        }
        return k;
    }

    private static BatchNormPrimitives.Shape rows(BatchNormPrimitives.Shape shape) {
        int k = copies(Math.toIntExact(shape.channels()));
        long pixels = shape.batch() * shape.height() * shape.width();
        return new BatchNormPrimitives.Shape(pixels / k, k * shape.channels(), 1, 1, CNN2DFormat.NHWC, shape.eps());
    }

    @Override
    public boolean reluFused() {
        return normalise.reluFused();
    }

    @Override
    public void train(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray batchMean,
                      INDArray batchVar) {
        statistics(x, out, batchMean, batchVar); // out is overwritten next
        trainWithStatistics(x, gamma, beta, out, batchMean, batchVar);
    }

    @Override
    public void statistics(INDArray x, INDArray scratch, INDArray batchMean, INDArray batchVar) {
        measure.train(x, ones, zeros, scratch, copyMean, copyVar);
        float[] means = read(copyMean), variances = read(copyVar);
        float[] mu = new float[channels], sigma2 = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = 0;
            for (int copy = 0; copy < copies; copy++) {
                m += means[copy * channels + c];
            }
            m /= copies;
            double v = 0;
            for (int copy = 0; copy < copies; copy++) {
                double d = means[copy * channels + c] - m;
                v += variances[copy * channels + c] + d * d;
            }
            mu[c] = (float) m;
            sigma2[c] = (float) (v / copies);
        }
        write(batchMean, mu);
        write(batchVar, sigma2);
    }

    /** Always: the statistics' gradient terms are added in a pass of their own anyway ({@link #backward}). */
    @Override
    public boolean takesStatistics() {
        return true;
    }

    @Override
    public void trainWithStatistics(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray batchMean,
                                    INDArray batchVar) {
        normalise.train(x, tile(copyGamma, read(gamma)), tile(copyBeta, read(beta)), out, tile(mean, read(batchMean)),
                tile(variance, read(batchVar)));
    }

    @Override
    public void infer(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray runningMean,
                      INDArray runningVar) {
        normalise.infer(x, tile(copyGamma, read(gamma)), tile(copyBeta, read(beta)), out,
                tile(mean, read(runningMean)), tile(variance, read(runningVar)));
    }

    @Override
    public void backward(INDArray x, INDArray gamma, INDArray beta, INDArray gradOut, INDArray batchMean,
                         INDArray batchVar, INDArray gradIn, INDArray gradGamma, INDArray gradBeta) {
        float[] g = read(gamma), mu = read(batchMean), sigma2 = read(batchVar);
        normalise.backward(x, tile(copyGamma, g), tile(copyBeta, read(beta)), gradOut, tile(mean, mu),
                tile(variance, sigma2), gradIn, copyGradGamma, copyGradBeta);
        float[] copyDGamma = read(copyGradGamma), copyDBeta = read(copyGradBeta);
        float[] dGamma = new float[channels], dBeta = new float[channels];
        float[] a = new float[channels], b = new float[channels];
        for (int c = 0; c < channels; c++) {
            double dg = 0, db = 0;
            for (int copy = 0; copy < copies; copy++) {
                dg += copyDGamma[copy * channels + c];
                db += copyDBeta[copy * channels + c];
            }
            double var = sigma2[c] + (double) eps;
            double slopeOfX = -g[c] * dg / (count * var);
            b[c] = (float) slopeOfX;
            a[c] = (float) (-g[c] * db / (count * Math.sqrt(var)) - slopeOfX * mu[c]);
            dGamma[c] = (float) dg;
            dBeta[c] = (float) db;
        }
        write(gradGamma, dGamma);
        write(gradBeta, dBeta);
        addStatisticsTerms(x, tile(slope, b), tile(offset, a), gradIn);
    }

    /** {@code gradIn} += a + b·x, per channel: one pass of oneDNN's binary multiply with an add and a sum after it. */
    private void addStatisticsTerms(INDArray x, INDArray b, INDArray a, INDArray gradIn) {
        if (addStatisticsTerms == null) {
            post_ops ops = new post_ops();
            ops.append_binary(algorithm.binary_add, perCopy);
            ops.append_sum();
            primitive_attr attr = new primitive_attr();
            attr.set_post_ops(ops);
            addStatisticsTerms = new binary(new binary.primitive_desc(
                    new binary.desc(algorithm.binary_mul, data, perCopy, data), attr, OneDnn.cpu()));
        }
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC_0, OneDnn.point(xMemory, x));
        args.put(DNNL_ARG_SRC_1, OneDnn.point(slopeMemory, b));
        args.put(DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE | DNNL_ARG_SRC_1, OneDnn.point(offsetMemory, a)); // post-op 0's
        args.put(DNNL_ARG_DST, OneDnn.point(gradInMemory, gradIn));
        addStatisticsTerms.execute(stream, args);
        stream._wait();
    }

    /** {@code perCopy} with {@code perChannel} repeated once per copy. */
    private INDArray tile(INDArray perCopy, float[] perChannel) {
        FloatPointer to = OneDnn.floats(perCopy);
        for (int copy = 0; copy < copies; copy++) {
            to.put(perChannel, 0, channels).position((long) (copy + 1) * channels);
        }
        return perCopy;
    }
}
