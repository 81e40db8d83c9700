package org.cifarzoo.harness.train;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.LayerHelpers;
import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.ZooRegistry;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The updater that keeps DL4J on its standard path computes exactly what DL4J's own computes (the same arithmetic on
 * the same memory: momentum, L2, the minibatch division), and it does take that path for the network's own gradient.
 */
class OwnGradientUpdaterTest {
    private static final ZooRegistry ZOO = ZooRegistry.standard();

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    /** Nesterov momentum: an updater with state. */
    private static final BuildOptions OPTIONS = BuildOptions.defaults(5).withUpdater(new Nesterovs(0.05, 0.9));

    /** The same network with DL4J's own updater (and the same layer helpers). */
    private static ComputationGraph stock() {
        ComputationGraph net = new ComputationGraph(ZOO.get("ResNet20").build(ZOO.get("ResNet20").defaultSpec(),
                OPTIONS));
        net.init();
        return LayerHelpers.install(net);
    }

    private static ComputationGraph ours() {
        return Network.create(ZOO, ZOO.get("ResNet20").defaultSpec(), OPTIONS).graph();
    }

    /**
     * Three batches, made once: each network gets its own copies (a seeded Nd4j.rand does not repeat itself after
     * other native work).
     */
    private static final List<DataSet> BATCHES = new ArrayList<>();

    private static DataSet batch(int step) {
        while (BATCHES.size() <= step) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
            for (int i = 0; i < 8; i++) {
                y.putScalar(i, (i + BATCHES.size()) % 10, 1);
            }
            BATCHES.add(new DataSet(Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32), y));
        }
        return BATCHES.get(step).copy();
    }

    @Test
    void trainsExactlyAsDl4jsOwnUpdater() {
        ComputationGraph ours = ours();
        ComputationGraph theirs = stock();
        assertEquals(theirs.params(), ours.params());
        for (int step = 0; step < 3; step++) {
            ours.fit(batch(step));
            theirs.fit(batch(step));
        }
        assertInstanceOf(OwnGradientUpdater.class, ours.getUpdater(false));
        assertEquals(theirs.getUpdater().getStateViewArray(), ours.getUpdater().getStateViewArray(), "momentum");
        assertEquals(theirs.params(), ours.params(), "parameters after three steps");
    }

    @Test
    void answersTheNetworksOwnFlattenedGradientForItsOwnGradientOnly() {
        ComputationGraph net = stock();
        DataSet data = batch(1);
        net.setInputs(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        INDArray own = net.getFlattenedGradients();
        Gradient gradient = net.gradient();
        assertNotSame(own, gradient.gradient(), "DL4J's gradient hands out a fresh view (why DL4J goes astray)");
        Gradient answered = OwnGradientUpdater.asOwn(gradient, own);
        assertSame(own, answered.gradient());
        assertSame(gradient.gradientForVariable(), answered.gradientForVariable());

        Gradient foreign = new DefaultGradient(own.dup());
        assertSame(foreign, OwnGradientUpdater.asOwn(foreign, own), "another network's gradient stays external");
    }

    @Test
    void aRestoredNetworkKeepsItsUpdaterState() {
        ComputationGraph net = ours();
        net.fit(batch(0));
        ComputationGraph copy = net.clone();
        INDArray state = net.getUpdater().getStateViewArray().dup();
        ComputationGraphUpdater before = copy.getUpdater(false);
        ComputationGraph restored = Network.of(copy).graph();
        assertNotSame(before, restored.getUpdater(false));
        assertEquals(state, restored.getUpdater().getStateViewArray());
        net.fit(batch(1));
        restored.fit(batch(1));
        assertEquals(net.params(), restored.params());
    }
}
