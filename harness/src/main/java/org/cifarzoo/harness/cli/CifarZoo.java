package org.cifarzoo.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./cifar-zoo <command>}: the command line of the benchmark suite. */
@Command(name = "cifar-zoo", mixinStandardHelpOptions = true, version = "cifar-zoo 0.1.0",
        description = "CIFAR-10 classifiers of the original TensorFlow tables, trained and measured on DL4J.",
        subcommands = {ModelsCommand.class, TrainCommand.class, BenchCommand.class, ReportCommand.class,
                MatrixCommand.class, RunCommand.class, MergeCommand.class, ReadmeCommand.class,
                AugmentPreviewCommand.class, SchedulePlotCommand.class, JmhCommand.class,
                CommandLine.HelpCommand.class})
public final class CifarZoo {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; bad input gets a one-line message, not a stack trace. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new CifarZoo());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof org.cifarzoo.harness.data.CifarFormatException
                    || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("cifar-zoo " + cmd.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
