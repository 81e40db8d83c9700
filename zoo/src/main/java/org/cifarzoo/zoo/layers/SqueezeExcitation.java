package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Objects;

/**
 * Squeeze-excitation as one layer: {@code squeeze → FC(r) → ReLU → FC(C) → sigmoid}, the C gates multiplying the
 * input's C channels. Two squeezes:
 * <ul>
 *   <li>{@link Squeeze#CHANNELS}: the spec's {@code SE(C, r)} (models.md §0), a global average over rows and
 *   columns giving a C-vector;</li>
 *   <li>{@link Squeeze#COLUMNS}: TResNet's faithful {@code SE*} (models.md §8 [bug]), an average over channels and
 *   rows giving a W-vector (W = the input's width), so the first FC has {@code W·r + r} parameters.</li>
 * </ul>
 * FC layers have biases (zero-initialised) and Glorot-uniform kernels, and are never regularised. Parameters
 * {@code W1 [L, r]}, {@code b1 [1, r]}, {@code W2 [r, C]}, {@code b2 [1, C]} with L = C or W.
 */
public class SqueezeExcitation extends NchwLayerConf {
    public static final String W1 = "W1";
    public static final String B1 = "b1";
    public static final String W2 = "W2";
    public static final String B2 = "b2";

    /** What the squeeze averages away, and so what its vector runs over. */
    public enum Squeeze {
        /** Average over rows and columns: one value per channel (the intended SE). */
        CHANNELS(2, 3),
        /** Average over channels and rows: one value per image column (the reference's layout slip). */
        COLUMNS(1, 2);

        private final int[] pooledAxes;

        Squeeze(int... pooledAxes) {
            this.pooledAxes = pooledAxes;
        }

        /** The NCHW axis the squeezed vector runs over (1 = channels, 3 = columns). */
        int keptAxis() {
            return this == CHANNELS ? 1 : 3;
        }
    }

    private Squeeze squeeze;
    private int hidden;
    /** Length L of the squeezed vector (C or W), fixed from the input type. */
    private long squeezed;

    /** For JSON deserialisation. */
    public SqueezeExcitation() {
    }

    private SqueezeExcitation(Builder b) {
        super(b);
        this.squeeze = b.squeeze;
        this.hidden = b.hidden;
        if (hidden < 1) {
            throw new IllegalArgumentException("SE bottleneck width must be >= 1, got " + hidden);
        }
    }

    public Squeeze getSqueeze() {
        return squeeze;
    }

    public int getHidden() {
        return hidden;
    }

    public long getSqueezed() {
        return squeezed;
    }

    @Override
    BaseLayer<?> runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new Impl(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return PARAMS;
    }

    private static final ParamTable PARAMS = new ParamTable() {
        @Override
        List<Param> params(org.deeplearning4j.nn.conf.layers.Layer layer) {
            SqueezeExcitation se = (SqueezeExcitation) layer;
            long l = se.squeezed;
            long r = se.hidden;
            long c = se.getNOut();
            return List.of(Param.weight(W1, l, r, l, r), Param.bias(B1, 1, r),
                    Param.weight(W2, r, c, r, c), Param.bias(B2, 1, c));
        }
    };

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return nchw(inputType);
    }

    /** nIn = nOut = channels; the squeezed length from the same input type. */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional in = nchw(inputType);
        if (nIn <= 0 || override) {
            nIn = in.getChannels();
            nOut = nIn;
            squeezed = squeeze == Squeeze.CHANNELS ? in.getChannels() : in.getWidth();
        }
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqueezeExcitation s && super.equals(o) && s.squeeze == squeeze && s.hidden == hidden
                && s.squeezed == squeezed;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof SqueezeExcitation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), squeeze, hidden, squeezed);
    }

    @Override
    public String toString() {
        return "SqueezeExcitation(" + squeeze + ", " + squeezed + "->" + hidden + "->" + nOut + ")";
    }

    /** {@code new SqueezeExcitation.Builder(Squeeze.CHANNELS, r).build()}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private final Squeeze squeeze;
        private final int hidden;

        public Builder(Squeeze squeeze, int hidden) {
            this.squeeze = Objects.requireNonNull(squeeze);
            this.hidden = hidden;
            this.activationFn = new ActivationIdentity();
        }

        @Override
        @SuppressWarnings("unchecked")
        public SqueezeExcitation build() {
            return new SqueezeExcitation(this);
        }
    }

    public static final class Impl extends BaseLayer<SqueezeExcitation> {
        private boolean hiddenLayerInactive;

        public Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /**
         * Whether the last forward pass left every hidden ReLU unit at zero for every example: W1, b1 and W2 then get
         * exactly zero gradient (only b2 learns), and stay so while it lasts.
         */
        public boolean hiddenLayerInactive() {
            return hiddenLayerInactive;
        }

        @Override
        public Type type() {
            return Type.CONVOLUTIONAL;
        }

        @Override
        public boolean isPretrainLayer() {
            return false;
        }

        /** The forward intermediates: squeezed vector s, hidden pre-activation z1 and activation a1, gates. */
        private record Forward(INDArray s, INDArray z1, INDArray a1, INDArray gates) {
        }

        private Forward excite(INDArray x) {
            SqueezeExcitation se = layerConf();
            if (x.rank() != 4 || x.size(1) != se.getNIn() || x.size(se.squeeze.keptAxis()) != se.squeezed) {
                throw new IllegalArgumentException("SqueezeExcitation " + layerId() + ": input "
                        + java.util.Arrays.toString(x.shape()) + " does not fit " + se);
            }
            INDArray s = x.mean(se.squeeze.pooledAxes);                       // [N, L]
            INDArray z1 = s.mmul(getParam(W1)).addiRowVector(getParam(B1));   // [N, r]
            INDArray a1 = Transforms.relu(z1, true);
            hiddenLayerInactive = a1.maxNumber().doubleValue() <= 0;
            INDArray gates = Transforms.sigmoid(a1.mmul(getParam(W2)).addiRowVector(getParam(B2)), false); // [N, C]
            return new Forward(s, z1, a1, gates);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            assertInputSet(false);
            applyDropOutIfNecessary(training, mgr);
            Forward f = excite(input);
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
            Nd4j.getExecutioner().exec(new BroadcastMulOp(input, f.gates(), out, 0, 1));
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            assertInputSet(true);
            SqueezeExcitation se = layerConf();
            Forward f = excite(input);
            // out = x·gate[n, c]  ⇒  dgate = Σ_hw ε·x, direct input gradient ε·gate
            INDArray dGate = epsilon.mul(input).sum(2, 3);
            INDArray dz2 = dGate.muli(f.gates()).muli(f.gates().rsub(1.0));   // σ' = σ(1−σ)
            INDArray da1 = dz2.mmul(getParam(W2).transpose());
            INDArray dz1 = da1.muli(f.z1().gt(0).castTo(da1.dataType()));       // ReLU'
            INDArray ds = dz1.mmul(getParam(W1).transpose()).divi(input.length() / input.size(0) / se.squeezed);

            Nd4j.gemm(f.a1(), dz2, gradientViews.get(W2), true, false, 1.0, 0.0);
            gradientViews.get(B2).assign(dz2.sum(0).reshape(1, dz2.size(1)));
            Nd4j.gemm(f.s(), dz1, gradientViews.get(W1), true, false, 1.0, 0.0);
            gradientViews.get(B1).assign(dz1.sum(0).reshape(1, dz1.size(1)));

            INDArray gradIn = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(),
                    'c');
            Nd4j.getExecutioner().exec(new BroadcastMulOp(epsilon, f.gates(), gradIn, 0, 1));
            Nd4j.getExecutioner().exec(new BroadcastAddOp(gradIn, ds, gradIn, 0, se.squeeze.keptAxis()));

            Gradient g = new DefaultGradient();
            for (String key : List.of(W1, B1, W2, B2)) {
                g.setGradientFor(key, gradientViews.get(key));
            }
            return new Pair<>(g, backpropDropOutIfPresent(gradIn));
        }
    }
}
