package org.cifarzoo.harness.cli;

import org.cifarzoo.harness.bench.Throughput;
import org.cifarzoo.reports.SpeedTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeedRowsTest {
    private static final Throughput.Result RESULT = new Throughput.Result(1200, 100, 4400, 200, 0);

    @Test
    void appendsReadableRowsUnderOneHeader(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("speed.csv"), "# measured now\n");
        SpeedRows.check(csv);
        SpeedRows.append(csv, "ResNet18 relu", "fast path", 128, Throughput.Mode.BOTH, RESULT, 55.0, 74.0);
        SpeedRows.append(csv, "ResNet20 relu", "fast path", 128, Throughput.Mode.TRAIN, RESULT, 50.0, 0);
        SpeedRows.check(csv);
        SpeedTable table = SpeedTable.read(csv);
        assertEquals("measured now", table.measured());
        assertEquals(2, table.entries().size());
        assertEquals("1,200 (55 % of peak)", table.entries().get(0).train());
        assertEquals("—", table.entries().get(1).inference());
    }

    @Test
    void aMissingFolderOrAnotherTableIsNamedBeforeMeasuring(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeedRows.check(dir.resolve("missing").resolve("speed.csv")));
        assertTrue(e.getMessage().contains("no folder"), e.getMessage());
        Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        e = assertThrows(IllegalArgumentException.class, () -> SpeedRows.check(other));
        assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("'a,b'"), e.getMessage());
    }
}
