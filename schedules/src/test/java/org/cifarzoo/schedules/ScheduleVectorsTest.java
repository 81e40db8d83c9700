package org.cifarzoo.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every test vector of training.md §3, plus the step example, to 1e-6. */
class ScheduleVectorsTest {

    private static final EpochSchedule COSINE = new CosineWarmup(150, 0.5, 0.001, 10);
    private static final EpochSchedule COSINE_075 = new CosineWarmup(150, 0.75, 0.001, 10);
    private static final EpochSchedule HTD = new HyperbolicTangentDecay(-6, 3, 50, 0.15, 0.0002, 5);
    private static final EpochSchedule STEP = new StepSchedule(List.of(
            new StepSchedule.Step(0, 0.1), new StepSchedule.Step(150, 0.01), new StepSchedule.Step(225, 0.001)));

    static Stream<Arguments> vectors() {
        return Stream.of(
                // cosine, T=150, hi=0.5, lo=0.001, wu=10
                Arguments.of(COSINE, 0, 0.024950),
                Arguments.of(COSINE, 1, 0.074850),
                Arguments.of(COSINE, 5, 0.274450),
                Arguments.of(COSINE, 9, 0.474050),
                Arguments.of(COSINE, 10, 0.494548),
                Arguments.of(COSINE, 11, 0.493408),
                Arguments.of(COSINE, 50, 0.375250),
                Arguments.of(COSINE, 75, 0.250500),
                Arguments.of(COSINE, 100, 0.125750),
                Arguments.of(COSINE, 140, 0.006452),
                Arguments.of(COSINE, 149, 0.001055),
                // cosine, hi=0.75 (ResNet170 "+lr=.75" row)
                Arguments.of(COSINE_075, 0, 0.037450),
                Arguments.of(COSINE_075, 9, 0.711550),
                Arguments.of(COSINE_075, 10, 0.741816),
                Arguments.of(COSINE_075, 75, 0.375500),
                Arguments.of(COSINE_075, 149, 0.001082),
                // HTD, L=-6, U=3, T=50, hi=0.15, lo=0.0002, wu=5
                Arguments.of(HTD, 0, 0.014980),
                Arguments.of(HTD, 4, 0.134820),
                Arguments.of(HTD, 5, 0.149994),
                Arguments.of(HTD, 25, 0.142896),
                Arguments.of(HTD, 40, 0.012659),
                Arguments.of(HTD, 49, 0.000730),
                // step (0, 0.1), (150, 0.01), (225, 0.001): boundaries on both sides
                Arguments.of(STEP, 0, 0.1),
                Arguments.of(STEP, 149, 0.1),
                Arguments.of(STEP, 150, 0.01),
                Arguments.of(STEP, 224, 0.01),
                Arguments.of(STEP, 225, 0.001),
                Arguments.of(STEP, 1000, 0.001));
    }

    @ParameterizedTest(name = "{0} epoch {1} -> {2}")
    @MethodSource("vectors")
    void matchesSpecVector(EpochSchedule schedule, int epoch, double expected) {
        assertEquals(expected, schedule.lrAtEpoch(epoch), 1e-6);
    }

    @ParameterizedTest(name = "{0} epoch {1}")
    @MethodSource("vectors")
    void isConstantInsideAnEpoch(EpochSchedule schedule, int epoch, double expected) {
        double atFirstIteration = schedule.valueAt(0, epoch);
        assertEquals(atFirstIteration, schedule.valueAt(47, epoch));
        assertEquals(atFirstIteration, schedule.valueAt(100_000, epoch));
    }
}
