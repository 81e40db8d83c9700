package org.cifarzoo.backend;

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
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Batch norm of 4-d activations on libnd4j's native {@code batchnorm} / {@code batchnorm_bp} ops (oneDNN on CPU),
 * in training as well as inference.
 *
 * <p>Replaces DL4J's MKLDNNBatchNormHelper, whose training gradients drift by up to 2 % from the reference layer
 * although the native ops it calls are exact (BatchNormOpsTest): here the ops get the batch statistics of the same
 * forward pass and nothing else. One native pass each way instead of the reference layer's ~15 Java-level array ops.
 */
public final class OneDnnBatchNorm implements BatchNormalizationHelper {
    private INDArray batchMean;
    private INDArray batchVar;

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
        if (x.rank() != 4) {
            return null; // DL4J falls back to its own implementation
        }
        x = dense(x);
        int[] reduceDims = channelsOf(format) == 1 ? new int[]{0, 2, 3} : new int[]{0, 1, 2};
        if (training) {
            // Kept outside the workspaces: backprop reads them after the forward pass's workspace has moved on.
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                batchMean = x.mean(reduceDims);
                batchVar = x.var(false, reduceDims);
            }
            mean = batchMean;
            var = batchVar;
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(x, flat(mean), flat(var), flat(gamma), flat(beta))
                .addOutputs(out)
                .addIntegerArguments(1, 1, channelsOf(format))
                .addFloatingPointArguments(eps)
                .build());
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray x, INDArray gradOut, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray gammaGrad, INDArray betaGrad, double eps,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (x.rank() != 4 || batchMean == null) {
            return null;
        }
        x = dense(x);
        gradOut = dense(gradOut);
        INDArray gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        INDArray meanGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(), batchMean.shape());
        INDArray varGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(), batchVar.shape());
        Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp")
                .addInputs(x, batchMean, batchVar, flat(gamma), flat(beta), gradOut)
                .addOutputs(gradIn, meanGrad, varGrad, flat(gammaGrad), flat(betaGrad))
                .addIntegerArguments(1, 1, channelsOf(format))
                .addFloatingPointArguments(eps)
                .build());
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor("gamma", gammaGrad);
        gradient.setGradientFor("beta", betaGrad);
        return new Pair<>(gradient, gradIn);
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

    private static int channelsOf(CNN2DFormat format) {
        return format == CNN2DFormat.NCHW ? 1 : 3;
    }

    private static INDArray flat(INDArray vector) {
        return vector.reshape(vector.length());
    }

    /** The native ops read arrays by their default strides. */
    private static INDArray dense(INDArray a) {
        return Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }
}
