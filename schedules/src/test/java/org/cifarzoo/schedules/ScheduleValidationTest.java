package org.cifarzoo.schedules;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad parameters fail at construction with a message naming the parameter and its value. */
class ScheduleValidationTest {

    private static StepSchedule.Step at(int epoch, double lr) {
        return new StepSchedule.Step(epoch, lr);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("T = 0", (Executable) () -> new CosineWarmup(0, 0.5, 0.001, 0), "totalEpochs T must be > 0, got 0"),
                Arguments.of("wu < 0", (Executable) () -> new CosineWarmup(150, 0.5, 0.001, -1), "warmupEpochs wu must be >= 0, got -1"),
                Arguments.of("wu > T", (Executable) () -> new CosineWarmup(5, 0.5, 0.001, 6), "warmupEpochs wu (6) must be <= totalEpochs T (5)"),
                Arguments.of("hi < lo", (Executable) () -> new CosineWarmup(150, 0.001, 0.5, 10), "hi (0.001) must be >= lo (0.5)"),
                Arguments.of("lo < 0", (Executable) () -> new CosineWarmup(150, 0.5, -0.1, 10), "lo must be >= 0, got -0.1"),
                Arguments.of("hi NaN", (Executable) () -> new CosineWarmup(150, Double.NaN, 0.001, 10), "hi must be a finite number, got NaN"),
                Arguments.of("L >= U", (Executable) () -> new HyperbolicTangentDecay(3, -6, 50, 0.15, 0.0002, 5), "lower L (3) must be < upper U (-6)"),
                Arguments.of("HTD T < 0", (Executable) () -> new HyperbolicTangentDecay(-6, 3, -50, 0.15, 0.0002, 5), "totalEpochs T must be > 0, got -50"),
                Arguments.of("HTD without L", (Executable) () -> HyperbolicTangentDecay.builder().upper(3).build(), "HTD needs both lower L and upper U"),
                Arguments.of("no steps", (Executable) () -> new StepSchedule(List.of()), "steps must not be empty"),
                Arguments.of("first step late", (Executable) () -> new StepSchedule(List.of(at(5, 0.1))), "must start at epoch 0, the first starts at epoch 5"),
                Arguments.of("steps not increasing", (Executable) () -> new StepSchedule(List.of(at(0, 0.1), at(150, 0.01), at(150, 0.001))), "strictly increasing, got 150 after 150"),
                Arguments.of("negative step lr", (Executable) () -> new StepSchedule(List.of(at(0, -0.1))), "lr of the step at epoch 0 must be >= 0, got -0.1"),
                Arguments.of("negative epoch", (Executable) () -> new CosineWarmup(150, 0.5, 0.001, 10).valueAt(0, -1), "epoch must be >= 0, got -1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWithAMessageNamingTheParameter(String label, Executable construct, String expectedMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct);
        assertTrue(e.getMessage().contains(expectedMessage), () -> "message was: " + e.getMessage());
    }
}
