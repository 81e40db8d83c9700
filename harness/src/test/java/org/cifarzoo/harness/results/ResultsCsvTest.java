package org.cifarzoo.harness.results;

import org.cifarzoo.backend.BackendInfo;
import org.cifarzoo.reports.ResultsTable;
import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsCsvTest {
    private static final BackendInfo CPU = new BackendInfo("CPU", "linux-x86_64-onednn-avx512", true, 2, "OPENBLAS",
            "AMD EPYC", "OpenJDK 17", "1.0.0-M2.1");

    private static ResultRow row(String model, String status, String error) {
        return new ResultRow(new ModelSpec(model, 1, 32, MainActivation.RELU), "ResNetV2", 128, "cutmix",
                "cosine(T=3,hi=0.5,lo=0.001,wu=0)", 3, 10_000, 10_000, 51.2, 50.9, 692_218, 320.5, 12.1, 2200.0,
                107.4, status, error, new Provenance("abc123", CPU, "2026-11-26T15:00:00Z", 1, 0.1), null);
    }

    @Test
    void headerOnceThenOneRowPerAppend(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("out/results.csv");
        ResultsCsv.append(csv, row("ResNet18", "ok", null));
        ResultsCsv.append(csv, row("ResNet34", "failed", "java.lang.OutOfMemoryError: off-heap, \"quoted\""));
        var lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertEquals(String.join(",", ResultRow.COLUMNS), lines.get(0));
        var rows = ResultsTable.read(csv); // the reports module reads exactly what the harness writes
        assertEquals("ResNet34", rows.get(1).model());
        assertEquals("java.lang.OutOfMemoryError: off-heap, \"quoted\"", rows.get(1).error());
    }

    @Test
    void refusesToAppendAfterAnIncompleteRow(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("results.csv");
        ResultsCsv.append(csv, row("ResNet18", "ok", null));
        Files.writeString(csv, "ResNet34,ResNetV2,1,32", java.nio.file.StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(csv);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ResultsCsv.append(csv, row("ResNet50", "ok", null)));
        assertTrue(e.getMessage().contains(csv.toString()) && e.getMessage().contains("line 3"), e.getMessage());
        assertEquals(new String(before), Files.readString(csv), "rows already written must stay untouched");
    }

    @Test
    void refusesAFileWithOtherColumns(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("results.csv"), "a,b\n1,2\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ResultsCsv.append(csv, row("ResNet18", "ok", null)));
        assertTrue(e.getMessage().contains("different columns"), e.getMessage());
    }
}
