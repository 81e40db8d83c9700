package org.cifarzoo.harness.train;

import org.cifarzoo.backend.LayerHelpers;
import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ZooRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;

/**
 * An initialised network on the layer helpers we verified (see {@link LayerHelpers}) and the updater that keeps DL4J on
 * its standard path ({@link OwnGradientUpdater}). The one way the harness turns a configuration or a checkpoint into a
 * network.
 */
public record Network(ComputationGraph graph) {

    public static Network create(ZooRegistry zoo, ModelSpec spec, BuildOptions options) {
        ComputationGraph net = new ComputationGraph(zoo.get(spec.model()).build(spec, options));
        net.init();
        net.setUpdater(new OwnGradientUpdater(net, null));
        return new Network(LayerHelpers.install(net));
    }

    /**
     * A network restored from a checkpoint (DL4J attaches helpers when it instantiates the layers), with the updater
     * state it was saved with.
     */
    public static Network of(ComputationGraph restored) {
        ComputationGraphUpdater saved = restored.getUpdater(false);
        restored.setUpdater(new OwnGradientUpdater(restored, saved == null ? null : saved.getStateViewArray()));
        return new Network(LayerHelpers.install(restored));
    }
}
