package org.cifarzoo.augment;

import static org.cifarzoo.augment.Batch.CLASSES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AugmentationsTest {

    static Stream<Arguments> registry() {
        return Stream.of(
                Arguments.of("basic", List.of(FlipShift.class)),
                Arguments.of("cutout", List.of(FlipShift.class, Cutout.class)),
                Arguments.of("mixup", List.of(FlipShift.class, Mixup.class)),
                Arguments.of("cutmix", List.of(FlipShift.class, CutMix.class)));
    }

    @Test
    void namesAreTheFourPipelinesInOrder() {
        assertEquals(List.of("basic", "cutout", "mixup", "cutmix"), Augmentations.names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void pipelineIsFlipShiftThenTheNamedAugmentation(String name, List<Class<?>> stageTypes) {
        Pipeline pipeline = (Pipeline) Augmentations.pipeline(name);
        assertEquals(name, pipeline.name());
        assertEquals(stageTypes, pipeline.stages().stream().map(Object::getClass).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void sameSeedGivesTheIdenticalBatch(String name) {
        Augmentation augmentation = Augmentations.pipeline(name);
        Batch first = TestBatches.gaussian(64, 1);
        Batch second = first.copy();
        Batch otherSeed = first.copy();
        augmentation.apply(first, new SplittableRandom(2024));
        augmentation.apply(second, new SplittableRandom(2024));
        augmentation.apply(otherSeed, new SplittableRandom(2025));
        assertArrayEquals(first.images(), second.images());
        assertArrayEquals(first.labels(), second.labels());
        assertFalse(Arrays.equals(first.images(), otherSeed.images()), "another seed gives another batch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void labelsStayADistribution(String name) {
        Batch batch = TestBatches.gaussian(128, 3);
        Augmentations.pipeline(name).apply(batch, new SplittableRandom(3));
        for (int i = 0; i < batch.size(); i++) {
            float sum = 0;
            for (int cls = 0; cls < CLASSES; cls++) {
                sum += TestBatches.label(batch, i, cls);
            }
            assertEquals(1f, sum, 1e-6f, "image " + i);
        }
    }

    static Stream<String> names() {
        return Augmentations.names().stream();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "CutMix", "cut-mix", ""})
    void unknownNameFailsNamingItAndTheValidOnes(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Augmentations.pipeline(name));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("basic, cutout, mixup, cutmix"), e.getMessage());
    }
}
