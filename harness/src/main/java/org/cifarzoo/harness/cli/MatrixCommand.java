package org.cifarzoo.harness.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cifarzoo.harness.matrix.Cell;
import org.cifarzoo.harness.matrix.Matrix;
import org.cifarzoo.zoo.ZooRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "matrix", description = "List the cells of a matrix (full, quick, smoke or a CSV file).")
final class MatrixCommand implements Callable<Integer> {
    @Option(names = "--matrix", defaultValue = "full", description = "full, quick, smoke or a file (default ${DEFAULT-VALUE}).")
    String matrix;

    @Option(names = "--csv", description = "CSV output, one row per cell.")
    boolean csv;

    @Override
    public Integer call() throws IOException {
        Matrix m = Matrix.load(matrix);
        ZooRegistry zoo = ZooRegistry.standard();
        if (csv) {
            CSVPrinter p = new CSVPrinter(System.out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build());
            p.printRecord("cell", "family", "model", "resolution_px", "width", "batch_size", "activation",
                    "augmentation", "epochs", "schedule", "seed_top1_pct", "seed_params", "built");
            for (Cell c : m.cells()) {
                p.printRecord(c.id(), c.family(), c.spec().model(), c.spec().resolutionPx(), c.spec().width(),
                        c.config().batchSize(), c.spec().activation().csvName(), c.config().augmentation(),
                        c.config().epochs(), c.config().schedule(), c.seedTop1(), c.seedParams(),
                        zoo.list(c.spec().model()).isEmpty() ? "no" : "yes");
            }
            p.flush();
        } else {
            for (Cell c : m.cells()) {
                System.out.printf("%-58s %-8s %s%n", c.id(), c.seedTop1() == null ? "" : c.seedTop1() + "%",
                        zoo.list(c.spec().model()).isEmpty() ? "(model not built yet)" : "");
            }
            System.out.println(m.cells().size() + " cells");
        }
        return 0;
    }
}
