package dev.viewpair.recipes.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.recipes.model.LayerRef;
import dev.viewpair.recipes.model.LinearProbeDecl;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plots and {@code report.html} of a run folder: the final report, written once the run has its summary; the
 * in-progress report, from the records so far, which a run rewrites while it trains ({@link LiveReport}); and both
 * rebuilt from what a run folder holds ({@link #rebuild}, {@code ./viewpair report RUN_DIR}).
 */
public final class RunReport {
    /** The page's file name in the run folder. */
    static final String PAGE = "report.html";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunReport() {}

    /**
     * What {@link #rebuild} wrote.
     *
     * @param page the page
     * @param finished whether the run has its summary (the final report), or not (the report in progress)
     * @param status for a run in progress, how far it got ({@code step 120 of 400 (30%), epoch 3 of 10; …}); empty
     *     for a finished one
     */
    public record Rebuilt(Path page, boolean finished, String status) {}

    /**
     * The final report: the plots of the records, then the maps evaluation drew, and the page from the summary.
     *
     * @param maps the t-SNE maps evaluation drew, in the order of the encoders, then the localization pictures
     */
    static void finished(Map<String, Object> summary, String recipeYaml, List<Map<String, Object>> records,
            List<Path> maps, Path runDir) throws IOException {
        var plots = new ArrayList<>(Plots.write(records, runDir));
        plots.addAll(maps);
        HtmlReport.write(summary, recipeYaml, plots, runDir.resolve(PAGE));
    }

    /** The report of a run of {@code recipe} in progress, from its records so far; returns the progress shown. */
    static RunProgress inProgress(Recipe recipe, List<Map<String, Object>> records, Path runDir) throws IOException {
        return inProgress(recipe, records, runDir, () -> { });
    }

    /** The same, calling {@code plotted} once the plots are written, before the page (written last). */
    static RunProgress inProgress(Recipe recipe, List<Map<String, Object>> records, Path runDir, Runnable plotted)
            throws IOException {
        var progress = RunProgress.of(recipe, records);
        var plots = Plots.write(records, runDir);
        plotted.run();
        HtmlReport.writeInProgress(progress, recipe.toYaml(), plots, progress.refreshSeconds(recipe.train().reportEvery()),
                runDir.resolve(PAGE));
        return progress;
    }

    /**
     * Writes the plots and {@code report.html} of the run in {@code runDir} anew from its {@code recipe.yaml},
     * {@code metrics.jsonl} and, when the run finished, {@code summary.json} and its t-SNE maps: a finished run gets
     * the report it wrote at its end; a run without a summary (training, killed, or stopped) gets the report in
     * progress of the steps in its records.
     *
     * @throws IllegalArgumentException naming the folder and what it lacks
     * @throws RecipeException when its recipe.yaml has problems
     */
    @SuppressWarnings("unchecked")
    public static Rebuilt rebuild(Path runDir) throws IOException, RecipeException {
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException(runDir + " is not a folder: give a run folder written by ./viewpair train");
        }
        var recipeFile = runDir.resolve("recipe.yaml");
        var metrics = runDir.resolve("metrics.jsonl");
        for (var needed : List.of(recipeFile, metrics)) {
            if (!Files.isRegularFile(needed)) {
                throw new IllegalArgumentException(runDir + " is not a run folder: " + needed + " is missing (./viewpair"
                        + " train writes recipe.yaml, then metrics.jsonl, when a run starts); a report needs both");
            }
        }
        // the checkpoint holds the weights: files of starting weights (init) need not be there any more
        var recipe = new RecipeLoader().weightsFromCheckpoint().load(recipeFile);
        var records = MetricsLog.read(metrics);
        var summaryFile = runDir.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            var progress = inProgress(recipe, records, runDir);
            return new Rebuilt(runDir.resolve(PAGE), false, HtmlReport.status(progress));
        }
        Map<String, Object> summary;
        try {
            summary = MAPPER.readValue(summaryFile.toFile(), Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(summaryFile + " cannot be read (" + e.getMessage() + "): remove it to get"
                    + " the report in progress of the steps in metrics.jsonl", e);
        }
        var maps = new ArrayList<>(recipe.encoders().keySet().stream().map(name -> Evaluation.mapFile(runDir, name))
                .filter(Files::isRegularFile).toList());
        // the maps of pooled layers the probe read (img_eval@stage2 → tsne-image-stage2.png), then the localizations
        recipe.eval().linearProbe().map(LinearProbeDecl::views).orElse(List.of()).stream().map(LayerRef::probed)
                .filter(ref -> !ref.layer().equals(EncoderLayer.EMBEDDING))
                .map(ref -> Evaluation.mapFile(runDir, recipe.encoderOf(ref.view()).name() + "-" + ref.layer()))
                .filter(Files::isRegularFile).forEach(maps::add);
        recipe.pairs().stream().map(p -> Localization.file(runDir, p.name())).filter(Files::isRegularFile).forEach(maps::add);
        finished(summary, recipe.toYaml(), records, maps, runDir);
        return new Rebuilt(runDir.resolve(PAGE), true, "");
    }
}
