package org.cifarzoo.backend;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * ReLU and ReLU6 on oneDNN's element-wise kernels, one pass over the data each way. ND4J has no single-pass ReLU6
 * gradient that is fast (libnd4j's relu6_bp calls a function per element): composed from its vectorised kernels it
 * takes four passes (two step functions, a difference, a product), a fifth of MobileNetV2's training step at 96 px.
 *
 * <p>The gradients: ReLU's is dy where x &gt; 0, ReLU6's (oneDNN's clip to [0, 6]) dy where 0 &lt; x ≤ 6, else 0.
 * Float arrays only, dense in any layout (the kernels see them as flat vectors); for where
 * {@link Backend#oneDnnHelpers()}.
 */
public final class OneDnnActivation {
    /** The activations served, as oneDNN algorithms with their α and β. */
    public enum Kind {
        RELU(algorithm.eltwise_relu, 0, 0),
        RELU6(algorithm.eltwise_clip, 0, 6);

        private final algorithm primitive;
        private final float alpha;
        private final float beta;

        Kind(algorithm primitive, float alpha, float beta) {
            this.primitive = primitive;
            this.alpha = alpha;
            this.beta = beta;
        }
    }

    private final Kind kind;
    private final stream stream = new stream(OneDnn.cpu());
    private final PrimitiveCache<Long, Primitives> byLength = new PrimitiveCache<>(Primitives::new);

    public OneDnnActivation(Kind kind) {
        this.kind = kind;
    }

    /** Whether the kernels take {@code arrays} as they are: float and dense. */
    public static boolean supports(INDArray... arrays) {
        return OneDnn.denseFloat(arrays);
    }

    /** {@code out} = f({@code x}). */
    public void forward(INDArray x, INDArray out) {
        Primitives p = byLength.get(x.length());
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, OneDnn.point(p.src, x));
        args.put(DNNL_ARG_DST, OneDnn.point(p.dst, out));
        p.forward().execute(stream, args);
        stream._wait();
    }

    /** {@code gradIn} = f'({@code x}) · {@code gradOut}. */
    public void backward(INDArray x, INDArray gradOut, INDArray gradIn) {
        Primitives p = byLength.get(x.length());
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, OneDnn.point(p.src, x));
        args.put(DNNL_ARG_DIFF_DST, OneDnn.point(p.dst, gradOut));
        args.put(DNNL_ARG_DIFF_SRC, OneDnn.point(p.gradIn, gradIn));
        p.backward().execute(stream, args);
        stream._wait();
    }

    /** The primitives for arrays of one length, each built on first use. */
    private final class Primitives {
        private final memory.desc data;
        private final memory src;
        private final memory dst;
        private final memory gradIn;
        private eltwise_forward.primitive_desc forwardDesc;
        private eltwise_forward forward;
        private eltwise_backward backward;

        Primitives(long length) {
            data = OneDnn.plain(new long[]{length}, memory.format_tag.x);
            src = OneDnn.borrowed(data);
            dst = OneDnn.borrowed(data);
            gradIn = OneDnn.borrowed(data);
        }

        private eltwise_forward.primitive_desc forwardDesc() {
            if (forwardDesc == null) {
                forwardDesc = new eltwise_forward.primitive_desc(new eltwise_forward.desc(prop_kind.forward_training,
                        kind.primitive, data, kind.alpha, kind.beta), OneDnn.cpu());
            }
            return forwardDesc;
        }

        eltwise_forward forward() {
            if (forward == null) {
                forward = new eltwise_forward(forwardDesc());
            }
            return forward;
        }

        eltwise_backward backward() {
            if (backward == null) {
                backward = new eltwise_backward(new eltwise_backward.primitive_desc(new eltwise_backward.desc(
                        kind.primitive, data, data, kind.alpha, kind.beta), OneDnn.cpu(), forwardDesc()));
            }
            return backward;
        }
    }
}
