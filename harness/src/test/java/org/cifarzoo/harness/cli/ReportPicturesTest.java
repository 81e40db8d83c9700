package org.cifarzoo.harness.cli;

import org.cifarzoo.harness.results.ResultRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** report shows the schedule-plot / augment-preview pictures it finds in its output folder, and only those. */
class ReportPicturesTest {
    /** A results CSV with the header only: the pictures section does not depend on any run. */
    private static final String HEADER = String.join(",", ResultRow.COLUMNS);

    @Test
    void picturesBesideTheReportAreShownByRelativeName(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("results.csv");
        Files.writeString(csv, HEADER + "\n");
        Path out = dir.resolve("report");
        assertEquals(0, CliRun.of("schedule-plot", "--schedule", "cosine:epochs=30,warmup=2", "--out",
                out.resolve("schedule-cosine.svg").toString()).exit());
        assertEquals(0, CliRun.of("schedule-plot", "--schedule", "step:0=0.1,10=0.01", "--out",
                out.resolve("schedule.png").toString()).exit());
        Files.writeString(out.resolve("notes.png"), "not one of ours");

        CliRun r = CliRun.of("report", "--results", csv.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());

        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("### Pictures"), md);
        int cosine = md.indexOf("![schedule-cosine.svg](schedule-cosine.svg)");
        assertTrue(cosine > md.indexOf("### Pictures") && cosine < md.indexOf("![schedule.png](schedule.png)"), md);
        assertFalse(md.contains("notes.png"), md);

        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve("results.html").toFile());
        var xpath = XPathFactory.newInstance().newXPath();
        assertEquals(2.0, xpath.evaluate("count(//figure/img)", page, XPathConstants.NUMBER));
        assertEquals("schedule-cosine.svg", xpath.evaluate("(//figure/img)[1]/@src", page));
        assertEquals("schedule.png", xpath.evaluate("(//figure/img)[2]/@src", page));
    }

    @Test
    void withoutPicturesThereIsNoPicturesSection(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("results.csv"), HEADER + "\n");
        assertEquals(0, CliRun.of("report", "--results", csv.toString(), "--out", dir.toString()).exit());
        assertFalse(Files.readString(dir.resolve("results.md")).contains("Pictures"));
        assertFalse(Files.readString(dir.resolve("results.html")).contains("<img"));
    }
}
