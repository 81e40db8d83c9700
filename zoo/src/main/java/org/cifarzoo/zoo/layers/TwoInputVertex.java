package org.cifarzoo.zoo.layers;

/** Configuration side of our vertices that take exactly two inputs and have no parameters. */
abstract class TwoInputVertex extends ParameterFreeVertexConf {

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }
}
