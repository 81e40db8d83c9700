package org.cifarzoo.harness.bench;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JMH annotation processor ran: without it the jar has no {@code META-INF/BenchmarkList} and
 * {@code ./cifar-zoo jmh} finds nothing to run.
 */
class InputPipelineListedTest {

    @Test
    void bothBenchmarksAreInTheBenchmarkList() throws Exception {
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(list, "META-INF/BenchmarkList is missing: the JMH annotation processor did not run");
            String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains(InputPipeline.class.getName()), text);
            assertTrue(text.contains("baseline") && text.contains("augmented"), text);
        }
    }
}
