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
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Batch norm of 4-d activations on native kernels (libnd4j's {@code moments} and oneDNN's batch norm), in training as
 * well as inference.
 *
 * <p>Replaces DL4J's MKLDNNBatchNormHelper, whose training gradients drift by up to 2 % from the reference layer
 * (HelperEquivalenceTest). Here every pass uses the batch statistics of the same forward pass, and the backward pass
 * is written out (below) because libnd4j's {@code batchnorm_bp} on oneDNN, though exact, is slow: it runs oneDNN with
 * fixed statistics and then corrects the result in several more passes.
 */
public final class OneDnnBatchNorm implements BatchNormalizationHelper {
    private INDArray batchMean;
    private INDArray batchVar;
    /** Per-channel 0 and 1: the statistics that turn oneDNN's batch-norm kernel into an affine map. */
    private INDArray zeros;
    private INDArray ones;

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
        x = OneDnn.dense(x);
        int[] reduceDims = reduceDims(format);
        if (training) {
            // Kept outside the workspaces: backprop reads them after the forward pass's workspace has moved on.
            // `moments` is one native pass; INDArray.mean + var are two and 4x slower here.
            long channels = x.size(channelsOf(format));
            if (batchMean == null || batchMean.length() != channels || batchMean.dataType() != x.dataType()) {
                try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    batchMean = Nd4j.create(x.dataType(), channels);
                    batchVar = batchMean.ulike();
                    zeros = batchMean.ulike().assign(0);
                    ones = batchMean.ulike().assign(1);
                }
            }
            Nd4j.exec(DynamicCustomOp.builder("moments").addInputs(x).addOutputs(batchMean, batchVar)
                    .addIntegerArguments(reduceDims).build());
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
        x = OneDnn.dense(x);
        gradOut = OneDnn.dense(gradOut);
        // With x̂ = (x - μ)·s, s = 1/√(σ² + ε) and m values per channel, the batch-norm gradient is
        //   dβ = Σ dy,  dγ = Σ dy·x̂ = s·(Σ dy·x - μ·dβ),  dx = γ·s/m · (m·dy - dβ - x̂·dγ),
        // and dx is a per-channel affine map of dy plus one of x: dx = k1·dy + (k2·x + k3). Two reductions and
        // three streaming passes; libnd4j's batchnorm_bp takes twice as long for the same result.
        int[] reduceDims = reduceDims(format);
        double m = (double) x.length() / batchMean.length();
        INDArray g = flat(gamma);
        INDArray s = Transforms.pow(batchVar.add(eps), -0.5, false);
        INDArray dBeta = gradOut.sum(reduceDims);
        INDArray dyDotX = Nd4j.exec(new Dot(gradOut, x, batchMean.ulike(), reduceDims));
        INDArray dGamma = dyDotX.subi(batchMean.mul(dBeta)).muli(s);
        INDArray k1 = g.mul(s);
        INDArray k2 = k1.mul(s).muli(dGamma).divi(-m);
        INDArray k3 = k1.mul(dBeta).divi(-m).subi(k2.mul(batchMean));
        INDArray gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        INDArray scaledGradOut = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(), x.shape(), 'c');
        affine(x, k2, k3, gradIn, format);
        affine(gradOut, k1, zeros, scaledGradOut, format);
        gradIn.addi(scaledGradOut);
        flat(gammaGrad).assign(dGamma);
        flat(betaGrad).assign(dBeta);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor("gamma", gammaGrad);
        gradient.setGradientFor("beta", betaGrad);
        return new Pair<>(gradient, gradIn);
    }

    /** out = scale·in + shift per channel, on the native batch-norm kernel (zero mean, unit variance, ε = 0). */
    private void affine(INDArray in, INDArray scale, INDArray shift, INDArray out, CNN2DFormat format) {
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(in, zeros, ones, scale, shift)
                .addOutputs(out)
                .addIntegerArguments(1, 1, channelsOf(format))
                .addFloatingPointArguments(0.0)
                .build());
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

    /** The dimensions a channel's statistics run over. */
    private static int[] reduceDims(CNN2DFormat format) {
        return format == CNN2DFormat.NCHW ? new int[]{0, 2, 3} : new int[]{0, 1, 2};
    }

    private static int channelsOf(CNN2DFormat format) {
        return format == CNN2DFormat.NCHW ? 1 : 3;
    }

    private static INDArray flat(INDArray vector) {
        return vector.reshape(vector.length());
    }
}
