package org.cifarzoo.backend;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN itself, through JavaCPP's dnnl preset (2.5.2, built for the JavaCPP that ND4J M2.1 uses; it shares ND4J's
 * OpenMP runtime, so both libraries run on one thread pool).
 */
final class OneDnn {
    static final memory.data_type F32 = memory.data_type.f32;

    private static engine cpu;

    private OneDnn() {
    }

    static synchronized engine cpu() {
        if (cpu == null) {
            cpu = new engine(engine.kind.cpu, 0);
        }
        return cpu;
    }

    /** A plain descriptor: {@code dims} in oneDNN's logical order (n, c, h, w or o, i, h, w), laid out as {@code tag}. */
    static memory.desc plain(long[] dims, memory.format_tag tag) {
        return new memory.desc(dims, F32, tag);
    }

    /** The descriptor that lets a primitive choose the layout. */
    static memory.desc any(long[] dims) {
        return new memory.desc(dims, F32, memory.format_tag.any);
    }

    /** Memory of {@code desc} that oneDNN allocates and owns (a primitive's private layout). */
    static memory owned(memory.desc desc) {
        return new memory(desc, cpu());
    }

    /** Memory of {@code desc} whose data is set per call with {@link #point}. */
    static memory borrowed(memory.desc desc) {
        return new memory(desc, cpu(), (Pointer) null);
    }

    /**
     * Whether {@code a}'s elements lie in row-major order without gaps (strides of size-1 axes do not matter; ND4J gives
     * those odd values): what native kernels reading by default strides need.
     */
    static boolean isDense(INDArray a) {
        long expected = 1;
        for (int axis = a.rank() - 1; axis >= 0; axis--) {
            if (a.size(axis) != 1 && a.stride(axis) != expected) {
                return false;
            }
            expected *= a.size(axis);
        }
        return true;
    }

    /** Whether every array is float and {@link #isDense dense}: what our element-wise and copy kernels take. */
    static boolean denseFloat(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || !isDense(a)) {
                return false;
            }
        }
        return true;
    }

    /** {@code a} itself when {@link #isDense dense}, else a row-major copy. */
    static INDArray dense(INDArray a) {
        return isDense(a) ? a : a.dup('c');
    }

    /** Points {@code m} at the first element of {@code array}, which must be dense in the layout {@code m} describes. */
    static memory point(memory m, INDArray array) {
        m.set_data_handle(first(array));
        return m;
    }

    /** The elements of a dense float {@code array}, for reading and writing a few of them from Java. */
    static FloatPointer floats(INDArray array) {
        return new FloatPointer(first(array)).capacity(array.length()).limit(array.length());
    }

    /** A dense float array's values, copied out. */
    static float[] read(INDArray dense) {
        float[] values = new float[Math.toIntExact(dense.length())];
        floats(dense).get(values);
        return values;
    }

    /** Sets a dense float array's values. */
    static void write(INDArray dense, float[] values) {
        floats(dense).put(values);
    }

    private static Pointer first(INDArray array) {
        long first = array.data().address() + array.offset() * array.data().getElementSize();
        return new Pointer() {
            {
                address = first; // Pointer's own field: a local of the same name would be shadowed here
            }
        };
    }
}
