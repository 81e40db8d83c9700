package org.cifarzoo.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeedTableTest {
    private static final String HEADER =
            "system,model,setting,batch,train_img_per_s,infer_img_per_s,train_peak_pct,infer_peak_pct\n";

    private static Path csv(Path dir, String text) throws Exception {
        return Files.writeString(dir.resolve("speed.csv"), text);
    }

    @Test
    void readsTheRunAndComparesWithEachPyTorchSetting(@TempDir Path dir) throws Exception {
        SpeedTable t = SpeedTable.read(csv(dir, "# 2026-11-27T10:49:11Z, 2 cores, commit abc\n" + HEADER
                + "PyTorch 1.13,ResNet18,glibc malloc tuned,128,1000.0,4000.0,,\n"
                + "PyTorch 1.13,ResNet18,glibc malloc default,128,800.0,5000.0,,\n"
                + "cifar-zoo,ResNet18 relu,fast path,128,1200.0,4400.0,55.2,74.0\n"
                + "cifar-zoo,ResNet20,\"DL4J's built-in layers, --compare\",128,23.6,,1.2,\n"));
        assertEquals("2026-11-27T10:49:11Z, 2 cores, commit abc", t.measured());
        assertEquals(1, t.rounds());
        List<SpeedTable.Entry> entries = t.entries();
        assertEquals(4, entries.size());
        assertEquals("1,200 (55 % of peak)", entries.get(2).train());
        assertEquals("23.6 (1 % of peak)", entries.get(3).train());
        assertEquals("—", entries.get(3).inference());
        assertEquals(List.of("ResNet18 relu: training 1.20× (glibc malloc tuned), 1.50× (glibc malloc default); "
                + "inference 1.10× (glibc malloc tuned), 0.88× (glibc malloc default)"), t.comparisons());
        String markdown = ReportRenderer.renderSpeedMarkdown(t);
        assertTrue(markdown.contains("| cifar-zoo | ResNet18 relu | fast path | 1,200 (55 % of peak) | 4,400 (74 % of peak) |"),
                markdown);
        assertTrue(markdown.contains("commit abc"), markdown);
    }

    @Test
    void interleavedRoundsGiveMediansRangesAndRoundByRoundRatios(@TempDir Path dir) throws Exception {
        SpeedTable t = SpeedTable.read(csv(dir, "# 3 rounds\n" + HEADER
                + "PyTorch 1.13,ResNet18,glibc malloc tuned,128,1000.0,4000.0,,\n"
                + "cifar-zoo,ResNet18 relu,fast path,128,900.0,4400.0,50.0,70.0\n"
                + "PyTorch 1.13,ResNet18,glibc malloc tuned,128,1200.0,4100.0,,\n"
                + "cifar-zoo,ResNet18 relu,fast path,128,1320.0,4000.0,60.0,64.0\n"
                + "PyTorch 1.13,ResNet18,glibc malloc tuned,128,1100.0,3900.0,,\n"
                + "cifar-zoo,ResNet18 relu,fast path,128,1100.0,4200.0,55.0,68.0\n"));
        assertEquals(3, t.rounds());
        List<SpeedTable.Entry> entries = t.entries();
        assertEquals(2, entries.size());
        assertEquals("1,100 (1,000–1,200)", entries.get(0).train());
        assertEquals("1,100 (55 % of peak; 900–1,320)", entries.get(1).train());
        assertEquals("4,200 (68 % of peak; 4,000–4,400)", entries.get(1).inference());
        // medians 1100 / 1100; round by round 0.90, 1.10, 1.00
        assertEquals(List.of("ResNet18 relu: training 1.00× (glibc malloc tuned; rounds 0.90–1.10×); "
                + "inference 1.05× (glibc malloc tuned; rounds 0.98–1.10×)"), t.comparisons());
        String markdown = ReportRenderer.renderSpeedMarkdown(t);
        assertTrue(markdown.contains("3 interleaved rounds"), markdown);
        assertTrue(markdown.contains("| PyTorch 1.13 | ResNet18 | glibc malloc tuned | 1,100 (1,000–1,200) |"), markdown);
    }

    @Test
    void badNumbersAndMissingColumnsAreNamed(@TempDir Path dir) throws Exception {
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> SpeedTable.read(csv(dir,
                HEADER + "cifar-zoo,ResNet18,fast path,128,fast,4400.0,55.2,74.0\n")));
        assertEquals("train_img_per_s", e.column());
        assertTrue(e.getMessage().contains("'fast'") && e.getMessage().contains("speed.csv"), e.getMessage());
        e = assertThrows(ResultsFormatException.class, () -> SpeedTable.read(csv(dir, "system,model\nx,y\n")));
        assertEquals("setting", e.column());
        e = assertThrows(ResultsFormatException.class, () -> SpeedTable.read(csv(dir, "# a run\n" + HEADER)));
        assertTrue(e.getMessage().contains("no measurements"), e.getMessage());
        e = assertThrows(ResultsFormatException.class, () -> SpeedTable.read(dir.resolve("absent.csv")));
        assertTrue(e.getMessage().contains("absent.csv") && e.getMessage().contains("no such file"), e.getMessage());
    }
}
