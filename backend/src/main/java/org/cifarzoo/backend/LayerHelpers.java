package org.cifarzoo.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;

import java.lang.reflect.Field;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Uses a layer helper only where we verified it against DL4J's reference implementation.
 *
 * <p>Measured on ResNet18/ResNet35 (HelperEquivalenceTest): the oneDNN convolution and pooling helpers give the
 * reference outputs and gradients to float rounding, and so does the batch-norm helper in inference. In training,
 * the batch-norm helper moves γ/β and upstream gradients by up to 2 % (and with a fused activation gets β's
 * gradient wrong outright), while the reference batch norm passes a double-precision gradient check. So batch norm
 * trains on the reference implementation and infers on oneDNN.
 */
public final class LayerHelpers {
    private static final Field BN_HELPER = bnHelperField();
    private final Map<BatchNormalization, Object> batchNormHelpers = new IdentityHashMap<>();

    private LayerHelpers(ComputationGraph net) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization bn) {
                batchNormHelpers.put(bn, get(bn));
            }
        }
    }

    /** Captures the helpers DL4J attached when the network's layers were created. */
    public static LayerHelpers of(ComputationGraph net) {
        return new LayerHelpers(net);
    }

    /** Before training steps: batch norm on the reference implementation. */
    public void forTraining() {
        batchNormHelpers.keySet().forEach(bn -> set(bn, null));
    }

    /** Before inference: every helper, batch norm's included. */
    public void forInference() {
        batchNormHelpers.forEach(LayerHelpers::set);
    }

    private static Object get(BatchNormalization bn) {
        try {
            return BN_HELPER.get(bn);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(BatchNormalization bn, Object helper) {
        try {
            BN_HELPER.set(bn, helper);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field bnHelperField() {
        try {
            Field f = BatchNormalization.class.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's BatchNormalization layer changed: no 'helper' field", e);
        }
    }
}
