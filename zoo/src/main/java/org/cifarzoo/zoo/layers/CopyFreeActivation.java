package org.cifarzoo.zoo.layers;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.OneDnnActivation;
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
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Relu6;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collection;

/**
 * DL4J's activation layer, with ReLU and ReLU6 (the zoo's main activations) on fast kernels and without copies.
 *
 * <p>DL4J's ActivationLayer copies its input before applying the activation in place, and copies it again in backprop
 * to have an array to write the gradient into; and libnd4j's relu_bp / relu6_bp call a std::function per element,
 * 3-4x slower than two vectorised passes. Here the activation writes straight into a fresh output, and the backward
 * pass is dx = dy · [x > 0] (ReLU) or dx = dy · [0 < x ≤ 6] (ReLU6): in one pass on oneDNN where its helpers are on
 * ({@link OneDnnActivation}), else composed from libnd4j's vectorised step and pairwise kernels (the CUDA backend).
 * ReLU6's gradient differs from DL4J's only at x = 6 exactly. Other activations, and every activation when
 * {@link FastPath} is off (the reference for comparisons), take DL4J's own path.
 */
public class CopyFreeActivation extends ActivationLayer {
    private static final IActivation RELU = new ActivationReLU();
    private static final IActivation RELU6 = new ActivationReLU6();

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
        private final boolean fastPath = FastPath.enabled(); // like DL4J's helpers, chosen when the layer is created
        /** Null where oneDNN's helpers are off. */
        private final OneDnnActivation oneDnn;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
            IActivation fn = layerConf().getActivationFn();
            oneDnn = fast(fn) && Backend.oneDnnHelpers()
                    ? new OneDnnActivation(RELU.equals(fn) ? OneDnnActivation.Kind.RELU : OneDnnActivation.Kind.RELU6)
                    : null;
        }

        private boolean fast(IActivation fn) {
            return fastPath && (RELU.equals(fn) || RELU6.equals(fn));
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            IActivation fn = layerConf().getActivationFn();
            if (!fast(fn)) {
                return super.activate(training, workspaceMgr);
            }
            assertInputSet(false);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(),
                    'c');
            if (oneDnn != null && OneDnnActivation.supports(input)) {
                oneDnn.forward(input, out);
            } else {
                Nd4j.exec(RELU.equals(fn) ? new RectifiedLinear(input, out, 0.0) : new Relu6(input, out, 0.0));
            }
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            IActivation fn = layerConf().getActivationFn();
            if (!fast(fn)) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                    input.shape(), 'c');
            if (oneDnn != null && OneDnnActivation.supports(input, epsilon)) {
                oneDnn.backward(input, epsilon, gradIn);
                return new Pair<>(new DefaultGradient(), gradIn);
            }
            Nd4j.exec(new Step(input, gradIn, 0.0));
            if (RELU6.equals(fn)) {
                INDArray saturated = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(),
                        input.shape(), 'c');
                Nd4j.exec(new Step(input, saturated, 6.0));
                gradIn.subi(saturated);
            }
            gradIn.muli(epsilon);
            return new Pair<>(new DefaultGradient(), gradIn);
        }
    }
}
