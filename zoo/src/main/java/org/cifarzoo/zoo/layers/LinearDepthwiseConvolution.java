package org.cifarzoo.zoo.layers;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.OneDnnConvolution;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
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

import static org.deeplearning4j.nn.params.DepthwiseConvolutionParamInitializer.BIAS_KEY;
import static org.deeplearning4j.nn.params.DepthwiseConvolutionParamInitializer.WEIGHT_KEY;

/**
 * DL4J's depthwise convolution for layers without an activation, on oneDNN ({@link OneDnnConvolution#depthwise()})
 * where its helpers are on: DL4J's own layer has no helper and runs libnd4j's depthwise ops, whose backward pass
 * builds gigabyte im2col temporaries at MobileNetV2's 96 px shapes. Elsewhere, or for input the helper does not take,
 * DL4J's ops run, minus the forward pass their backprop recomputes (see {@link GradientInFlight}): half of a depthwise
 * layer's forward time in training.
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
            if (fastPath && Backend.oneDnnHelpers()) {
                helper = OneDnnConvolution.depthwise(); // the slot DL4J's convolution layers keep for their helpers
            }
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
                                                     LayerWorkspaceMgr workspaceMgr) {
            if (takesHelper()) {
                var c = layerConf();
                INDArray output = helper.preOutput(input.castTo(dataType), param(WEIGHT_KEY, training, workspaceMgr),
                        param(BIAS_KEY, training, workspaceMgr), c.getKernelSize(), c.getStride(), c.getPadding(),
                        null, null, convolutionMode, c.getDilation(), c.getCnn2dDataFormat(), workspaceMgr);
                if (output != null) {
                    return new Pair<>(output, null);
                }
            }
            return super.preOutput(training, forBackprop, workspaceMgr);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (takesHelper()) {
                var c = layerConf();
                Pair<Gradient, INDArray> result = helper.backpropGradient(input.castTo(dataType),
                        param(WEIGHT_KEY, true, workspaceMgr), param(BIAS_KEY, true, workspaceMgr),
                        epsilon.castTo(dataType), c.getKernelSize(), c.getStride(), c.getPadding(),
                        gradientViews.get(BIAS_KEY), gradientViews.get(WEIGHT_KEY), c.getActivationFn(), null, null,
                        null, convolutionMode, c.getDilation(), c.getCnn2dDataFormat(), workspaceMgr);
                if (result != null) {
                    weightNoiseParams.clear();
                    return new Pair<>(result.getFirst(), backpropDropOutIfPresent(result.getSecond()));
                }
            }
            return inFlight.during(epsilon, () -> super.backpropGradient(epsilon, workspaceMgr));
        }

        /** A helper, and an input DL4J's checks accept (otherwise DL4J's own path reports the mismatch). */
        private boolean takesHelper() {
            if (helper == null || input == null || input.rank() != 4) {
                return false;
            }
            boolean nchw = layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW;
            return input.size(nchw ? 1 : 3) == getParam(WEIGHT_KEY).size(2);
        }

        /** The parameter as DL4J's layer reads it (with weight noise, if any); null for a bias the layer lacks. */
        private INDArray param(String key, boolean training, LayerWorkspaceMgr workspaceMgr) {
            return key.equals(BIAS_KEY) && !layerConf().hasBias() ? null
                    : getParamWithNoise(key, training, workspaceMgr);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
                                                       LayerWorkspaceMgr workspaceMgr) {
            Pair<INDArray, INDArray> standIn = fastPath ? inFlight.standIn(forBackprop) : null;
            return standIn != null ? standIn : super.preOutput4d(training, forBackprop, workspaceMgr);
        }
    }
}
