package org.cifarzoo.harness.cli;

import org.cifarzoo.harness.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** augment-preview on real CIFAR-10: the sheet's geometry, that it shows pictures, and bad input named. */
class AugmentPreviewCommandTest {

    @Test
    void writesAContactSheetOfRealImagesWithTheDocumentedSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sheets/augment-cutmix.png"); // the folder does not exist yet
        CliRun r = CliRun.of("augment-preview", "--augment", "cutmix", "--count", "12", "--seed", "3",
                "--data", TestData.path().toString(), "--out", png.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("cutmix = flip-shift → cutmix"), r.out());

        BufferedImage sheet = ImageIO.read(png.toFile());
        // 12 images: 8 columns, 2 rows; each image 32 px × 4 = 128 px, gaps of 6 px, two 14 px label lines,
        // a 22 px title: width 6 + 8 × (128 + 6), height 22 + 6 + 2 × (128 + 2 × 14 + 6)
        assertEquals(1078, sheet.getWidth());
        assertEquals(352, sheet.getHeight());
        // the first image cell holds a real photo, not a flat fill: many distinct colours
        long colours = IntStream.range(0, 128 * 128)
                .map(p -> sheet.getRGB(6 + p % 128, 28 + p / 128)).distinct().count();
        assertTrue(colours > 200, colours + " colours in the first image");
    }

    @Test
    void badInputIsNamedWithExitCode2(@TempDir Path dir) throws Exception {
        CliRun augment = CliRun.of("augment-preview", "--augment", "autoaugment", "--out",
                dir.resolve("x.png").toString());
        assertEquals(2, augment.exit());
        assertTrue(augment.err().contains("autoaugment") && augment.err().contains("cutmix"), augment.err());

        CliRun extension = CliRun.of("augment-preview", "--augment", "cutmix", "--out",
                dir.resolve("x.jpg").toString());
        assertEquals(2, extension.exit());
        assertTrue(extension.err().contains("x.jpg") && extension.err().contains(".png"), extension.err());

        Path file = Files.writeString(dir.resolve("plain-file"), "not a folder");
        Path unwritable = file.resolve("x.png");
        CliRun folder = CliRun.of("augment-preview", "--augment", "cutmix", "--out", unwritable.toString());
        assertEquals(2, folder.exit());
        assertTrue(folder.err().contains(unwritable.toString()), folder.err());
        assertFalse(Files.exists(dir.resolve("x.png")));
    }
}
