package org.cifarzoo.backend;

import org.bytedeco.dnnl.stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Batch norm of 4-d activations on oneDNN's own batch-norm primitives ({@link BatchNormPasses}: plain, or regrouped
 * onto the AVX-512 kernel where oneDNN has only slower ones for the channel count), in training as well as inference.
 *
 * <p>Replaces DL4J's MKLDNNBatchNormHelper, whose training gradients drift by up to 2 % from the reference layer
 * (HelperEquivalenceTest): libnd4j's {@code batchnorm_bp} runs oneDNN with fixed statistics and corrects the result
 * in several more passes. Here the forward pass computes the batch statistics and the backward pass uses exactly
 * those, each in one fused oneDNN pass over channels-last or NCHW data (libnd4j's per-channel reductions over an
 * NHWC array were 17 % of a ResNet18 training step).
 *
 * <p>In training, a batch norm records its input's batch statistics, and one whose input is a recorded channel
 * concatenation takes those of the channels measured already and measures only the rest, where its passes can take
 * given statistics ({@link KnownStatistics}; DenseNet's regrouped batch norms).
 *
 * <p>{@link #withRelu()} makes the helper of a batch norm followed by ReLU: one fused oneDNN pass each way where
 * oneDNN has a fast kernel for it, else a ReLU pass on oneDNN after the batch norm (and its mask before it).
 */
public final class OneDnnBatchNorm implements BatchNormalizationHelper {
    private final stream stream = new stream(OneDnn.cpu());
    private final boolean relu;
    private final PrimitiveCache<BatchNormPrimitives.Shape, BatchNormPasses> primitives;
    /** Passes without ReLU that measure the parts of a concatenated input ({@link KnownStatistics}). */
    private final PrimitiveCache<BatchNormPrimitives.Shape, BatchNormPasses> partPasses;
    /** Null without ReLU. */
    private final OneDnnActivation separateRelu;
    /** Whether the last forward pass ran here, which applied the ReLU too. */
    private boolean ranLastForward;
    /** The last forward pass's output where its ReLU ran separately: the backward pass's mask. */
    private INDArray reluOutput;
    /** The last training batch's statistics: backprop and DL4J's running averages read them. */
    private INDArray batchMean;
    private INDArray batchVar;

    /** The helper of a batch norm alone. */
    public OneDnnBatchNorm() {
        this(false);
    }

    private OneDnnBatchNorm(boolean relu) {
        this.relu = relu;
        primitives = new PrimitiveCache<>(shape -> BatchNormPasses.of(shape, stream, relu));
        partPasses = new PrimitiveCache<>(shape -> BatchNormPasses.of(shape, stream, false));
        separateRelu = relu ? new OneDnnActivation(OneDnnActivation.Kind.RELU) : null;
    }

    /** The helper of a batch norm followed by ReLU: its output is ReLU(BN(x)), its backward pass the pair's. */
    public static OneDnnBatchNorm withRelu() {
        return new OneDnnBatchNorm(true);
    }

    /**
     * Whether the last forward pass ran here (and so, {@link #withRelu()}, applied the ReLU); where not, DL4J's own
     * batch norm ran, on an input this helper does not take.
     */
    public boolean ranLastForward() {
        return ranLastForward;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        ranLastForward = false; // until it has: DL4J also falls back where a helper throws
        if (x.rank() != 4 || x.dataType() != DataType.FLOAT) {
            return null; // DL4J falls back to its own implementation
        }
        INDArray input = x;
        x = OneDnn.dense(x);
        BatchNormPasses bn = primitivesFor(x, format, eps);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        if (training) {
            long channels = x.size(format == CNN2DFormat.NCHW ? 1 : 3);
            if (batchMean == null || batchMean.length() != channels) {
                // Kept outside the workspaces: backprop reads them after the forward pass's workspace has moved on.
                try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    batchMean = Nd4j.create(DataType.FLOAT, channels);
                    batchVar = batchMean.ulike();
                }
            }
            KnownStatistics.Statistics known = bn.takesStatistics()
                    ? KnownStatistics.of(input, part -> measure(part, format, eps, workspaceMgr)) : null;
            if (known != null && known.channels() == channels) {
                OneDnn.write(batchMean, known.mean());
                OneDnn.write(batchVar, known.variance());
                bn.trainWithStatistics(x, OneDnn.dense(gamma), OneDnn.dense(beta), out, batchMean, batchVar);
            } else {
                bn.train(x, OneDnn.dense(gamma), OneDnn.dense(beta), out, batchMean, batchVar);
                known = new KnownStatistics.Statistics(OneDnn.read(batchMean), OneDnn.read(batchVar));
            }
            KnownStatistics.measured(input, known);
        } else {
            bn.infer(x, OneDnn.dense(gamma), OneDnn.dense(beta), out, OneDnn.dense(mean), OneDnn.dense(var));
        }
        reluOutput = relu && !bn.reluFused() ? out : null;
        if (reluOutput != null) {
            separateRelu.forward(out, out); // in place: nothing else has seen the batch norm's output
        }
        ranLastForward = true;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray x, INDArray gradOut, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray gammaGrad, INDArray betaGrad, double eps,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        boolean supported = x.rank() == 4 && x.dataType() == DataType.FLOAT && batchMean != null
                && OneDnn.isDense(gammaGrad) && OneDnn.isDense(betaGrad);
        if (!supported) {
            if (relu && ranLastForward) {
                // DL4J's batch norm backward would skip the ReLU this helper applied in the forward pass
                throw new IllegalStateException("batch norm + ReLU: the forward pass ran on oneDNN, its backward pass "
                        + "cannot (input " + x.dataType() + " of rank " + x.rank() + ")");
            }
            return null;
        }
        x = OneDnn.dense(x);
        gradOut = OneDnn.dense(gradOut);
        if (reluOutput != null) {
            INDArray masked = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(), x.shape(), 'c');
            separateRelu.backward(reluOutput, gradOut, masked); // ReLU's output is positive where its input was
            gradOut = masked;
        }
        INDArray gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        primitivesFor(x, format, eps).backward(x, OneDnn.dense(gamma), OneDnn.dense(beta), gradOut,
                batchMean, batchVar, gradIn, gammaGrad, betaGrad);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor("gamma", gammaGrad);
        gradient.setGradientFor("beta", betaGrad);
        return new Pair<>(gradient, gradIn);
    }

    /** A part of a concatenated input, measured alone; null where oneDNN does not take it. */
    private KnownStatistics.Statistics measure(INDArray part, CNN2DFormat format, double eps,
                                               LayerWorkspaceMgr workspaceMgr) {
        if (part.rank() != 4 || part.dataType() != DataType.FLOAT || !OneDnn.isDense(part)) {
            return null;
        }
        long[] perChannel = {part.size(format == CNN2DFormat.NCHW ? 1 : 3)};
        INDArray scratch = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT, part.shape(),
                'c');
        INDArray mean = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT, perChannel, 'c');
        INDArray variance = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT, perChannel, 'c');
        partPasses.get(BatchNormPrimitives.Shape.of(part, format, eps)).statistics(part, scratch, mean, variance);
        return new KnownStatistics.Statistics(OneDnn.read(mean), OneDnn.read(variance));
    }

    private BatchNormPasses primitivesFor(INDArray x, CNN2DFormat format, double eps) {
        return primitives.get(BatchNormPrimitives.Shape.of(x, format, eps));
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return batchMean.castTo(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return batchVar.castTo(dataType);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }
}
