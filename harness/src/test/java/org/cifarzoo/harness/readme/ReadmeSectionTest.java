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
    private static final Path PUBLISHED = Path.of("../results/published/results.csv");

    @Test
    void readmeSectionIsWhatReportRendersFromTheCommittedResults() throws Exception {
        assertTrue(Files.isRegularFile(PUBLISHED), "committed results missing: " + PUBLISHED);
        String readme = Files.readString(README);
        assertEquals(ReadmeSection.replaced(readme, ReadmeSection.render(PUBLISHED), README), readme,
                "README's results section is stale or hand-edited; the build regenerates it");
        assertTrue(readme.contains("| Model |"), "the section holds the results table");
    }

    @Test
    void missingMarkersAreNamed(@TempDir Path dir) throws Exception {
        Path readme = Files.writeString(dir.resolve("README.md"), "# no markers\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReadmeSection.update(readme, PUBLISHED));
        assertTrue(e.getMessage().contains(readme.toString()) && e.getMessage().contains("results:begin"));
    }
}
