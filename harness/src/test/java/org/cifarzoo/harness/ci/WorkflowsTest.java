package org.cifarzoo.harness.ci;

import org.cifarzoo.harness.cli.CifarZoo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GitHub workflows parse, have jobs whose steps do something, and refer only to things that exist: cifar-zoo
 * subcommands, Maven profiles declared in a pom, scripts in the repository.
 */
class WorkflowsTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern CLI = Pattern.compile("\\./cifar-zoo\\s+([a-z-]+)");
    private static final Pattern PROFILE = Pattern.compile("mvn\\b[^\\n]*?-P([A-Za-z0-9,-]+)");

    static List<Path> workflows() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(".github/workflows"))) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
            assertFalse(list.isEmpty());
            return list;
        }
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("workflows")
    void parsesAndReferencesRealThings(Path workflow) throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(workflow));
        assertTrue(doc.containsKey("on") || doc.containsKey(true), workflow + ": no trigger");
        Map<String, Object> jobs = (Map<String, Object>) doc.get("jobs");
        assertFalse(jobs == null || jobs.isEmpty(), workflow + ": no jobs");
        Set<String> commands = new CommandLine(new CifarZoo()).getSubcommands().keySet();
        String poms = allPoms();
        for (Map.Entry<String, Object> job : jobs.entrySet()) {
            List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) job.getValue()).get("steps");
            assertFalse(steps == null || steps.isEmpty(), workflow + " job " + job.getKey() + ": no steps");
            for (Map<String, Object> step : steps) {
                assertTrue(step.containsKey("uses") || step.containsKey("run"), workflow + ": a step does nothing");
                String run = (String) step.get("run");
                if (run == null) {
                    continue;
                }
                Matcher cli = CLI.matcher(run);
                while (cli.find()) {
                    assertTrue(commands.contains(cli.group(1)), workflow + ": no command ./cifar-zoo " + cli.group(1));
                }
                Matcher profiles = PROFILE.matcher(run);
                while (profiles.find()) {
                    for (String profile : profiles.group(1).split(",")) {
                        assertTrue(poms.contains("<id>" + profile + "</id>"), workflow + ": no Maven profile " + profile);
                    }
                }
                if (run.contains("bash .ci/run")) {
                    assertTrue(Files.isRegularFile(ROOT.resolve(".ci/run")), workflow + ": .ci/run missing");
                }
            }
        }
    }

    private static String allPoms() throws IOException {
        List<String> text = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT, 2)) {
            for (Path pom : files.filter(f -> f.getFileName().toString().equals("pom.xml")).toList()) {
                text.add(Files.readString(pom));
            }
        }
        return String.join("\n", text);
    }
}
