package org.cifarzoo.zoo;

import org.cifarzoo.backend.LayerHelpers;
import org.cifarzoo.zoo.layers.BatchNormRelu;
import org.cifarzoo.zoo.layers.FoldedConvolution;
import org.cifarzoo.zoo.layers.LinearConvolution;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The inference graph of a trained network: every batch norm whose input is a convolution's output, and that
 * convolution's only reader, folded into the convolution's weights and a bias, as deployed models and PyTorch's
 * {@code torch.jit.freeze} do. A {@link BatchNormRelu} becomes the convolution's activation ({@link FoldedConvolution}).
 *
 * <p>With the running statistics μ, σ², ε and the batch norm's γ, β, per output channel o:
 * {@code s = γ/√(σ² + ε)}, {@code W'[o] = s·W[o]}, {@code b' = β + s·(b − μ)} (b = 0: the zoo's convolutions have no
 * bias). The outputs equal the network's inference outputs to float rounding; the graph cannot be trained.
 *
 * <p>Pre-activation units (BN → ReLU → conv) have one such pair each, their second batch norm: 8 of ResNet18's 17.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /** A new graph, {@code net}'s layers and parameters with its foldable batch norms folded; {@code net} is unchanged. */
    public static ComputationGraph fold(ComputationGraph net) {
        ComputationGraphConfiguration conf = net.getConfiguration().clone();
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        List<Pair> pairs = foldablePairs(conf);
        for (Pair p : pairs) {
            LayerVertex conv = (LayerVertex) vertices.get(p.conv);
            boolean relu = ((LayerVertex) vertices.get(p.bn)).getLayerConf().getLayer() instanceof BatchNormRelu;
            NeuralNetConfiguration layer = conv.getLayerConf().clone();
            layer.setLayer(FoldedConvolution.of((LinearConvolution) conv.getLayerConf().getLayer(), p.bn, relu));
            // the folded layer takes the batch norm's name and place, so its readers stay as they are
            vertices.put(p.bn, new LayerVertex(layer, conv.getPreProcessor()));
            inputs.put(p.bn, inputs.remove(p.conv));
            vertices.remove(p.conv);
        }
        ComputationGraph folded = new ComputationGraph(conf);
        folded.init();
        Set<String> foldedNames = pairs.stream().map(p -> p.bn).collect(Collectors.toSet());
        for (Layer layer : folded.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (!foldedNames.contains(name)) {
                // by name: setParams(flat) reshapes in 'f' order, which scrambles layers whose views are 'c' order
                net.getLayer(name).paramTable().forEach((key, value) -> layer.getParam(key).assign(value));
            }
        }
        for (Pair p : pairs) {
            foldParams(net.getLayer(p.conv), net.getLayer(p.bn), folded.getLayer(p.bn));
        }
        return LayerHelpers.install(folded);
    }

    /** A convolution and the batch norm that reads it, by name. */
    private record Pair(String conv, String bn) {
    }

    private static List<Pair> foldablePairs(ComputationGraphConfiguration conf) {
        List<Pair> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (e.getValue().size() == 1 && foldable(conf, e.getValue().get(0), e.getKey())) {
                pairs.add(new Pair(e.getValue().get(0), e.getKey()));
            }
        }
        return pairs;
    }

    private static boolean foldable(ComputationGraphConfiguration conf, String convName, String bnName) {
        if (!(conf.getVertices().get(convName) instanceof LayerVertex conv)
                || !(conf.getVertices().get(bnName) instanceof LayerVertex bn)) {
            return false;
        }
        boolean plainConv = conv.getLayerConf().getLayer().getClass() == LinearConvolution.class
                && conv.getLayerConf().getLayer().getIDropout() == null
                && ((LinearConvolution) conv.getLayerConf().getLayer()).getWeightNoise() == null;
        Class<?> bnClass = bn.getLayerConf().getLayer().getClass();
        boolean plainBn = (bnClass == BatchNormalization.class || bnClass == BatchNormRelu.class)
                && bn.getPreProcessor() == null && bn.getLayerConf().getLayer().getIDropout() == null
                && !((BatchNormalization) bn.getLayerConf().getLayer()).isLockGammaBeta()
                && !((BatchNormalization) bn.getLayerConf().getLayer()).isUseLogStd();
        long readers = conf.getVertexInputs().values().stream().flatMap(List::stream).filter(convName::equals).count();
        return plainConv && plainBn && readers == 1 && !conf.getNetworkOutputs().contains(convName);
    }

    /** Writes s·W and β + s·(b − μ) into {@code folded}'s weights and bias. */
    private static void foldParams(Layer conv, Layer bn, Layer folded) {
        double eps = ((BatchNormalization) bn.conf().getLayer()).getEps();
        INDArray gamma = bn.getParam(BatchNormalizationParamInitializer.GAMMA).castTo(DataType.DOUBLE);
        INDArray beta = bn.getParam(BatchNormalizationParamInitializer.BETA).castTo(DataType.DOUBLE);
        INDArray mean = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).castTo(DataType.DOUBLE);
        INDArray var = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).castTo(DataType.DOUBLE);
        INDArray scale = gamma.div(Transforms.sqrt(var.add(eps), false)).reshape(-1); // [oC]
        INDArray weights = conv.getParam(ConvolutionParamInitializer.WEIGHT_KEY); // [oC, iC, kH, kW]
        INDArray scaled = weights.castTo(DataType.DOUBLE).reshape(weights.size(0), -1).mulColumnVector(
                scale.reshape(-1, 1));
        folded.getParam(ConvolutionParamInitializer.WEIGHT_KEY).assign(scaled.reshape(weights.shape()));
        INDArray shift = mean.reshape(-1).neg();
        if (conv.paramTable().containsKey(ConvolutionParamInitializer.BIAS_KEY)) {
            shift.addi(conv.getParam(ConvolutionParamInitializer.BIAS_KEY).castTo(DataType.DOUBLE).reshape(-1));
        }
        INDArray bias = folded.getParam(ConvolutionParamInitializer.BIAS_KEY);
        bias.assign(beta.reshape(-1).add(scale.mul(shift)).reshape(bias.shape()));
    }
}
