package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;

/**
 * Space-to-depth with block b (TResNet's stem, models.md §8): {@code H×W×C → (H/b)×(W/b)×(b²·C)}, output channel
 * {@code (dy·b + dx)·C + c} holding input channel c at offset (dy, dx) inside each b×b block. Parameter-free;
 * backward is the inverse rearrangement. H and W must be multiples of b.
 */
public class SpaceToDepth extends SpatialVertexConf {
    private int block;

    /** For JSON deserialisation. */
    public SpaceToDepth() {
    }

    public SpaceToDepth(int block) {
        if (block < 1) {
            throw new IllegalArgumentException("block must be >= 1, got " + block);
        }
        this.block = block;
    }

    public int getBlock() {
        return block;
    }

    @Override
    InputType.InputTypeConvolutional outputFor(long channels, long height, long width, CNN2DFormat format) {
        if (format != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("SpaceToDepth is written for NCHW activations, got " + format);
        }
        check(height, width, "?");
        return (InputType.InputTypeConvolutional) InputType.convolutional(height / block, width / block,
                channels * block * block, CNN2DFormat.NCHW);
    }

    private void check(long height, long width, String vertex) {
        if (height % block != 0 || width % block != 0) {
            throw new IllegalArgumentException("SpaceToDepth " + vertex + ": " + height + "x" + width
                    + " is not a multiple of block " + block);
        }
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray params, boolean init,
                                   DataType dataType) {
        return new Impl(graph, name, idx, dataType, this);
    }

    @Override
    public SpaceToDepth clone() {
        return new SpaceToDepth(block);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpaceToDepth s && s.block == block;
    }

    @Override
    public int hashCode() {
        return Objects.hash(SpaceToDepth.class, block);
    }

    @Override
    public String toString() {
        return "SpaceToDepth(block=" + block + ")";
    }

    static final class Impl extends ParameterFreeVertex {
        private final SpaceToDepth conf;

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, SpaceToDepth conf) {
            super(graph, name, idx, dataType);
            this.conf = conf;
        }

        @Override
        protected INDArray forward(INDArray in, LayerWorkspaceMgr mgr) {
            int b = conf.block;
            long n = in.size(0), c = in.size(1), h = in.size(2) / b, w = in.size(3) / b;
            conf.check(in.size(2), in.size(3), vertexName);
            // [N, C, h, dy, w, dx] → [N, dy, dx, C, h, w]
            INDArray blocks = in.reshape('c', n, c, h, b, w, b).permute(0, 3, 5, 1, 2, 4);
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(),
                    new long[]{n, b, b, c, h, w}, 'c');
            out.assign(blocks);
            return out.reshape('c', n, (long) b * b * c, h, w);
        }

        @Override
        protected INDArray backward(INDArray in, INDArray epsilon, LayerWorkspaceMgr mgr) {
            int b = conf.block;
            long n = in.size(0), c = in.size(1), h = in.size(2) / b, w = in.size(3) / b;
            // [N, dy, dx, C, h, w] → [N, C, h, dy, w, dx]
            INDArray blocks = epsilon.reshape('c', n, b, b, c, h, w).permute(0, 3, 4, 1, 5, 2);
            INDArray gradIn = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, in.dataType(),
                    new long[]{n, c, h, b, w, b}, 'c');
            gradIn.assign(blocks);
            return gradIn.reshape('c', n, c, in.size(2), in.size(3));
        }
    }
}
