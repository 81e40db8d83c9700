package org.cifarzoo.harness.train;

import org.cifarzoo.backend.LayerHelpers;
import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ZooRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * An initialised network on the layer helpers we verified (see {@link LayerHelpers}). The one way the harness turns
 * a configuration or a checkpoint into a network.
 */
public record Network(ComputationGraph graph) {

    public static Network create(ZooRegistry zoo, ModelSpec spec, BuildOptions options) {
        ComputationGraph net = new ComputationGraph(zoo.get(spec.model()).build(spec, options));
        net.init();
        return new Network(LayerHelpers.install(net));
    }

    /** A network restored from a checkpoint (DL4J attaches helpers when it instantiates the layers). */
    public static Network of(ComputationGraph restored) {
        return new Network(LayerHelpers.install(restored));
    }
}
