package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.graph.GraphVertex;

/** Configuration side of our vertices that take exactly two inputs and have no parameters. */
abstract class TwoInputVertex extends GraphVertex {

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }
}
