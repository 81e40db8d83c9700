package org.cifarzoo.harness.cli;

import org.cifarzoo.reports.ReportRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", description = "Render a results CSV as Markdown and HTML tables.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--results", required = true, description = "A results.csv written by train.")
    Path results;

    @Option(names = "--out", required = true, description = "Folder for results.md and results.html.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ReportRenderer.Outputs written = ReportRenderer.render(results, out);
        System.out.println("wrote " + written.markdown() + " and " + written.html());
        return 0;
    }
}
