package org.cifarzoo.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A layer's oneDNN primitives by the shape they were built for, the least recently used dropped beyond a few: a layer
 * sees the training batch, a last partial batch and evaluation batches (a bias-free DL4J convolution layer two geometries
 * for each: forward with DL4J's zero bias, backward without), and building a primitive JIT-compiles code.
 */
final class PrimitiveCache<K, V> {
    private static final int SHAPES = 8;

    private final Map<K, V> byShape = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > SHAPES;
        }
    };
    private final Function<K, V> build;

    PrimitiveCache(Function<K, V> build) {
        this.build = build;
    }

    V get(K shape) {
        return byShape.computeIfAbsent(shape, build);
    }
}
