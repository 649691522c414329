package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.recipes.TinyRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose sound windows are anchored on onsets reports, in summary.json, how many anchors found one. */
class OnsetRunTest {
    @TempDir
    Path dir;

    @Test
    void theSummaryCountsAnchorsPlacedOnOnsetsAndThoseThatFoundNone() throws Exception {
        var run = TinyRuns.train(dir, "onsets", """
                dataset: {type: manifest, path: data/manifest.csv, split: {train: 0.5, test: 0.5}}
                views:
                  img: {from: image, ops: [resize: {size: 16}, center_crop: {size: 16}]}
                  sound: {from: audio, ops: [clip: {seconds: 0.5, at: onset}, log_mel: {mels: 16}]}
                encoders:
                  image: {type: conv, widths: [4], dim: 8, views: [img]}
                  audio: {type: conv, widths: [4], dim: 8, views: [sound]}
                pairs:
                  - {views: [img, sound], bound: infonce, critic: cosine}
                train: {epochs: 2, batch: 2}
                """);
        var summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        var onsets = summary.path("data").path("onsets");
        long placed = onsets.path("placed").asLong(-1);
        long none = onsets.path("no_onset").asLong(-1);
        assertTrue(placed >= 0 && none >= 0, summary.path("data").toString());
        // each of the 3 training samples (of 8, split in half by hash) drew one anchor for its sound in each epoch
        assertEquals(3 * 2, placed + none, summary.toString());
        assertTrue(placed > 0, "synth-av's tones have onsets: " + onsets);
    }
}
