package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collection;

/**
 * DL4J's activation layer without its copies for ReLU, the activation of most of the zoo.
 *
 * <p>DL4J's ActivationLayer copies its input before applying the activation in place, and copies it again in backprop
 * to have an array to write the gradient into: an extra full pass over the activations each way. Here ReLU writes
 * straight into a fresh output (forward) or gradient array (backward). Other activations are DL4J's own path.
 */
public class CopyFreeActivation extends ActivationLayer {
    private static final IActivation PLAIN_RELU = new ActivationReLU();

    /** For JSON deserialisation. */
    public CopyFreeActivation() {
    }

    public CopyFreeActivation(IActivation activation) {
        super(activation);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return RuntimeLayers.attach(new Impl(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams);
    }

    static final class Impl extends org.deeplearning4j.nn.layers.ActivationLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        private boolean plainRelu() {
            return PLAIN_RELU.equals(layerConf().getActivationFn());
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            if (!plainRelu()) {
                return super.activate(training, workspaceMgr);
            }
            assertInputSet(false);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(),
                    'c');
            Nd4j.exec(new RectifiedLinear(input, out, 0.0));
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (!plainRelu()) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                    input.shape(), 'c');
            Nd4j.exec(new RectifiedLinearDerivative(input, epsilon, gradIn));
            return new Pair<>(new DefaultGradient(), gradIn);
        }
    }
}
