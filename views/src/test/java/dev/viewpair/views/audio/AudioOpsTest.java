package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Stage;
import dev.viewpair.catalog.TimeExpr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioOpsTest {
    private final OpCatalog catalog = OpCatalog.standard();

    @TempDir
    Path dir;

    @Test
    void everyAudioOpIsInTheStandardCatalogueWithItsStages() {
        var waveform = List.of("clip", "gain", "noise", "background_noise", "pitch_shift", "time_stretch", "speed", "lowpass", "highpass",
                "bandpass", "reverse", "polarity", "fade");
        var spectral = List.of("time_mask", "freq_mask", "normalize");
        var frontEnds = List.of("log_mel", "spectrogram", "mfcc", "pitch_track");
        for (var name : waveform) {
            assertStages(name, Stage.WAVEFORM, Stage.WAVEFORM);
        }
        for (var name : spectral) {
            assertStages(name, Stage.SPECTROGRAM, Stage.SPECTROGRAM);
        }
        for (var name : frontEnds) {
            assertStages(name, Stage.WAVEFORM, Stage.SPECTROGRAM);
        }
        assertEquals(waveform.size() + spectral.size() + frontEnds.size(), AudioOps.descriptors().size());
        for (var flip : List.of("reverse", "polarity")) {
            assertEquals(0.5, catalog.find(flip, Stage.WAVEFORM).orElseThrow().defaultProbability(), flip);
        }
    }

    private void assertStages(String name, Stage input, Stage output) {
        var d = catalog.find(name, input).orElseThrow(() -> new AssertionError(name));
        assertEquals(output, d.output(), name);
        assertTrue(!d.doc().isBlank() && d.params().stream().allMatch(p -> !p.doc().isBlank()), name);
        // every op but clip (which needs its length) and background_noise (its folder) works with its defaults;
        // the folder is only listed here, its files are read at the first mix
        Map<String, Object> given = switch (name) {
            case "clip" -> Map.of("seconds", 1);
            case "background_noise" -> Map.of("folder", backgrounds().toString());
            default -> Map.of();
        };
        assertEquals(List.of(), d.check(given), name);
        d.factory().apply(d.params(given));
    }

    private Path backgrounds() {
        try {
            Files.createDirectories(dir.resolve("backgrounds"));
            Files.writeString(dir.resolve("backgrounds/rain.wav"), "");
            return dir.resolve("backgrounds");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    @Test
    void rulesBetweenParametersPointAtTheParameterToChange() {
        var logMel = catalog.find("log_mel", Stage.WAVEFORM).orElseThrow();
        var mfcc = catalog.find("mfcc", Stage.WAVEFORM).orElseThrow();
        var spectrogram = catalog.find("spectrogram", Stage.WAVEFORM).orElseThrow();

        var win = logMel.check(Map.of("n_fft", 256, "win", 400));
        assertEquals(1, win.size());
        assertEquals("win", win.get(0).param());
        assertTrue(win.get(0).message().contains("got win 400 and n_fft 256"), win.get(0).message());
        assertEquals(List.of(), spectrogram.check(Map.of("n_fft", 256)), "the default win (0) is n_fft");
        assertEquals("win", spectrogram.check(Map.of("n_fft", 256, "win", 257)).get(0).param());
        assertEquals("f_max", logMel.check(Map.of("f_min", 4000, "f_max", 3000)).get(0).param());
        assertEquals(List.of(), logMel.check(Map.of("f_min", 4000)), "f_max 0 is the Nyquist frequency");
        assertEquals("n_mfcc", mfcc.check(Map.of("n_mfcc", 80, "mels", 64)).get(0).param());
        assertEquals("f_max", mfcc.check(Map.of("f_min", 100, "f_max", 50)).get(0).param());
        assertEquals("high", catalog.find("bandpass", Stage.WAVEFORM).orElseThrow()
                .check(Map.of("low", List.of(100, 3000), "high", 2000)).get(0).param());
        assertEquals("mean", catalog.find("normalize", Stage.SPECTROGRAM).orElseThrow()
                .check(Map.of("mean", -4.5)).get(0).param());
    }

    @Test
    void rulesRunOnlyWhenEachParameterIsFineOnItsOwn() {
        var logMel = catalog.find("log_mel", Stage.WAVEFORM).orElseThrow();

        var problems = logMel.check(Map.of("n_fft", "big", "win", 400));

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("n_fft", problems.get(0).param());
    }

    @Test
    void aNameOutsideAChoiceGetsASuggestion() {
        var noise = catalog.find("noise", Stage.WAVEFORM).orElseThrow();
        var mask = catalog.find("time_mask", Stage.SPECTROGRAM).orElseThrow();

        var problem = noise.check(Map.of("color", "pinc")).get(0);
        assertEquals("color", problem.param());
        assertEquals("did you mean 'pink'?", problem.hint());
        assertEquals("fill", mask.check(Map.of("fill", "median")).get(0).param());
        assertEquals(List.of(), noise.check(Map.of("color", "pink")));
    }
}
