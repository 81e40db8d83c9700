package org.cifarzoo.harness.cli;

import org.cifarzoo.harness.readme.ReadmeSection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "readme", description = "Regenerate the README's results section (between its markers) from a results CSV.")
final class ReadmeCommand implements Callable<Integer> {
    @Option(names = "--results", required = true, description = "The results CSV, e.g. results/published/results.csv.")
    Path results;

    @Option(names = "--readme", defaultValue = "README.md", description = "The README (default ${DEFAULT-VALUE}).")
    Path readme;

    @Override
    public Integer call() {
        boolean changed = ReadmeSection.RESULTS.update(readme, results);
        System.out.println((changed ? "updated " : "already current: ") + readme);
        return 0;
    }
}
