package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's depthwise convolution for layers without an activation, minus the forward pass its backprop recomputes (see
 * {@link GradientInFlight}): half of a depthwise layer's forward time in training. DL4J's depthwise layer always runs
 * libnd4j's native depthwise ops, so with the fast path on the stand-in is always safe.
 */
public class LinearDepthwiseConvolution extends DepthwiseConvolution2D {

    /** For JSON deserialisation. */
    public LinearDepthwiseConvolution() {
    }

    private LinearDepthwiseConvolution(DepthwiseConvolution2D.Builder builder) {
        super(builder);
    }

    /** The layer {@code builder} describes (its activation must be identity), validated as DL4J validates it. */
    public static LinearDepthwiseConvolution of(DepthwiseConvolution2D.Builder builder) {
        GradientInFlight.requireIdentity(builder.build());
        return new LinearDepthwiseConvolution(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return RuntimeLayers.attach(new Impl(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams);
    }

    static final class Impl extends DepthwiseConvolution2DLayer {
        private final boolean fastPath = FastPath.enabled();
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
            Pair<INDArray, INDArray> standIn = fastPath ? inFlight.standIn(forBackprop) : null;
            return standIn != null ? standIn : super.preOutput4d(training, forBackprop, workspaceMgr);
        }
    }
}
