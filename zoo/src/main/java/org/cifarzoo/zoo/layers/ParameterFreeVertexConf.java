package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;

/** Configuration side of our vertices without parameters: none to count, and no memory of their own to report. */
abstract class ParameterFreeVertexConf extends GraphVertex {

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputs) {
        InputType out = getOutputType(-1, inputs);
        return new LayerMemoryReport.Builder(null, getClass(), inputs[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
