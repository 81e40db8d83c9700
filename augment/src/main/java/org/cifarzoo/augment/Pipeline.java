package org.cifarzoo.augment;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/** Stages applied in order to the same batch, drawing from the same rng; named as registered. */
public record Pipeline(String name, List<Augmentation> stages) implements Augmentation {

    public Pipeline {
        stages = List.copyOf(stages);
    }

    @Override
    public void apply(Batch batch, RandomGenerator rng) {
        for (Augmentation stage : stages) {
            stage.apply(batch, rng);
        }
    }

    @Override
    public String toString() {
        return name + stages.stream().map(Augmentation::name).collect(Collectors.joining(" → ", " = ", ""));
    }
}
