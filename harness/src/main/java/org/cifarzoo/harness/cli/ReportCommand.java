package org.cifarzoo.harness.cli;

import org.cifarzoo.harness.matrix.Matrix;
import org.cifarzoo.reports.ReportRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", description = "Render a results CSV as Markdown and HTML tables: with --matrix in the "
        + "original tables' layout with the seed's numbers and the differences, plus an accuracy/speed chart.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--results", required = true, description = "A results.csv written by train, run or merge.")
    Path results;

    @Option(names = "--out", required = true, description = "Folder for results.md and results.html.")
    Path out;

    @Option(names = "--matrix", description = "full, quick, smoke or a matrix file: lay the results out as its cells.")
    String matrix;

    @Override
    public Integer call() throws Exception {
        if (matrix == null) {
            ReportRenderer.Outputs written = ReportRenderer.render(results, out);
            System.out.println("wrote " + written.markdown() + " and " + written.html());
        } else {
            ReportRenderer.MatrixOutputs written = ReportRenderer.render(results, Matrix.file(matrix), out);
            System.out.println("wrote " + written.markdown() + ", " + written.html()
                    + (written.charts().isEmpty() ? "" : " and " + written.charts()));
        }
        return 0;
    }
}
