package org.cifarzoo.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;

/** Parameter count of a configuration without allocating it (Keras convention: BN running statistics included). */
public final class ParamCount {
    private ParamCount() {
    }

    public static long of(ComputationGraphConfiguration conf) {
        long total = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            total += v.numParams(true);
        }
        return total;
    }
}
