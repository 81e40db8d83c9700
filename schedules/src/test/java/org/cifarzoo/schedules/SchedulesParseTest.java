package org.cifarzoo.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulesParseTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("cosine", new CosineWarmup(150, 0.5, 0.001, 10),
                        "cosine(T=150,hi=0.5,lo=0.001,wu=10)"),
                Arguments.of("cosine:epochs=30,hi=0.5,lo=0.001,warmup=2", new CosineWarmup(30, 0.5, 0.001, 2),
                        "cosine(T=30,hi=0.5,lo=0.001,wu=2)"),
                Arguments.of("cosine:hi=0.75", new CosineWarmup(150, 0.75, 0.001, 10),
                        "cosine(T=150,hi=0.75,lo=0.001,wu=10)"),
                Arguments.of(" cosine: warmup = 0 ", new CosineWarmup(150, 0.5, 0.001, 0),
                        "cosine(T=150,hi=0.5,lo=0.001,wu=0)"),
                Arguments.of("htd:L=-6,U=3,epochs=50,hi=0.15,lo=0.0002,warmup=5",
                        new HyperbolicTangentDecay(-6, 3, 50, 0.15, 0.0002, 5),
                        "htd(L=-6,U=3,T=50,hi=0.15,lo=0.0002,wu=5)"),
                Arguments.of("htd:L=-6,U=3", new HyperbolicTangentDecay(-6, 3, 150, 0.5, 0.001, 10),
                        "htd(L=-6,U=3,T=150,hi=0.5,lo=0.001,wu=10)"),
                Arguments.of("step:0=0.1,150=0.01,225=0.001",
                        new StepSchedule(List.of(new StepSchedule.Step(0, 0.1), new StepSchedule.Step(150, 0.01),
                                new StepSchedule.Step(225, 0.001))),
                        "step(0=0.1,150=0.01,225=0.001)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesAndDescribes(String spec, EpochSchedule expected, String description) {
        EpochSchedule parsed = Schedules.parse(spec);
        assertEquals(expected, parsed);
        assertEquals(description, parsed.describe());
    }

    @ParameterizedTest(name = "''{0}'' names ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "linear:epochs=3                 | unknown schedule 'linear'; valid: cosine, htd, step",
            "cosine:epochs=30,foo=1          | unknown key 'foo' in 'foo=1'; valid keys: epochs, hi, lo, warmup",
            "cosine:hi=abc                   | 'abc' in 'hi=abc' is not a number",
            "cosine:epochs=1.5               | '1.5' in 'epochs=1.5' is not an integer",
            "cosine:hi0.5                    | 'hi0.5' is not key=value",
            "cosine:hi=                      | 'hi=' is not key=value",
            "cosine:hi=0.5,                  | '' is not key=value",
            "cosine:hi=0.5,hi=0.6            | key 'hi' given twice",
            "cosine:hi=0.001,lo=0.5          | hi (0.001) must be >= lo (0.5)",
            "htd:U=3                         | HTD needs both lower L and upper U",
            "htd:L=-6,U=3,l=2                | unknown key 'l' in 'l=2'; valid keys: L, U, epochs, hi, lo, warmup",
            "step                            | step needs startEpoch=lr pairs",
            "step:0=0.1,x=0.01               | start epoch 'x' in 'x=0.01' is not an integer",
            "step:0=0.1,150=1e               | '1e' in '150=1e' is not a number",
            "step:10=0.1                     | must start at epoch 0, the first starts at epoch 10",
    })
    void rejectsNamingTheOffendingToken(String spec, String expectedMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.parse(spec));
        assertTrue(e.getMessage().contains(expectedMessage), () -> "message was: " + e.getMessage());
        assertTrue(e.getMessage().contains("'" + spec + "'"), () -> "spec missing from: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsAnEmptySpec(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.parse(spec));
        assertTrue(e.getMessage().contains("empty schedule spec"), e.getMessage());
    }
}
