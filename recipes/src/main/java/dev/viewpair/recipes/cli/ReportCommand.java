package dev.viewpair.recipes.cli;

import dev.viewpair.recipes.run.RunReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code viewpair report RUN_DIR}: rebuilds a run folder's plots and {@code report.html}, finished or not. */
@Command(name = "report", description = {"Rebuild the plots and report.html of a run folder from what it holds:"
        + " recipe.yaml, metrics.jsonl and, once the run has finished, summary.json and its t-SNE maps.",
    "A finished run gets the report it wrote at its end; a run still training, killed or stopped gets the report in"
            + " progress of its steps so far (the page reloads itself). A run rewrites it while it trains: train.report_every."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "a run folder written by train (recipe.yaml and metrics.jsonl)")
    Path run;

    @Override
    public Integer call() throws Exception {
        return RunFolder.run(() -> {
            long start = System.nanoTime();
            var rebuilt = RunReport.rebuild(run);
            System.out.printf(Locale.ROOT, "wrote %s (%s) in %.2f s%n", rebuilt.page(),
                    rebuilt.finished() ? "the run's final report" : "in progress: " + rebuilt.status(),
                    (System.nanoTime() - start) / 1e9);
        });
    }
}
