package org.cifarzoo.harness.cli;

import org.cifarzoo.harness.TestData;
import org.cifarzoo.reports.ResultsTable;
import org.cifarzoo.reports.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: output formats, exit codes and the messages for bad input. */
class CifarZooCliTest {

    record Outcome(int exit, String out, String err) {
    }

    private static synchronized Outcome run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = CifarZoo.run(args);
            return new Outcome(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void modelsCsvListsEveryConfigurationWithItsParameterCount() {
        Outcome r = run("models", "--csv");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("model,width,resolution_px,activation,params,flops", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ResNet18,1,32,relu,692218,")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("WideResNet34,8,32,relu,84419466,")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("WideResNet170,2,32,mish,16588010,")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("MobileNetV3S,1,224,relu+swish,944890,")), r.out());
    }

    @Test
    void unknownModelIsNamedWithTheKnownOnes() {
        Outcome r = run("bench", "--model", "ResNet19", "--batch", "2");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Unknown model 'ResNet19'") && r.err().contains("ResNet18"), r.err());
    }

    @Test
    void benchCompareMeasuresBothPathsAndPrintsTheirRatio() {
        Outcome r = run("bench", "--model", "ResNet18", "--batch", "4", "--compare", "--warmup", "1",
                "--train-steps", "4", "--infer-steps", "4");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("[built-in layers]: train ") && r.out().contains("[built-in layers]: inference "),
                r.out());
        assertTrue(r.out().matches("(?s).*fast path trains \\d+\\.\\d× as fast as DL4J's built-in layers.*"), r.out());
        assertTrue(r.out().matches("(?s).*fast path infers \\d+\\.\\d× as fast as DL4J's built-in layers.*"), r.out());
        assertTrue(r.err().contains("helpers=off") && r.err().contains("helpers=on"), r.err());
    }

    @Test
    void benchCompareRejectsNoHelpers() {
        Outcome r = run("bench", "--model", "ResNet18", "--compare", "--no-helpers");
        assertTrue(r.exit() != 0 && r.err().contains("--no-helpers"), r.err());
    }

    @Test
    void badOptionValuesAreNamed(@TempDir Path dir) {
        Outcome activation = run("train", "--model", "ResNet18", "--activation", "gelu", "--out", dir.toString());
        assertTrue(activation.exit() != 0 && activation.err().contains("gelu"), activation.err());
        Outcome augment = run("train", "--model", "ResNet18", "--augment", "autoaugment", "--out", dir.toString());
        assertTrue(augment.exit() != 0 && augment.err().contains("autoaugment"), augment.err());
        Outcome data = run("train", "--model", "ResNet18", "--epochs", "1", "--data", dir.resolve("none").toString(),
                "--out", dir.toString());
        assertTrue(data.exit() != 0 && data.err().contains(dir.resolve("none").toString()), data.err());
        Outcome resolution = run("train", "--model", "ResNet18", "--resolution", "100", "--out", dir.toString());
        assertTrue(resolution.exit() != 0 && resolution.err().contains("100"), resolution.err());
    }

    @Test
    void trainAppendsOneRowPerRunAndReportRendersThem(@TempDir Path dir) throws Exception {
        String[] train = {"train", "--model", "ResNet18", "--epochs", "1", "--batch", "32", "--train-limit", "256",
                "--test-limit", "64", "--augment", "cutmix", "--data", TestData.path().toString(),
                "--out", dir.toString()};
        assertEquals(0, run(train).exit());
        Outcome second = run(train);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.err().contains("helpers=on"), "backend line missing: " + second.err());

        List<Row> rows = ResultsTable.read(dir.resolve("results.csv"));
        assertEquals(2, rows.size());
        Row row = rows.get(0);
        assertEquals("ResNet18", row.model());
        assertEquals(692_218L, row.params());
        assertEquals("ok", row.status());
        assertEquals(256L, row.trainImages());
        assertEquals("on", row.helpers());
        assertTrue(row.top1BestPct() >= 0 && row.wallS() > 0);

        Outcome report = run("report", "--results", dir.resolve("results.csv").toString(), "--out",
                dir.resolve("report").toString());
        assertEquals(0, report.exit(), report.err());
        assertTrue(Files.readString(dir.resolve("report/results.md")).contains("ResNet18"));
        assertTrue(Files.readString(dir.resolve("report/results.html")).contains("<table"));
    }
}
