package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewChain;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.catalog.OpCatalog;
import dev.viewpair.views.catalog.Stage;
import dev.viewpair.views.catalog.TimeExpr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AudioOpsTest {
    private final OpCatalog catalog = OpCatalog.standard();

    @Test
    void everyAudioOpIsInTheStandardCatalogueWithItsStages() {
        var stages = Map.of("clip", Stage.WAVEFORM, "gain", Stage.WAVEFORM, "noise", Stage.WAVEFORM,
                "log_mel", Stage.SPECTROGRAM, "spectrogram", Stage.SPECTROGRAM);
        stages.forEach((name, output) -> {
            var d = catalog.find(name, Stage.WAVEFORM).orElseThrow(() -> new AssertionError(name));
            assertEquals(output, d.output(), name);
            assertEquals(1.0, d.defaultProbability(), name);
            assertTrue(!d.doc().isBlank() && d.params().stream().allMatch(p -> !p.doc().isBlank()), name);
        });
        assertEquals(stages.size(), AudioOps.descriptors().size());
    }

    @Test
    void parameterProblemsAreReportedByName() {
        var clip = catalog.find("clip", Stage.WAVEFORM).orElseThrow();
        var logMel = catalog.find("log_mel", Stage.WAVEFORM).orElseThrow();

        assertEquals("seconds", clip.check(Map.of()).get(0).param());
        assertEquals("jitter", clip.check(Map.of("seconds", 1, "jitter", -0.1)).get(0).param());
        assertEquals("at", clip.check(Map.of("seconds", 1, "at", "anchor * 2")).get(0).param());
        assertEquals("did you mean 'mels'?", logMel.check(Map.of("mel", 64)).get(0).hint());
        assertEquals("n_fft", logMel.check(Map.of("n_fft", 400.5)).get(0).param());
    }

    @Test
    void aChainAnchorsItsClipsAndRefusesWaveformOpsAfterASpectrogram() {
        var chain = ViewChain.build(new ViewSpec("later", Modality.AUDIO, List.of(
                new OpSpec("clip", Map.of("seconds", 2, "at", "anchor + 0.5s", "jitter", 0.1)),
                new OpSpec("log_mel", Map.of()))), catalog);
        AnchoredOp clip = chain.anchoredOps().get(0);
        assertEquals(new TimeExpr(true, 0.5), clip.at());
        assertEquals(2.0, clip.seconds());
        assertEquals(0.1, clip.jitterSeconds());
        assertEquals(Stage.SPECTROGRAM, chain.output());

        var e = assertThrows(IllegalArgumentException.class, () -> ViewChain.build(new ViewSpec("bad", Modality.AUDIO,
                List.of(new OpSpec("log_mel", Map.of()), new OpSpec("gain", Map.of()))), catalog));
        assertTrue(e.getMessage().contains("'gain' cannot take spectrogram"), e.getMessage());
    }

    @Test
    void aWindowLongerThanTheFftIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> ViewChain.build(new ViewSpec("v", Modality.AUDIO,
                List.of(new OpSpec("log_mel", Map.of("n_fft", 256, "win", 400)))), catalog));
        assertTrue(e.getMessage().contains("win ≤ n_fft"), e.getMessage());
    }
}
