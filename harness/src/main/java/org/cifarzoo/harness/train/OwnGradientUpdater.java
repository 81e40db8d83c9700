package org.cifarzoo.harness.train;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * DL4J's graph updater without one misstep of DL4J M2.1: it tells the network's own gradient from an "external" one
 * (computed by another network) by object identity, but the gradient hands out a fresh reshaped view of the flattened
 * array on every call, so every step takes the external path, which cuts views of each parameter's slice of the
 * flattened arrays twice per step (before and after the updater, for the L2 penalty) and again per block and for the
 * minibatch division: hundreds of small native allocations per step, 3 % of ResNet18's training step. Given the
 * network's own gradient (the same memory), this updater hands DL4J the network's flattened view itself, so DL4J takes
 * its standard path over that memory, with the same arithmetic.
 */
final class OwnGradientUpdater extends ComputationGraphUpdater {

    /** {@code updaterState}: a restored network's updater state, used as it is; null for a fresh one. */
    OwnGradientUpdater(ComputationGraph graph, INDArray updaterState) {
        super(graph, updaterState);
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
                                    LayerWorkspaceMgr workspaceMgr) {
        super.update(asOwn(gradient, getFlattenedGradientsView()), iteration, epoch, batchSize, workspaceMgr);
    }

    /** {@code gradient}, answering {@code own} as its flattened array when that is the same memory; else as it is. */
    static Gradient asOwn(Gradient gradient, INDArray own) {
        INDArray flat = gradient.gradient();
        boolean same = first(flat) == first(own) && flat.length() == own.length() && flat.dataType() == own.dataType()
                && flat.elementWiseStride() == 1 && own.elementWiseStride() == 1;
        return same ? new OwnFlat(gradient, own) : gradient;
    }

    /** The address of {@code a}'s first element (views of one array have data buffers of their own). */
    private static long first(INDArray a) {
        return a.data().address() + a.offset() * a.data().getElementSize();
    }

    /** A gradient that is {@code delegate} in every respect but its flattened array, which is {@code own}. */
    private record OwnFlat(Gradient delegate, INDArray own) implements Gradient {
        @Override
        public Map<String, INDArray> gradientForVariable() {
            return delegate.gradientForVariable();
        }

        @Override
        public INDArray gradient(List<String> order) {
            return delegate.gradient(order);
        }

        @Override
        public INDArray gradient() {
            return own;
        }

        @Override
        public void clear() {
            delegate.clear();
        }

        @Override
        public INDArray getGradientFor(String variable) {
            return delegate.getGradientFor(variable);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient) {
            return delegate.setGradientFor(variable, gradient);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient, Character flatteningOrder) {
            return delegate.setGradientFor(variable, gradient, flatteningOrder);
        }

        @Override
        public Character flatteningOrderForVariable(String variable) {
            return delegate.flatteningOrderForVariable(variable);
        }
    }
}
