package dev.viewpair.datasets.synth;

import dev.viewpair.views.Rng;

/**
 * Synthesizes one audio clip of a category: short tone events repeating through the clip, each following
 * the shape's pitch contour, played smoothly (cool) or with a deep, fast tremolo (warm), over coloured
 * background noise.
 *
 * <p>Events start every 0.28–0.42 s from a random phase, so every 1-second window holds at least two of
 * them. The class lives in how the sound changes over time, not in how loud it is or which frequencies it
 * holds on average: the base pitch (150–600 Hz), per-event pitch jitter (±2 semitones), harmonic rolloff,
 * loudness, noise level and noise colour are random; the rising, falling and vibrato contours sweep the same
 * ±2–2.5 semitones; and the tremolo is normalized so that it does not change the loudness.
 */
final class ToneSynth {
    private static final int TABLE_SIZE = 4096;
    /** Harmonics stop below this frequency, safely under the 8 kHz Nyquist limit of 16 kHz audio. */
    private static final double HIGHEST_HARMONIC_HZ = 7000;
    /** The most a contour rises above an event's pitch, plus the most an event's pitch is jittered up. */
    private static final double MAX_RISE_SEMITONES = 2.5 + 2;
    private static final float[] SINE = sine();

    private final int sampleRate;

    ToneSynth(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** A clip of 2–4 s of 16-bit PCM. */
    short[] synthesize(Category category, Rng rng) {
        int length = (int) Math.round(rng.uniform(2, 4) * sampleRate);
        var signal = new float[length];
        double basePitch = 150 * Math.pow(2, rng.uniform(0, 2));
        int harmonics = (int) (HIGHEST_HARMONIC_HZ / (basePitch * semitones(MAX_RISE_SEMITONES)));
        float[] table = wavetable(harmonics, rng.uniform(0.6, 1.6));
        var tremolo = category.family() == Category.Family.WARM
                ? new Tremolo(rng.uniform(14, 18), rng.uniform(0.75, 0.95))
                : Tremolo.NONE;
        double interval = rng.uniform(0.28, 0.42);
        double eventLength = Math.min(rng.uniform(0.2, 0.26), interval - 0.04);
        for (double onset = -rng.uniform(0, interval); onset < length / (double) sampleRate; onset += interval) {
            double pitch = basePitch * semitones(rng.uniform(-2, 2));
            var event = new Event(onset, eventLength, pitch, rng.uniform(0, 1), rng.uniform(0, 1));
            addEvent(signal, table, category.shape(), tremolo, event);
        }
        double gain = decibels(rng.uniform(-18, -8));
        double noiseLevel = gain * decibels(-rng.uniform(8, 22));
        addNoise(signal, noiseLevel, rng.uniform(-0.9, 0.9), rng.split());
        var pcm = new short[length];
        for (int i = 0; i < length; i++) {
            double v = signal[i] * gain;
            pcm[i] = (short) Math.round(Math.max(-1, Math.min(1, v)) * Short.MAX_VALUE);
        }
        return pcm;
    }

    /** One tone event: its onset and length in seconds, centre pitch in Hz, and start phases in cycles. */
    private record Event(double onset, double seconds, double pitch, double phase, double tremoloPhase) {}

    /**
     * A gain of {@code 1 − depth·(1 + cos)/2} at {@code rate} Hz, divided by its RMS so that it leaves the
     * loudness unchanged.
     */
    private record Tremolo(double rate, double depth) {
        static final Tremolo NONE = new Tremolo(0, 0);

        double gain(double cycles) {
            double steady = 1 - depth / 2;
            double swing = depth / 2;
            return (steady - swing * Math.cos(2 * Math.PI * cycles)) / Math.sqrt(steady * steady + swing * swing / 2);
        }
    }

    /** Adds one event: the contour of the shape around its pitch, with a short attack and release. */
    private void addEvent(float[] signal, float[] table, Category.Shape shape, Tremolo tremolo, Event event) {
        int first = (int) Math.ceil(event.onset * sampleRate);
        int count = (int) (event.seconds * sampleRate);
        double attack = 0.012 * sampleRate;
        double release = 0.04 * sampleRate;
        double phase = event.phase;
        for (int n = 0; n < count; n++) {
            double progress = n / (double) count;
            double seconds = n / (double) sampleRate;
            double frequency = event.pitch * semitones(switch (shape) {
                case SQUARE -> 0;
                case TRIANGLE -> -2.5 + 5 * progress;
                case STAR -> 2.5 - 5 * progress;
                case CIRCLE -> 2 * Math.sin(2 * Math.PI * 8 * seconds);
            });
            phase += frequency / sampleRate;
            phase -= Math.floor(phase);
            int i = first + n;
            if (i < 0 || i >= signal.length) {
                continue;
            }
            double envelope = Math.min(1, Math.min(n / attack, (count - n) / release))
                    * tremolo.gain(event.tremoloPhase + tremolo.rate * seconds);
            double position = phase * TABLE_SIZE;
            int k = (int) position;
            double fraction = position - k;
            signal[i] += (float) (envelope * (table[k] + fraction * (table[(k + 1) % TABLE_SIZE] - table[k])));
        }
    }

    /**
     * Adds white noise passed through a one-pole filter: a positive {@code tilt} makes it darker, a negative
     * one brighter, so the overall spectrum of a clip varies from clip to clip regardless of its class.
     */
    private static void addNoise(float[] signal, double level, double tilt, Rng rng) {
        double previous = 0;
        double norm = Math.sqrt(1 - tilt * tilt);
        for (int i = 0; i < signal.length; i++) {
            previous = tilt * previous + norm * (2 * rng.uniform() - 1) * Math.sqrt(3);
            signal[i] += (float) (level * previous);
        }
    }

    /** One period of harmonics 1..count with amplitudes k^−rolloff, normalized to unit RMS. */
    private static float[] wavetable(int count, double rolloff) {
        var table = new float[TABLE_SIZE];
        double meanSquare = 0;
        for (int k = 1; k <= count; k++) {
            float amplitude = (float) Math.pow(k, -rolloff);
            meanSquare += amplitude * amplitude / 2;
            for (int i = 0; i < TABLE_SIZE; i++) {
                table[i] += amplitude * SINE[(int) ((long) k * i % TABLE_SIZE)];
            }
        }
        float scale = (float) (1 / Math.sqrt(meanSquare));
        for (int i = 0; i < TABLE_SIZE; i++) {
            table[i] *= scale;
        }
        return table;
    }

    private static float[] sine() {
        var table = new float[TABLE_SIZE];
        for (int i = 0; i < TABLE_SIZE; i++) {
            table[i] = (float) Math.sin(2 * Math.PI * i / TABLE_SIZE);
        }
        return table;
    }

    private static double semitones(double s) {
        return Math.pow(2, s / 12);
    }

    private static double decibels(double db) {
        return Math.pow(10, db / 20);
    }
}
