package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.LayerHelpers;
import org.cifarzoo.zoo.layers.Add;
import org.cifarzoo.zoo.layers.InputGradients;
import org.cifarzoo.zoo.layers.LinearConvolution;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first convolution of a network reads the data and hands on no input gradient: the same parameter gradients,
 * without the backward-data convolution whose result no one reads.
 */
class InputGradientsTest {
    private static final ZooRegistry ZOO = ZooRegistry.standard();

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    private static ComputationGraphConfiguration conf(String model, int resolution) {
        ModelSpec published = ZOO.get(model).defaultSpec();
        ModelSpec spec = new ModelSpec(published.model(), published.width(), resolution, published.activation());
        return ZOO.get(model).build(spec, BuildOptions.defaults(5));
    }

    /** Names of the convolutions that drop their input gradient. */
    private static TreeSet<String> dropping(ComputationGraphConfiguration conf) {
        return conf.getVertices().entrySet().stream()
                .filter(v -> v.getValue() instanceof LayerVertex layer
                        && layer.getLayerConf().getLayer() instanceof LinearConvolution c && !c.getInputGradient())
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"ResNet18, 32, stem_conv", "MobileNetV2, 96, stem_conv", "DenseNet52k12, 32, stem_conv"})
    void onlyTheConvolutionReadingTheDataDropsIt(String model, int resolution, String stem) {
        ComputationGraphConfiguration conf = conf(model, resolution);
        assertEquals(new TreeSet<>(Set.of(stem)), dropping(conf));
        assertEquals(Set.of(stem), dropping(ComputationGraphConfiguration.fromJson(conf.toJson())), "JSON keeps it");
    }

    /** input → conv "a" (ours), and with {@code plainToo} also DL4J's conv "b"; then their sum. */
    private static ComputationGraphConfiguration probe(boolean plainToo) {
        ComputationGraphConfiguration.GraphBuilder graph = ProbeGraphs.builder(3, DataType.FLOAT,
                InputType.convolutional(6, 6, 2));
        graph.addLayer("a", LinearConvolution.of(new ConvolutionLayer.Builder(3, 3).nOut(2).hasBias(false)
                .activation(Activation.IDENTITY)), "input");
        if (plainToo) {
            graph.addLayer("b", new ConvolutionLayer.Builder(3, 3).nOut(2).build(), "input")
                    .addVertex("sum", new Add(), "a", "b");
        }
        return ProbeGraphs.classify(graph, plainToo ? "sum" : "a", 3).getConfiguration();
    }

    @Test
    void nothingDropsItWhereAnotherKindOfLayerAlsoReadsTheData() {
        assertEquals(new TreeSet<>(Set.of("a")), dropping(InputGradients.dropUnread(probe(false))));
        assertTrue(dropping(InputGradients.dropUnread(probe(true))).isEmpty());
    }

    @Test
    void sameParameterGradientsWithoutTheDataGradient() {
        ComputationGraphConfiguration dropping = conf("ResNet18", 32);
        // from an initialised network's JSON: without its parameter names DL4J's reader takes the batch norms' running
        // variance for log10 of the deviation
        ComputationGraph initialised = new ComputationGraph(dropping.clone());
        initialised.init();
        ComputationGraphConfiguration keeping = ComputationGraphConfiguration.fromJson(initialised.getConfiguration()
                .toJson().replace("\"inputGradient\" : false", "\"inputGradient\" : true"));
        assertTrue(dropping(keeping).isEmpty(), "the JSON edit restores the input gradient");
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 3, 32, 32);
        INDArray y = ProbeGraphs.oneHot(16, 10, DataType.FLOAT);
        ComputationGraph fast = trained(dropping, x, y);
        ComputationGraph full = trained(keeping, x, y);
        assertEquals(full.params(), fast.params());
        assertEquals(full.gradient().gradient(), fast.gradient().gradient());

        assertNull(stemInputGradient(fast, x), "the stem hands on no input gradient");
        assertNotNull(stemInputGradient(full, x));
    }

    private static ComputationGraph trained(ComputationGraphConfiguration conf, INDArray x, INDArray y) {
        ComputationGraph net = new ComputationGraph(conf.clone());
        net.init();
        LayerHelpers.install(net);
        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net;
    }

    /** The stem's backprop on the data {@code x} (NCHW; the stem reads it channels-last). */
    private static INDArray stemInputGradient(ComputationGraph net, INDArray x) {
        Layer stem = net.getLayer("stem_conv");
        stem.setInput(x.permute(0, 2, 3, 1).dup('c'), LayerWorkspaceMgr.noWorkspaces());
        INDArray gradOut = Nd4j.rand(DataType.FLOAT, stem.activate(false, LayerWorkspaceMgr.noWorkspaces()).shape());
        return stem.backpropGradient(gradOut, LayerWorkspaceMgr.noWorkspaces()).getSecond();
    }
}
