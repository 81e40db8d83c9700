package org.cifarzoo.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.serde.json.JsonMappers;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** A saved model must restore its schedule: JSON (both a plain mapper and ND4J's), Java serialisation, clone. */
class ScheduleSerdeTest {

    static Stream<EpochSchedule> schedules() {
        return Stream.of(
                new CosineWarmup(150, 0.5, 0.001, 10),
                new CosineWarmup(30, 0.75, 0.0, 0),
                new HyperbolicTangentDecay(-6, 3, 50, 0.15, 0.0002, 5),
                new StepSchedule(List.of(new StepSchedule.Step(0, 0.1), new StepSchedule.Step(150, 0.01),
                        new StepSchedule.Step(225, 0.001))));
    }

    static Stream<Arguments> schedulesAndMappers() {
        return schedules().flatMap(s -> Stream.of(
                Arguments.of(s, "plain ObjectMapper", new ObjectMapper()),
                Arguments.of(s, "ND4J JsonMappers", JsonMappers.getMapper())));
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("schedulesAndMappers")
    void jsonRoundTripGivesAnEqualSchedule(EpochSchedule schedule, String mapperName, ObjectMapper mapper)
            throws Exception {
        String json = mapper.writeValueAsString(schedule);
        ISchedule restored = mapper.readValue(json, ISchedule.class);
        assertEquals(schedule, restored, json);
        assertEquals(schedule.hashCode(), restored.hashCode());
    }

    /** This is how DL4J stores it in a layer configuration: inside the updater. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void survivesInsideAnUpdaterConfiguration(EpochSchedule schedule) throws Exception {
        ObjectMapper mapper = JsonMappers.getMapper();
        IUpdater updater = new Nesterovs(schedule, 0.9);
        IUpdater restored = mapper.readValue(mapper.writeValueAsString(updater), IUpdater.class);
        assertEquals(updater, restored);
        assertEquals(schedule.lrAtEpoch(12), restored.getLearningRate(5, 12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void javaSerialisationRoundTrip(EpochSchedule schedule) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(schedule);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(schedule, in.readObject());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void cloneIsEqualButDistinct(EpochSchedule schedule) {
        ISchedule clone = schedule.clone();
        assertNotSame(schedule, clone);
        assertEquals(schedule, clone);
    }
}
