package org.cifarzoo.zoo.layers;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.LayerHelpers;
import org.cifarzoo.backend.OneDnnBatchNorm;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collection;

/**
 * Batch norm then ReLU as one layer: DL4J's batch norm (same parameters, same JSON fields) whose output is
 * ReLU(BN(x)).
 *
 * <p>Where oneDNN's helpers are on, both run in one oneDNN pass each way ({@link OneDnnBatchNorm#withRelu()}), half
 * the memory traffic of a batch-norm layer and an activation layer, and one layer fewer for DL4J to drive. Elsewhere
 * (the fast path off: the reference; CUDA) DL4J's batch norm runs, then ReLU here, in place on its output, and the
 * backward pass masks the gradient with that output (positive exactly where the batch norm's output was).
 */
public class BatchNormRelu extends BatchNormalization {

    /** For JSON deserialisation; DL4J's defaults. */
    public BatchNormRelu() {
    }

    /**
     * With the running variance kept as such, as the zoo keeps every batch norm's, and no silent fallback from a
     * helper that fails to DL4J's batch norm, which knows nothing of the ReLU the helper applies.
     */
    public static BatchNormRelu of(double decay, double eps) {
        BatchNormRelu layer = new BatchNormRelu();
        layer.setDecay(decay);
        layer.setEps(eps);
        layer.setUseLogStd(false);
        layer.setCudnnAllowFallback(false);
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return RuntimeLayers.attach(new Impl(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchNormRelu && super.equals(o);
    }

    /** Lombok's equals in DL4J's class asks this of the other side: a plain batch norm is never equal to this one. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof BatchNormRelu;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + BatchNormRelu.class.hashCode();
    }

    static final class Impl extends org.deeplearning4j.nn.layers.normalization.BatchNormalization {
        /** The fused helper, chosen when the layer is created like DL4J's helpers; null off the fast path. */
        private final OneDnnBatchNorm fused;
        /** The last output where the ReLU ran here, not in the helper: the backward pass's mask. */
        private INDArray reluOutput;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
            fused = FastPath.enabled() && Backend.oneDnnHelpers()
                    ? LayerHelpers.attach(this, OneDnnBatchNorm.withRelu())
                    : null;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray out = super.activate(training, workspaceMgr);
            if (fused != null && fused.ranLastForward()) {
                reluOutput = null;
                return out;
            }
            Nd4j.exec(new RectifiedLinear(out, out, 0.0)); // in place: nothing else has seen the batch norm's output
            reluOutput = out;
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (reluOutput == null) {
                return super.backpropGradient(epsilon, workspaceMgr); // the helper applies the ReLU's mask
            }
            INDArray masked = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, epsilon.dataType(),
                    epsilon.shape(), 'c');
            Nd4j.exec(new Step(reluOutput, masked, 0.0));
            return super.backpropGradient(masked.muli(epsilon), workspaceMgr);
        }
    }
}
