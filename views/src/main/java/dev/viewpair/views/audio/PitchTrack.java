package dev.viewpair.views.audio;

import be.tarsos.dsp.pitch.PitchDetector;
import be.tarsos.dsp.pitch.PitchProcessor.PitchEstimationAlgorithm;
import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.dsp.Stft;
import dev.viewpair.views.audio.io.Audio;
import java.util.Arrays;
import java.util.Locale;

/**
 * The pitch of a waveform over time, by TarsosDSP's YIN (de Cheveigné and Kawahara 2002) or MPM (McLeod and Wyvill
 * 2005): one frame of {@code frame} samples every {@code hop}, centred on {@code k · hop} (the waveform zero-padded by
 * {@code frame / 2} on both sides, as librosa's {@code pyin} with {@code center=True}), so a frame lines up with the
 * frame of a {@code log_mel} of the same hop. It gives a 2 × frames "spectrogram": row 0 the pitch in Hz (0 where the
 * detector finds the frame unvoiced), row 1 the detector's probability (YIN: 1 − the aperiodicity at the chosen lag;
 * MPM: the normalized autocorrelation's peak; 0 where unvoiced), time along the last axis as every spectrogram here.
 *
 * @param algorithm yin, fft_yin (YIN, its difference function by FFT) or mpm
 * @param frame samples per analysis frame; the lowest pitch found is about 2 · rate / frame
 * @param hop samples between frames
 */
public record PitchTrack(Algorithm algorithm, int frame, int hop) implements Op<Audio, Spectrogram> {
    /** The detectors, as a recipe names them. */
    public enum Algorithm {
        YIN(PitchEstimationAlgorithm.YIN),
        /** YIN with its difference function computed by FFT: the same estimate, several times faster at large frames. */
        FFT_YIN(PitchEstimationAlgorithm.FFT_YIN),
        MPM(PitchEstimationAlgorithm.MPM);

        private final PitchEstimationAlgorithm tarsos;

        Algorithm(PitchEstimationAlgorithm tarsos) {
            this.tarsos = tarsos;
        }

        public String recipeName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PitchTrack {
        if (frame < 2 || hop < 1) {
            throw new IllegalArgumentException("pitch_track needs frame ≥ 2 and hop ≥ 1, got frame " + frame + " and hop " + hop);
        }
    }

    /** Frames of a waveform of {@code length} samples: 1 + length / hop. */
    public static int frames(int length, int frame, int hop) {
        return Stft.frames(length, frame, hop);
    }

    @Override
    public Spectrogram apply(Audio input, ViewContext ctx) {
        float[] x = input.samples();
        int frames = frames(x.length, frame, hop);
        // a detector keeps buffers between calls: one per call, so that threads never share one
        PitchDetector detector = algorithm.tarsos.getDetector(input.sampleRate(), frame);
        var data = new float[2 * frames];
        var buffer = new float[frame];
        int pad = frame / 2;
        for (int k = 0; k < frames; k++) {
            Arrays.fill(buffer, 0);
            int start = k * hop - pad;
            int from = Math.max(0, start);
            int to = Math.min(x.length, start + frame);
            if (to > from) {
                System.arraycopy(x, from, buffer, from - start, to - from);
            }
            if (silent(buffer)) {
                continue; // unvoiced; MPM's peak picking fails on a frame of zeros
            }
            var result = detector.getPitch(buffer);
            if (result.isPitched() && result.getPitch() > 0) {
                data[k] = result.getPitch();
                data[frames + k] = result.getProbability();
            }
        }
        return new Spectrogram(data, 2, frames);
    }

    /** A frame below −150 dB full scale: nothing to find a pitch in. */
    private static boolean silent(float[] buffer) {
        double e = 0;
        for (float v : buffer) {
            e += (double) v * v;
        }
        return e < 1e-15 * buffer.length;
    }
}
