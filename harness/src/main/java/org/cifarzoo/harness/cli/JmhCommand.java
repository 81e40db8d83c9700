package org.cifarzoo.harness.cli;

import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "jmh", description = "Run the JMH benchmarks of harness/bench with JMH's own options, e.g. "
        + "'jmh InputPipeline -f 1 -wi 2 -i 3'; 'jmh -l' lists them, 'jmh -h' shows JMH's options.")
final class JmhCommand implements Callable<Integer> {
    @Unmatched
    List<String> jmhArguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(jmhArguments.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("bad JMH arguments " + jmhArguments + ": " + e.getMessage(), e);
        }
        Runner runner = new Runner(options);
        if (options.shouldHelp()) {
            options.showHelp();
        } else if (options.shouldList()) {
            runner.list();
        } else if (options.shouldListWithParams()) {
            runner.listWithParams(options);
        } else {
            try {
                runner.run();
            } catch (NoBenchmarksException e) {
                throw new IllegalArgumentException("no benchmark matches " + options.getIncludes()
                        + "; 'jmh -l' lists them", e);
            } catch (RunnerException e) {
                throw new IllegalStateException("JMH run " + jmhArguments + " failed: " + e.getMessage(), e);
            }
        }
        return 0;
    }
}
