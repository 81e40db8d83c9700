package org.cifarzoo.harness.cli;

import org.cifarzoo.harness.matrix.Merge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", description = "Combine the results.csv files of matrix shards; conflicting rows are rejected.")
final class MergeCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "The merged results CSV.")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "results.csv files of the shards.")
    List<Path> inputs;

    @Override
    public Integer call() {
        int cells = Merge.merge(inputs, out);
        System.out.println("merged " + cells + " rows from " + inputs.size() + " files -> " + out);
        return 0;
    }
}
