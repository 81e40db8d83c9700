package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's 2-d convolution for layers without an activation (all of ours: BN and activation are separate layers),
 * minus one wasted forward pass.
 *
 * <p>DL4J's ConvolutionLayer.backpropGradient recomputes the layer's forward output only to hand it to the activation's
 * backprop; for the identity activation that output is never read, yet it costs a whole convolution: a third of the
 * layer's training time. Here, with a layer helper (oneDNN or cuDNN) in place, backprop skips that recomputation.
 * Everything else, parameters and JSON included, is DL4J's layer.
 */
public class LinearConvolution extends ConvolutionLayer {

    /** For JSON deserialisation. */
    public LinearConvolution() {
    }

    private LinearConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    /** The layer {@code builder} describes (its activation must be identity), validated as DL4J validates it. */
    public static LinearConvolution of(ConvolutionLayer.Builder builder) {
        GradientInFlight.requireIdentity(builder.build());
        return new LinearConvolution(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return RuntimeLayers.attach(new Impl(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams);
    }

    /** The runtime layer: DL4J's, with the recomputation replaced by the gradient itself (same shape, never read). */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        private final GradientInFlight inFlight = new GradientInFlight();

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            return inFlight.during(epsilon, () -> super.backpropGradient(epsilon, workspaceMgr));
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
                                                       LayerWorkspaceMgr workspaceMgr) {
            // without a helper DL4J's im2col path runs, which we leave as it is
            Pair<INDArray, INDArray> standIn = helper != null ? inFlight.standIn(forBackprop) : null;
            return standIn != null ? standIn : super.preOutput4d(training, forBackprop, workspaceMgr);
        }
    }
}
