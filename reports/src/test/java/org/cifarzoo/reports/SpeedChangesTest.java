package org.cifarzoo.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeedChangesTest {
    private static final String HEADER = "change,where,measure,unit,before,after,note\n";

    private static Path csv(Path dir, String text) throws Exception {
        return Files.writeString(dir.resolve("changes.csv"), text);
    }

    @Test
    void pairsOfAChangeBecomeOneMeasurementWithTheMedianPairedSpeedUp(@TempDir Path dir) throws Exception {
        SpeedChanges c = SpeedChanges.read(csv(dir, "# pairs\n" + HEADER
                + "fused pass,`A`,ResNet18 training,img_per_s,1000,1100,\n"
                + "fused pass,`A`,ResNet18 training,img_per_s,1200,1200,\n"
                + "fused pass,`A`,ResNet18 training,img_per_s,900,1170,\n"
                + "fused pass,`A`,a kernel per step,ms,250,200,alone\n"
                + "fused pass,`A`,the joins,pct_of_main_thread,11,6,\n"
                + "\"copies, fewer\",`B`,ResNeXt inference,,,,unchanged\n"));
        assertEquals(2, c.changes().size());
        SpeedChanges.Change fused = c.changes().get(0);
        assertEquals(3, fused.measurements().size());
        // pairs 1.10, 1.00, 1.30: the median pair, not the ratio of the medians (1100 / 1100 = 1.17)
        assertEquals(1.10, fused.measurements().get(0).speedUp(), 1e-12);
        assertEquals(1.25, fused.measurements().get(1).speedUp(), 1e-12);
        assertEquals("ResNet18 training 1,000 / 1,200 / 900 → 1,100 / 1,200 / 1,170 img/s (1.10×); "
                + "a kernel per step 250 → 200 ms (1.25×), alone; "
                + "the joins 11 → 6 % of the main thread's time", fused.effect());
        assertEquals("ResNeXt inference unchanged", c.changes().get(1).effect());
        String markdown = ReportRenderer.renderSpeedChangesMarkdown(c);
        assertTrue(markdown.contains("| copies, fewer | `B` | ResNeXt inference unchanged |"), markdown);
    }

    @Test
    void anEvenNumberOfPairsTakesTheMeanOfTheMiddleTwo(@TempDir Path dir) throws Exception {
        SpeedChanges c = SpeedChanges.read(csv(dir, HEADER
                + "x,w,m,img_per_s,100,110,\n" + "x,w,m,img_per_s,100,130,\n"));
        assertEquals(1.2, c.changes().get(0).measurements().get(0).speedUp(), 1e-12);
    }

    @Test
    void badInputNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        record Case(String rows, long line, String column, String says) {
        }
        for (Case bad : List.of(
                new Case("x,w,m,img_per_s,fast,110,\n", 2, "before", "'fast'"),
                new Case("x,w,m,img_per_s,100,0,\n", 2, "after", "positive"),
                new Case("x,w,m,fps,100,110,\n", 2, "unit", "'fps'"),
                new Case("x,w,m,img_per_s,100,110,\nx,v,m,img_per_s,100,110,\n", 3, "where", "'v'"),
                new Case("x,w,m,,,,\n", 2, "note", "needs one"),
                new Case("x,w,m,ms,1,2,a\nx,w,m,ms,1,2,b\n", 3, "note", "note already"),
                new Case(",w,m,ms,1,2,\n", 2, "change", "empty"),
                new Case("x,w,a | b,ms,1,2,\n", 2, "measure", "'|'"))) {
            Path file = csv(dir, HEADER + bad.rows);
            ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> SpeedChanges.read(file),
                    bad.rows);
            assertEquals(bad.line, e.line(), e.getMessage());
            assertEquals(bad.column, e.column(), e.getMessage());
            assertTrue(e.getMessage().contains(bad.says) && e.getMessage().contains(file.toString()), e.getMessage());
        }
        ResultsFormatException e = assertThrows(ResultsFormatException.class,
                () -> SpeedChanges.read(csv(dir, "change,where\nx,y\n")));
        assertEquals("measure", e.column());
        e = assertThrows(ResultsFormatException.class, () -> SpeedChanges.read(csv(dir, HEADER)));
        assertTrue(e.getMessage().contains("no changes"), e.getMessage());
        e = assertThrows(ResultsFormatException.class, () -> SpeedChanges.read(dir.resolve("absent.csv")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
