package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.AudioDecoder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audio ops against torchaudio 0.13.1 on one second of espeak-ng speech. The references were made once
 * by {@code src/test/resources/torchaudio/make_fixtures.py} (parameters in {@code fixtures.json} there) and
 * are committed; this test only reads them. Each op is built through the catalogue with the parameters the
 * script gave torchaudio.
 */
class TorchaudioAgreementTest {
    private static final int RATE = 16000;
    private static final ViewContext CTX = new ViewContext(Rng.of(0), 0);
    private static Audio speech;

    @BeforeAll
    static void decode() throws URISyntaxException {
        speech = AudioDecoder.decode(fixture("speech.wav"), RATE);
        assertEquals(RATE, speech.samples().length);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(TorchaudioAgreementTest.class.getResource("/torchaudio/" + name).toURI());
    }

    private static float[] reference(String name) throws IOException, URISyntaxException {
        var buffer = ByteBuffer.wrap(Files.readAllBytes(fixture(name + ".f32"))).order(ByteOrder.LITTLE_ENDIAN);
        var out = new float[buffer.remaining() / 4];
        buffer.asFloatBuffer().get(out);
        return out;
    }

    private static Spectrogram spectrogram(String op, Map<String, Object> params) {
        return CatalogOps.<Spectrogram>waveformOp(op, params).apply(speech, CTX);
    }

    private static float[] waveform(String op, Map<String, Object> params) {
        return CatalogOps.<Audio>waveformOp(op, params).apply(speech, CTX).samples();
    }

    private static double maxAbsDiff(float[] ours, float[] theirs) {
        assertEquals(theirs.length, ours.length, "same shape");
        assertTrue(maxAbs(theirs) > 0, "a reference that is not all zeros");
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
        }
        return worst;
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** The largest difference relative to the loudest value of its frame (column). */
    private static double maxDiffPerFramePeak(Spectrogram ours, float[] theirs, int bins) {
        assertEquals(bins, ours.bins());
        assertEquals(theirs.length, ours.data().length, "same shape");
        int frames = ours.frames();
        double worst = 0;
        for (int t = 0; t < frames; t++) {
            double peak = 0;
            for (int k = 0; k < bins; k++) {
                peak = Math.max(peak, theirs[k * frames + t]);
            }
            for (int k = 0; k < bins; k++) {
                double diff = Math.abs(ours.data()[k * frames + t] - theirs[k * frames + t]);
                // a silent frame (the clip starts with digital silence) must be silent on both sides
                worst = Math.max(worst, peak > 0 ? diff / peak : diff);
            }
        }
        return worst;
    }

    /** The largest relative difference among the values within 60 dB of their frame's loudest. */
    private static double maxRelativeDiffOfAudibleBins(Spectrogram ours, float[] theirs, int bins, double power) {
        int frames = ours.frames();
        double worst = 0;
        for (int t = 0; t < frames; t++) {
            double peak = 0;
            for (int k = 0; k < bins; k++) {
                peak = Math.max(peak, theirs[k * frames + t]);
            }
            for (int k = 0; k < bins; k++) {
                double expected = theirs[k * frames + t];
                if (expected > peak * Math.pow(10, -6 * power / 2)) {
                    worst = Math.max(worst, Math.abs(ours.data()[k * frames + t] - expected) / expected);
                }
            }
        }
        return worst;
    }

    @Test
    void decodedSpeechIsTheSixteenBitWav() throws Exception {
        var bytes = ByteBuffer.wrap(Files.readAllBytes(fixture("speech.wav"))).order(ByteOrder.LITTLE_ENDIAN);
        bytes.position(44);
        for (int i = 0; i < RATE; i++) {
            assertEquals(bytes.getShort() / 32768f, speech.samples()[i], 0f, "sample " + i);
        }
    }

    @Test
    void powerSpectrogram() throws Exception {
        var ours = spectrogram("spectrogram", Map.of("n_fft", 400, "hop", 160, "win", 400, "power", 2));
        float[] theirs = reference("spectrogram_power");
        // measured: 6.6e-7 of the frame peak, 1.1e-4 relative within 60 dB of it (float32 FFTs on both sides)
        assertTrue(maxDiffPerFramePeak(ours, theirs, 201) < 1e-5, "difference / frame peak");
        assertTrue(maxRelativeDiffOfAudibleBins(ours, theirs, 201, 2) < 1e-3, "relative difference");
    }

    @Test
    void magnitudeSpectrogramWithAShortWindow() throws Exception {
        var ours = spectrogram("spectrogram", Map.of("n_fft", 512, "hop", 128, "win", 320, "power", 1));
        float[] theirs = reference("spectrogram_magnitude");
        // measured: 3.5e-7 of the frame peak, 6.6e-5 relative within 60 dB of it
        assertTrue(maxDiffPerFramePeak(ours, theirs, 257) < 1e-5, "difference / frame peak");
        assertTrue(maxRelativeDiffOfAudibleBins(ours, theirs, 257, 1) < 1e-3, "relative difference");
    }

    @Test
    void logMel() throws Exception {
        var ours = spectrogram("log_mel", Map.of("n_fft", 512, "hop", 160, "win", 400, "f_min", 20, "f_max", 7600,
                "mels", 64, "power", 2, "log_offset", 1e-6));
        // measured 1.9e-4: in the log domain, a relative difference of the band energy
        assertEquals(0, maxAbsDiff(ours.data(), reference("log_mel")), 1e-3);
    }

    @Test
    void mfccInDecibels() throws Exception {
        var ours = spectrogram("mfcc", Map.of("n_mfcc", 40, "n_fft", 400, "hop", 160, "mels", 64));
        // measured 4.6e-4, on coefficients of up to a few hundred (dB-scaled bands through the DCT)
        assertEquals(0, maxAbsDiff(ours.data(), reference("mfcc_db")), 5e-3);
    }

    @Test
    void mfccOfLogMels() throws Exception {
        var ours = spectrogram("mfcc", Map.of("n_mfcc", 13, "n_fft", 512, "hop", 256, "mels", 40, "f_min", 50,
                "f_max", 7000, "log_mels", true));
        // measured 1.2e-4
        assertEquals(0, maxAbsDiff(ours.data(), reference("mfcc_log")), 1e-3);
    }

    @Test
    void filtersAndFade() throws Exception {
        // measured 5.1e-7, 4.8e-7 and 3.0e-8 on samples of up to 0.8: float rounding only
        assertEquals(0, maxAbsDiff(waveform("lowpass", Map.of("cutoff", 1000)), reference("lowpass_1000")), 1e-5);
        assertEquals(0, maxAbsDiff(waveform("highpass", Map.of("cutoff", 500)), reference("highpass_500")), 1e-5);
        assertEquals(0, maxAbsDiff(waveform("fade", Map.of("in", 0.1, "out", 0.25)), reference("fade")), 1e-6);
    }
}
