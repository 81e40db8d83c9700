package org.cifarzoo.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** schedule-plot: PNG and SVG for every schedule kind, and bad input named with exit code 2. */
class SchedulePlotCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "cosine:epochs=150,hi=0.5,lo=0.001,warmup=10; cosine(T=150,hi=0.5,lo=0.001,wu=10) over 150 epochs",
            "htd:L=-6,U=3,epochs=50,hi=0.15,lo=0.0002,warmup=5; over 50 epochs",
            "step:0=0.1,150=0.01,225=0.001; over 300 epochs"})
    void writesPngAndSvg(String spec, String told, @TempDir Path dir) throws Exception {
        Path png = dir.resolve("schedule.png");
        CliRun r = CliRun.of("schedule-plot", "--schedule", spec, "--out", png.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(told), r.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(480, image.getHeight());

        Path svg = dir.resolve("schedule.SVG"); // the extension's case does not matter
        CliRun v = CliRun.of("schedule-plot", "--schedule", spec, "--epochs", "20", "--out", svg.toString());
        assertEquals(0, v.exit(), v.err());
        // XChart draws text as outlines, so the SVG is checked as a drawing: well-formed, 800 × 480, with paths
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document drawing = xml.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", drawing.getDocumentElement().getTagName());
        assertEquals("0 0 800 480", drawing.getDocumentElement().getAttribute("viewBox"));
        assertTrue(drawing.getElementsByTagName("path").getLength() > 10, "no paths in the SVG");
    }

    @Test
    void aLogScaleNeedsPositiveRates(@TempDir Path dir) {
        Path png = dir.resolve("schedule-log.png");
        assertEquals(0, CliRun.of("schedule-plot", "--schedule", "step:0=0.1,150=0.01,225=0.001", "--log",
                "--out", png.toString()).exit());
        assertTrue(Files.exists(png));
        CliRun zero = CliRun.of("schedule-plot", "--schedule", "step:0=0.1,5=0", "--log", "--out",
                dir.resolve("zero.png").toString());
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("epoch 5"), zero.err());
    }

    @Test
    void badInputIsNamedWithExitCode2(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("schedule.png");
        CliRun name = CliRun.of("schedule-plot", "--schedule", "linear:epochs=3", "--out", png.toString());
        assertEquals(2, name.exit());
        assertTrue(name.err().contains("'linear'") && name.err().contains("cosine"), name.err());

        CliRun key = CliRun.of("schedule-plot", "--schedule", "cosine:epochs=10,peak=0.5", "--out", png.toString());
        assertEquals(2, key.exit());
        assertTrue(key.err().contains("cosine:epochs=10,peak=0.5") && key.err().contains("'peak'"), key.err());

        CliRun extension = CliRun.of("schedule-plot", "--schedule", "cosine", "--out",
                dir.resolve("schedule.pdf").toString());
        assertEquals(2, extension.exit());
        assertTrue(extension.err().contains("schedule.pdf") && extension.err().contains(".png or .svg"),
                extension.err());

        CliRun epochs = CliRun.of("schedule-plot", "--schedule", "cosine", "--epochs", "0", "--out", png.toString());
        assertEquals(2, epochs.exit());
        assertTrue(epochs.err().contains("--epochs"), epochs.err());

        Path unwritable = Files.writeString(dir.resolve("plain-file"), "x").resolve("schedule.svg");
        CliRun folder = CliRun.of("schedule-plot", "--schedule", "cosine", "--out", unwritable.toString());
        assertEquals(2, folder.exit());
        assertTrue(folder.err().contains(unwritable.toString()), folder.err());
        assertFalse(Files.exists(png));
    }
}
