package org.cifarzoo.augment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training-time augmentation pipelines of training.md §4, by name. Every pipeline starts with the basic
 * flip + 4 px shift; the advanced one (if any) is applied to every image of every batch.
 */
public final class Augmentations {

    private static final Map<String, Pipeline> PIPELINES = new LinkedHashMap<>();

    static {
        register(new Pipeline("basic", List.of(new FlipShift())));                   // §4.4
        register(new Pipeline("cutout", List.of(new FlipShift(), new Cutout())));    // §4.2
        register(new Pipeline("mixup", List.of(new FlipShift(), new Mixup())));      // §4.3
        register(new Pipeline("cutmix", List.of(new FlipShift(), new CutMix())));    // §4.1, README default
    }

    private Augmentations() {
    }

    private static void register(Pipeline pipeline) {
        PIPELINES.put(pipeline.name(), pipeline);
    }

    /** The pipeline registered as {@code name}; pipelines are stateless, so the instance may be shared. */
    public static Augmentation pipeline(String name) {
        Pipeline pipeline = PIPELINES.get(name);
        if (pipeline == null) {
            throw new IllegalArgumentException("unknown augmentation '" + name + "'; valid: "
                    + String.join(", ", names()));
        }
        return pipeline;
    }

    /** Registered names in declaration order: basic, cutout, mixup, cutmix. */
    public static List<String> names() {
        return List.copyOf(PIPELINES.keySet());
    }
}
