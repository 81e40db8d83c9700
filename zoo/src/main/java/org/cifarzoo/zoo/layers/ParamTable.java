package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ParamInitializer} stated as a table: the layer lists its parameters in order ({@link #params}), and this
 * class slices the flat parameter (and gradient) view into c-order arrays of those shapes and initialises them.
 */
abstract class ParamTable implements ParamInitializer {

    /** What a parameter is, for initialisation and for DL4J's weight/bias rules (L2, bias updater). */
    enum Role {
        /** A kernel: the layer's weight initialiser with the stated fans. */
        WEIGHT,
        /** A bias: a constant. */
        BIAS,
        /** Anything else (BN scale, shift and running statistics): a constant. */
        OTHER
    }

    /**
     * One parameter.
     *
     * @param value initial value of BIAS and OTHER parameters
     */
    record Param(String key, long[] shape, Role role, double value, double fanIn, double fanOut) {
        static Param weight(String key, double fanIn, double fanOut, long... shape) {
            return new Param(key, shape, Role.WEIGHT, 0, fanIn, fanOut);
        }

        static Param bias(String key, long... shape) {
            return new Param(key, shape, Role.BIAS, 0, 0, 0);
        }

        static Param constant(String key, double value, long... shape) {
            return new Param(key, shape, Role.OTHER, value, 0, 0);
        }

        long length() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }
    }

    /** The layer's parameters, in their order inside the flat view. */
    abstract List<Param> params(Layer layer);

    private Param find(Layer layer, String key) {
        return params(layer).stream().filter(p -> p.key().equals(key)).findFirst().orElse(null);
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return params(layer).stream().mapToLong(Param::length).sum();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return params(layer).stream().map(Param::key).toList();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return params(layer).stream().filter(p -> p.role() == Role.WEIGHT).map(Param::key).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return params(layer).stream().filter(p -> p.role() == Role.BIAS).map(Param::key).toList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        Param p = find(layer, key);
        return p != null && p.role() == Role.WEIGHT;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        Param p = find(layer, key);
        return p != null && p.role() == Role.BIAS;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initialize) {
        Map<String, INDArray> table = slice(conf.getLayer(), paramsView);
        for (Param p : params(conf.getLayer())) {
            conf.addVariable(p.key());
            if (initialize) {
                INDArray view = table.get(p.key());
                if (p.role() == Role.WEIGHT) {
                    ((BaseLayer) conf.getLayer()).getWeightInitFn().init(p.fanIn(), p.fanOut(), p.shape(), 'c',
                            view.reshape('c', 1, view.length()));
                } else {
                    view.assign(p.value());
                }
            }
        }
        return table;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return slice(conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> slice(Layer layer, INDArray flat) {
        INDArray row = flat.reshape('c', 1, flat.length());
        Map<String, INDArray> table = new LinkedHashMap<>();
        long offset = 0;
        for (Param p : params(layer)) {
            table.put(p.key(), row.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + p.length()))
                    .reshape('c', p.shape()));
            offset += p.length();
        }
        return table;
    }
}
