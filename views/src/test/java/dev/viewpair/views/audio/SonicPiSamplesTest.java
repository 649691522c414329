package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import be.tarsos.dsp.util.fft.FloatFFT;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.OnsetDetectors;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.AudioDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Onsets and pitch on real recordings: Debian's {@code sonic-pi-samples} (drums, a bell, an ambient sound), skipped
 * when the package is not installed ({@code apt-get install sonic-pi-samples}). Each check compares with an estimate
 * made here independently: the first sample reaching a tenth of the peak for an onset, the peak of a finely zero-padded
 * FFT for a pitch.
 */
class SonicPiSamplesTest {
    private static final Path DIR = Path.of("/usr/share/sonic-pi/samples");
    private static final int RATE = 16000;
    private static final int HOP = 256;

    @BeforeAll
    static void samplesInstalled() {
        assumeTrue(Files.isDirectory(DIR), DIR + " is missing: install Debian's sonic-pi-samples to run these checks");
    }

    private static Audio decode(String name) {
        return AudioDecoder.decode(DIR.resolve(name), RATE);
    }

    /** The first sample whose magnitude reaches a tenth of the recording's peak. */
    private static int firstLoud(float[] x) {
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        int i = 0;
        while (Math.abs(x[i]) < 0.1f * peak) {
            i++;
        }
        return i;
    }

    @Test
    void everyDrumHasItsFirstOnsetWithinAHopOfItsAttack() throws IOException {
        List<Path> drums;
        try (var files = Files.list(DIR)) {
            drums = files.filter(f -> f.getFileName().toString().matches("drum_.*\\.flac")).sorted().toList();
        }
        assertFalse(drums.isEmpty(), "no drum_*.flac in " + DIR);
        double worst = 0;
        for (var file : drums) {
            float[] x = AudioDecoder.decode(file, RATE).samples();
            double attack = firstLoud(x) / (double) RATE;
            for (var detector : List.of("complex", "percussion")) {
                double[] onsets = OnsetDetectors.make(Map.of("detector", detector)).find(x, RATE);
                assertTrue(onsets.length > 0, detector + " finds no onset in " + file.getFileName());
                assertTrue(Math.abs(onsets[0] - attack) <= HOP / (double) RATE, String.format(Locale.ROOT,
                        "%s: %s's first onset at %.4f s, the attack at %.4f s", file.getFileName(), detector, onsets[0], attack));
                worst = Math.max(worst, Math.abs(onsets[0] - attack));
            }
        }
        System.out.printf(Locale.ROOT, "%d drums: the first onset at most %.1f ms from the attack%n", drums.size(), 1000 * worst);
    }

    /**
     * The strongest frequency of one second of the sound from its attack (Hann window, zero-padded to 2^18 points:
     * 0.06 Hz bins at 16 kHz).
     */
    private static double fftPeak(float[] x) {
        int from = firstLoud(x);
        int n = 1 << 18;
        int length = Math.min(x.length - from, RATE);
        var buffer = new float[n];
        for (int i = 0; i < length; i++) {
            buffer[i] = (float) (x[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / length)));
        }
        new FloatFFT(n).realForward(buffer);
        int best = 1;
        double loudest = 0;
        for (int k = 1; k < n / 2; k++) {
            double power = (double) buffer[2 * k] * buffer[2 * k] + (double) buffer[2 * k + 1] * buffer[2 * k + 1];
            if (power > loudest) {
                loudest = power;
                best = k;
            }
        }
        return best * (double) RATE / n;
    }

    @Test
    void pitchedSoundsHaveAStablePitchThatAgreesWithTheirSpectrum() {
        // a bell and an ambient glass rub, whose strongest partial is their pitch (perc_bell's is the third partial of an
        // inharmonic bell; a tom's pitch falls as it rings, by some 3 % over its confident frames)
        for (var name : List.of("elec_bell.flac", "ambi_glass_rub.flac")) {
            var audio = decode(name);
            double expected = fftPeak(audio.samples());
            for (var algorithm : List.of("yin", "fft_yin", "mpm")) {
                Spectrogram track = CatalogOps.<Spectrogram>waveformOp("pitch_track", Map.of("algorithm", algorithm, "frame", 2048))
                        .apply(audio, new ViewContext(Rng.of(1), 0));
                int frames = track.frames();
                float[] confident = new float[frames];
                int count = 0;
                for (int k = 0; k < frames; k++) {
                    if (track.data()[frames + k] > 0.9f) {
                        confident[count++] = track.data()[k];
                    }
                }
                assertTrue(count >= 10, name + ": " + algorithm + " is confident in only " + count + " of " + frames + " frames");
                var pitches = Arrays.copyOf(confident, count);
                Arrays.sort(pitches);
                double median = pitches[count / 2];
                double spread = (pitches[3 * count / 4] - pitches[count / 4]) / median;
                System.out.printf(Locale.ROOT, "%s %s: median %.1f Hz over %d frames, interquartile %.2f %%; FFT peak %.1f Hz%n",
                        name, algorithm, median, count, 100 * spread, expected);
                assertTrue(spread < 0.02, name + ": " + algorithm + "'s pitch is not stable, interquartile range "
                        + 100 * spread + " % of " + median + " Hz");
                assertTrue(Math.abs(median - expected) <= 0.02 * expected, String.format(Locale.ROOT,
                        "%s: %s gives %.1f Hz, the spectrum's peak is at %.1f Hz", name, algorithm, median, expected));
            }
        }
    }
}
