package org.cifarzoo.harness.matrix;

import org.cifarzoo.harness.TestData;
import org.cifarzoo.harness.results.ResultsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke matrix end to end in a separate JVM, as a user runs it: killed with SIGKILL in the middle of a cell,
 * resumed, and in two shards merged. Every cell must end up in the results exactly once.
 */
class MatrixRunTest {

    private static Process start(Path out, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), "org.cifarzoo.harness.cli.CifarZoo", "run",
                "--matrix", "smoke", "--data", TestData.path().toString(), "--out", out.toString()));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolveSibling(
                out.getFileName() + ".log").toFile()).start();
    }

    private static List<String> cells(Path out) {
        return ResultsFile.read(out.resolve("results.csv")).stream().map(ResultsFile.Raw::cell).toList();
    }

    @Test
    void killedMidCellThenResumedHoldsEveryCellOnce(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        Process p = start(out);
        Path checkpoints = out.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        // wait until the first cell is done and the second has checkpointed an epoch: then it is mid-cell
        while (!(cells(out).size() == 1 && hasCheckpoint(checkpoints))) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "run ended or stalled before the kill");
            Thread.sleep(200);
        }
        p.destroyForcibly().waitFor();
        assertEquals(1, cells(out).size());

        Process again = start(out);
        assertEquals(2, again.waitFor(), "a run without --resume must refuse an existing results file");
        Process resumed = start(out, "--resume");
        assertEquals(0, resumed.waitFor(), Files.readString(dir.resolve("run.log")));
        String log = Files.readString(dir.resolve("run.log"));
        assertTrue(log.contains("1 already finished"), log);
        List<String> cells = cells(out);
        assertEquals(Matrix.load("smoke").cells().stream().map(Cell::id).sorted().toList(),
                cells.stream().sorted().toList());
        assertTrue(ResultsFile.read(out.resolve("results.csv")).stream()
                .allMatch(r -> r.values().get("status").equals("ok")));
        try (Stream<Path> left = Files.list(checkpoints)) {
            assertEquals(0, left.count(), "checkpoints of finished cells are deleted");
        }
    }

    private static boolean hasCheckpoint(Path checkpoints) {
        File[] dirs = checkpoints.toFile().listFiles();
        return dirs != null && Stream.of(dirs).anyMatch(d -> new File(d, "state.properties").exists());
    }

    @Test
    void twoShardsMergeIntoTheWholeMatrix(@TempDir Path dir) throws Exception {
        Process a = start(dir.resolve("a"), "--shard", "1/2");
        assertEquals(0, a.waitFor(), Files.readString(dir.resolve("a.log")));
        Process b = start(dir.resolve("b"), "--shard", "2/2");
        assertEquals(0, b.waitFor(), Files.readString(dir.resolve("b.log")));
        assertNotEquals(0, cells(dir.resolve("a")).size());
        assertNotEquals(0, cells(dir.resolve("b")).size());

        Path merged = dir.resolve("merged.csv");
        int rows = Merge.merge(List.of(dir.resolve("a/results.csv"), dir.resolve("b/results.csv"),
                dir.resolve("a/results.csv")), merged); // the same file twice: identical duplicates are kept once
        assertEquals(Matrix.load("smoke").cells().size(), rows);

        Path edited = dir.resolve("edited.csv");
        List<String> lines = Files.readAllLines(dir.resolve("a/results.csv"));
        lines.set(1, lines.get(1).replaceFirst(",ok,", ",failed,"));
        Files.write(edited, lines);
        IllegalStateException conflict = assertThrows(IllegalStateException.class,
                () -> Merge.merge(List.of(dir.resolve("a/results.csv"), edited), dir.resolve("bad.csv")));
        assertTrue(conflict.getMessage().contains("Conflicting results for cell"), conflict.getMessage());
        assertTrue(!Files.exists(dir.resolve("bad.csv")));
    }
}
