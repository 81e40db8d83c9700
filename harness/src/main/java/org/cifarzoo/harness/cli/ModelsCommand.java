package org.cifarzoo.harness.cli;

import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.FlopCount;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ParamCount;
import org.cifarzoo.zoo.ZooRegistry;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

@Command(name = "models", description = "List every registered model configuration with its parameter count.")
final class ModelsCommand implements Callable<Integer> {
    @Option(names = "--csv", description = "CSV output: model,width,resolution_px,activation,params,flops (forward, per image).")
    boolean csv;

    @Option(names = "--filter", defaultValue = "*", description = "Glob on the model name, e.g. 'ResNet*'.")
    String filter;

    @Override
    public Integer call() throws IOException {
        ZooRegistry zoo = ZooRegistry.standard();
        PrintStream out = System.out;
        CSVPrinter printer = csv ? new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())
                : null;
        if (printer != null) {
            printer.printRecord("model", "width", "resolution_px", "activation", "params", "flops");
        } else {
            out.printf("%-16s %5s %6s %-10s %12s %8s  %s%n", "model", "width", "px", "activation", "params", "GFLOPs",
                    "family");
        }
        for (ZooRegistry.Entry e : zoo.list(filter)) {
            for (ModelSpec s : e.published()) {
                var conf = e.build(s, BuildOptions.defaults(0));
                long params = ParamCount.of(conf);
                long flops = FlopCount.of(conf);
                if (printer != null) {
                    printer.printRecord(s.model(), s.width(), s.resolutionPx(), s.activation().csvName(), params, flops);
                } else {
                    out.printf("%-16s %5d %6d %-10s %,12d %8.3f  %s%n", s.model(), s.width(), s.resolutionPx(),
                            s.activation().csvName(), params, flops / 1e9, e.family());
                }
            }
        }
        if (printer != null) {
            printer.flush();
        }
        return 0;
    }
}
