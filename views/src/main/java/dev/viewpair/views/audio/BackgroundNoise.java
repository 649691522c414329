package dev.viewpair.views.audio;

import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.Sound;
import java.nio.file.Path;

/**
 * Mixes in a background recording (audiomentations' {@code AddBackgroundNoise}): one file of a folder picked
 * uniformly at random, a segment of the clip's length at a uniform random offset in it, scaled so that the
 * signal-to-noise ratio is an SNR in decibels drawn uniformly from [lowDb, highDb], relative to the clip's own
 * RMS: segment RMS = clip RMS / 10^(snr / 20). A recording shorter than the clip is looped from a random offset
 * (it wraps around, with no gap), so the whole clip gets background.
 *
 * <p>A silent clip (RMS 0) has no level to be relative to and comes back unchanged, as with {@code noise}. A
 * silent segment (a pause in the recording, a silent file) cannot be scaled to an SNR: another file and offset
 * are drawn, up to {@value #DRAWS} times, after which the clip comes back unchanged.
 *
 * <p>The folder is read once per process and rate and shared by all threads ({@link BackgroundSounds}); every
 * draw comes from the view's random stream, so the same seed gives the same view.
 *
 * @param folder the folder of background recordings (searched recursively)
 * @param lowDb the lowest SNR
 * @param highDb the highest SNR
 */
public record BackgroundNoise(Path folder, double lowDb, double highDb) implements Op<Audio, Audio> {
    /** How many file and offset draws a silent segment gets before the clip is left as it is. */
    static final int DRAWS = 8;

    public BackgroundNoise {
        if (!(lowDb <= highDb)) {
            throw new IllegalArgumentException("background_noise needs low ≤ high SNR, got [" + lowDb + ", " + highDb + "] dB");
        }
    }

    @Override
    public Audio apply(Audio input, ViewContext ctx) {
        var rng = ctx.rng();
        double snrDb = rng.uniform(lowDb, highDb);
        float[] in = input.samples();
        double energy = AddNoise.energy(in, in.length);
        if (energy == 0) {
            return input;
        }
        var sounds = BackgroundSounds.of(folder, input.sampleRate()).sounds();
        for (int draw = 0; draw < DRAWS; draw++) {
            var sound = sounds.get(rng.nextInt(sounds.size()));
            long total = sound instanceof Audio a ? a.samples().length : Math.round(sound.durationSeconds() * sound.sampleRate());
            float[] segment = total >= in.length
                    ? sound.window(offset(rng.uniform(), total - in.length + 1) / (double) sound.sampleRate(), in.length)
                    : looped(sound, (int) total, in.length, rng.nextInt(Math.max(1, (int) total)));
            double segmentEnergy = AddNoise.energy(segment, segment.length);
            if (segmentEnergy > 0) {
                float scale = (float) (Math.sqrt(energy / segmentEnergy) / Math.pow(10, snrDb / 20));
                var out = new float[in.length];
                for (int i = 0; i < in.length; i++) {
                    out[i] = in[i] + scale * segment[i];
                }
                return new Audio(out, input.sampleRate());
            }
        }
        return input;
    }

    /** A sample offset uniform in [0, count) from a uniform number in [0, 1); long, as recordings may be long. */
    private static long offset(double uniform, long count) {
        return Math.min(count - 1, (long) (uniform * count));
    }

    /** {@code length} samples of a recording of {@code total} samples played round and round from {@code start}. */
    private static float[] looped(Sound sound, int total, int length, int start) {
        var out = new float[length];
        if (total == 0) {
            return out;
        }
        float[] all = sound.window(0, total);
        int filled = 0;
        int from = start;
        while (filled < length) {
            int n = Math.min(total - from, length - filled);
            System.arraycopy(all, from, out, filled, n);
            filled += n;
            from = 0;
        }
        return out;
    }
}
