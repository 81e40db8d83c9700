package org.cifarzoo.harness.readme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadmeSectionTest {
    private static final Path README = Path.of("../README.md");
    private static final Path REPOSITORY = Path.of("..");

    @Test
    void resultsSectionIsWhatReportRendersFromTheCommittedResults() throws Exception {
        assertCurrent(ReadmeSection.RESULTS, "| Model |");
    }

    @Test
    void speedSectionIsWhatTheLastSpeedRunRecorded() throws Exception {
        assertCurrent(ReadmeSection.SPEED, "| System | Model | Setting |");
    }

    @Test
    void speedChangesSectionIsWhatTheRecordedPairsGive() throws Exception {
        assertCurrent(ReadmeSection.SPEED_CHANGES, "| change | where |");
    }

    private static void assertCurrent(ReadmeSection section, String tableHeader) throws Exception {
        Path csv = REPOSITORY.resolve(section.source());
        assertTrue(Files.isRegularFile(csv), "committed CSV missing: " + csv);
        String readme = Files.readString(README);
        assertEquals(section.replaced(readme, section.render(csv), README), readme,
                "README's " + section.name() + " section is stale or hand-edited; the build regenerates it");
        assertTrue(readme.contains(tableHeader), "the " + section.name() + " section holds its table");
    }

    @Test
    void missingMarkersAreNamed(@TempDir Path dir) throws Exception {
        Path readme = Files.writeString(dir.resolve("README.md"), "# no markers\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReadmeSection.RESULTS.update(readme, REPOSITORY.resolve(ReadmeSection.RESULTS.source())));
        assertTrue(e.getMessage().contains(readme.toString()) && e.getMessage().contains("results:begin"));
    }
}
