package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.synth.SynthVideo;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.ShiftedView;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync evaluation of a tiny run on synth-video's timing variant, whose manifest lists the onsets: trials are
 * anchors × test videos at every signed offset, and the ties the run counts are the ones the ceiling finds from the
 * same window draws without a model.
 */
class SyncRunTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void theRunsTiesAreTheCeilingsAndEveryNumberIsReported() throws Exception {
        var manifest = SynthVideo.generate(dir.resolve("data"), 20, 9, SynthVideo.Variant.TIMING, 2, done -> {});
        var file = Files.writeString(dir.resolve("sync.yaml"), recipe(manifest, "anchor", 3, ""));
        var recipe = new RecipeLoader().load(file);
        var printed = new ByteArrayOutputStream();
        new Training(recipe, dir.resolve("run"), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        var summary = new ObjectMapper().readValue(dir.resolve("run/summary.json").toFile(), Map.class);
        var sync = ((Map<String, Map<String, Map<String, Object>>>) ((Map<String, Object>) summary.get("eval")).get("sync"))
                .get("frame-sound");
        assertEquals(List.of("+0.5s", "-0.5s", "+1s", "-1s"), List.copyOf(sync.keySet()));

        var test = DataPlan.of(recipe).test();
        int videos = 0;
        for (var ignored : test) {
            videos++;
        }
        var ceiling = new SyncEvaluation(Families.standard(), recipe, test).ties();
        long anyTies = 0;
        for (var expected : ceiling) {
            var got = sync.get(ShiftedView.label(expected.offset()));
            assertEquals(3L * videos, ((Number) got.get("trials")).longValue());
            assertEquals(expected.trials(), ((Number) got.get("trials")).longValue());
            assertEquals(videos, ((Number) got.get("samples")).intValue());
            double deff = ((Number) got.get("design_effect")).doubleValue();
            assertTrue(deff >= 1 && deff <= 3, "3 anchors per video: a design effect of " + deff);
            assertTrue(((Number) got.get("low")).doubleValue() <= ((Number) got.get("independent_low")).doubleValue()
                    && ((Number) got.get("independent_high")).doubleValue() <= ((Number) got.get("high")).doubleValue(),
                    "the interval by video holds the one counting trials as independent: " + got);
            assertEquals(expected.ties(), ((Number) got.get("ties")).longValue(), "ties at " + expected.offset());
            assertEquals("onsets", got.get("ties_by"));
            assertEquals(expected.ceiling(), ((Number) got.get("ceiling")).doubleValue(), 1e-12);
            double accuracy = ((Number) got.get("accuracy")).doubleValue();
            assertTrue(((Number) got.get("low")).doubleValue() <= accuracy && accuracy <= ((Number) got.get("high")).doubleValue());
            anyTies += expected.ties();
        }
        assertTrue(anyTies < ceiling.get(0).trials() * ceiling.size(), "not every trial is a tie");
        // every trial is in sync-frame-sound.csv, and the summary's numbers come back from it
        var rows = Files.readAllLines(dir.resolve("run/sync-frame-sound.csv"));
        assertEquals(SyncEvaluation.TRIALS_HEADER, rows.get(0));
        assertEquals(1 + 3 * videos * ceiling.size(), rows.size());
        for (var offset : sync.keySet()) {
            var trials = rows.stream().skip(1).map(r -> r.split(",")).filter(r -> r[2].equals(offset)).toList();
            var got = sync.get(offset);
            assertEquals(((Number) got.get("trials")).longValue(), trials.size());
            assertEquals(((Number) got.get("ties")).longValue(), trials.stream().filter(r -> r[5].equals("1")).count());
            assertEquals(videos, trials.stream().map(r -> r[0]).distinct().count());
            var inSync = new float[trials.size()];
            var shifted = new float[trials.size()];
            var silent = new Boolean[trials.size()];
            for (int i = 0; i < trials.size(); i++) {
                inSync[i] = Float.parseFloat(trials.get(i)[3]);
                shifted[i] = Float.parseFloat(trials.get(i)[4]);
                silent[i] = trials.get(i)[5].equals("1");
            }
            var again = SyncResult.score(0, inSync, shifted, silent, trials.stream().map(r -> r[0]).toArray(String[]::new));
            assertEquals(((Number) got.get("low")).doubleValue(), again.interval().low(), 1e-12, offset);
            assertEquals(((Number) got.get("design_effect")).doubleValue(), again.designEffect(), 1e-12, offset);
        }
        var text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("sync frame-sound: offset") && text.contains("in sync vs -1s") && text.contains("samples"), text);
        assertTrue(Files.readString(dir.resolve("run/report.html")).contains("Sync: frame-sound"));
        var table = SyncCeiling.table(Families.standard(), recipe);
        assertTrue(table.contains(String.format(java.util.Locale.ROOT, "%-12s %8d %8d", "+0.5s", ceiling.get(0).trials(),
                ceiling.get(0).ties())), table);
    }
    /**
     * A recipe that cuts its sound at an onset is evaluated on uniform anchors unless it asks for the views' own: the
     * same trials as the same recipe cut at the anchor (same ties at every offset), and other trials than with
     * {@code anchors: views}, where every in-sync window is cut around a detected onset and so holds one far more
     * often.
     */
    @Test
    void anOnsetRecipeIsEvaluatedOnUniformAnchorsUnlessItAsksForTheViews() throws Exception {
        var manifest = SynthVideo.generate(dir.resolve("data"), 20, 9, SynthVideo.Variant.TIMING, 2, done -> {});
        var recipe = recipe(manifest, "AT", 16, "ANCHORS");
        var onsetUniform = ties(recipe.replace("AT", "onset").replace("ANCHORS", ""), "onset-uniform.yaml");
        var anchorUniform = ties(recipe.replace("AT", "anchor").replace("ANCHORS", ", anchors: uniform"), "anchor.yaml");
        var onsetViews = ties(recipe.replace("AT", "onset").replace("ANCHORS", ", anchors: views"), "onset-views.yaml");
        assertEquals(anchorUniform, onsetUniform, "uniform anchors: the trials of the recipe cut at the anchor");
        assertEquals(ties(recipe.replace("AT", "onset").replace("ANCHORS", ""), "again.yaml"), onsetUniform, "the same seed, the same trials");
        long uniform = onsetUniform.stream().mapToLong(Long::longValue).sum();
        long onOnsets = onsetViews.stream().mapToLong(Long::longValue).sum();
        assertTrue(onOnsets < uniform, "anchors on onsets leave " + onOnsets + " ties, uniform ones " + uniform);
    }

    /**
     * A tiny frame–sound recipe over {@code manifest} with a sync evaluation: the sound cut at {@code at} − 0.25 s,
     * {@code windows} anchors per test video, {@code evalTail} appended to the sync settings.
     */
    private static String recipe(Path manifest, String at, int windows, String evalTail) {
        return """
                name: sync
                seed: 3
                dataset: {type: manifest, path: %s, split: {train: 0.8, test: 0.2}}
                views:
                  frame: {from: video, ops: [frames: {n: 2, rate: 8, at: anchor - 0.25s, size: 16}]}
                  sound: {from: video, ops: [audio_window: {seconds: 0.5, at: %s - 0.25s}, log_mel: {mels: 16, n_fft: 256, hop: 128}]}
                encoders:
                  vision: {type: conv, widths: [4, 8], dim: 8, views: [frame]}
                  audio: {type: conv, widths: [4, 8], dim: 8, downsample: stride, views: [sound]}
                pairs:
                  - {name: frame-sound, views: [frame, sound], bound: infonce, critic: cosine}
                train: {epochs: 1, batch: 8, workers: 1}
                eval: {sync: {pair: frame-sound, windows: %d, offsets: [0.5, 1.0]%s}}
                """.formatted(manifest, at, windows, evalTail);
    }

    /** The ties per signed offset of the sync evaluation of a recipe on its test split, without a model. */
    private List<Long> ties(String text, String name) throws Exception {
        var recipe = new RecipeLoader().load(Files.writeString(dir.resolve(name), text));
        return new SyncEvaluation(Families.standard(), recipe, DataPlan.of(recipe).test()).ties().stream()
                .map(SyncResult::ties).toList();
    }
}
