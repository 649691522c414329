package dev.viewpair.datasets.synth;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.viewpair.views.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * One video of synth-video's {@link SynthVideo.Variant#TIMING}, in which sight and sound share timing only. Two or
 * three sounding sources, each a dim disc or square in its own quarter of the frame, pulse (bright and larger for two
 * frames) at irregular times, and each pulse sounds from the first sample of its frame; a source's sound (a decaying
 * tone of 1–3 harmonics at 250–2000 Hz, or a decaying noise burst) is drawn apart from its look, so no rule ties what a
 * source looks like to what it sounds like. Around them: half the videos have a silent source that pulses the same way,
 * one or two objects drift and jump to new places without a sound, and sounds of the same kinds start at random times
 * with nothing seen. The tempo — the mean time between a source's pulses — is drawn per video (0.5–1.5 s), every gap
 * 0.5–1.5 times it, so no source is periodic; the label is the tempo's third ({@link Tempo}).
 */
final class EventScene implements SynthVideo.Scene {
    static final double SECONDS = 6.0;
    static final int FRAMES = (int) (SECONDS * SynthVideo.FPS);
    private static final int SAMPLES = (int) (SECONDS * SynthVideo.SAMPLE_RATE);
    /** Frames a pulse stays bright. */
    static final int PULSE_FRAMES = 2;
    /** How bright a source is between pulses, as a fraction of its colour. */
    private static final double DIM = 0.4;

    /** The tempo classes, the label of a video: the mean gap between a source's pulses. */
    enum Tempo {
        FAST(0.5, 0.75), MEDIUM(0.75, 1.1), SLOW(1.1, 1.5);

        final double from;
        final double to;

        Tempo(double from, double to) {
            this.from = from;
            this.to = to;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Something that pulses in place: a disc or square in a quarter of the frame.
     *
     * @param onsets the frames at which its pulses start
     * @param sounds whether its pulses sound
     */
    record Pulser(int x, int y, int radius, boolean square, double[] colour, List<Integer> onsets, boolean sounds) {}

    /** A silent object, its centre per frame: drifting, now and then jumping to a new place. */
    private record Mover(int[][] centre, int radius, double[] colour) {}

    final Tempo tempo;
    final List<Pulser> pulsers = new ArrayList<>();
    /** The times at which sounds with nothing seen start, in seconds. */
    final List<Double> offscreen = new ArrayList<>();
    private final List<Mover> movers = new ArrayList<>();
    private final double[] background;
    private final float[] sound = new float[SAMPLES];

    EventScene(Tempo tempo, Rng rng) {
        this.tempo = tempo;
        double mean = rng.uniform(tempo.from, tempo.to);
        background = new double[] {rng.uniform(10, 70), rng.uniform(10, 70), rng.uniform(10, 70)};
        int sounding = 2 + rng.nextInt(2);
        boolean silentPulser = rng.bernoulli(0.5);
        int[] quarters = shuffledQuarters(rng);
        for (int i = 0; i < sounding + (silentPulser ? 1 : 0); i++) {
            int q = quarters[i];
            int radius = 5 + rng.nextInt(3);
            int x = (q % 2) * 32 + 16 + (int) Math.round(rng.uniform(-5, 5));
            int y = (q / 2) * 32 + 16 + (int) Math.round(rng.uniform(-5, 5));
            double[] colour = {rng.uniform(150, 255), rng.uniform(150, 255), rng.uniform(150, 255)};
            boolean sounds = i < sounding;
            var onsets = onsets(mean, rng);
            pulsers.add(new Pulser(x, y, radius, rng.bernoulli(0.5), colour, onsets, sounds));
            if (sounds) {
                var timbre = Timbre.draw(rng);
                onsets.forEach(k -> timbre.add(sound, sampleOf(k)));
            }
        }
        int moving = 1 + rng.nextInt(2);
        for (int i = 0; i < moving; i++) {
            movers.add(mover(rng));
        }
        double rate = rng.uniform(0.3, 0.8);
        for (double t = rng.uniform(0, 2 / rate); t < SECONDS - 0.05; t += rng.uniform(0, 2 / rate)) {
            offscreen.add(t);
            Timbre.draw(rng).add(sound, (int) (t * SynthVideo.SAMPLE_RATE));
        }
        for (int i = 0; i < sound.length; i++) {
            sound[i] = Math.max(-1f, Math.min(1f, sound[i]));
        }
    }

    /** A source's pulse frames: the first within one mean gap, each next 0.5–1.5 mean gaps later, at least 3 frames on. */
    private static List<Integer> onsets(double mean, Rng rng) {
        var out = new ArrayList<Integer>();
        double t = rng.uniform(0, mean);
        while (true) {
            int k = (int) Math.round(t * SynthVideo.FPS);
            if (k > FRAMES - PULSE_FRAMES - 1) {
                return out;
            }
            if (out.isEmpty() || k - out.get(out.size() - 1) >= 3) {
                out.add(k);
            }
            t += mean * rng.uniform(0.5, 1.5);
        }
    }

    private static int[] shuffledQuarters(Rng rng) {
        int[] q = {0, 1, 2, 3};
        for (int i = q.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = q[i];
            q[i] = q[j];
            q[j] = swap;
        }
        return q;
    }

    /** A grey-to-coloured disc drifting at 10–40 px/s, jumping to a random place 1–4 times. */
    private static Mover mover(Rng rng) {
        double x = rng.uniform(0, SynthVideo.SIDE);
        double y = rng.uniform(0, SynthVideo.SIDE);
        double angle = rng.uniform(0, 2 * Math.PI);
        double speed = rng.uniform(10, 40) / SynthVideo.FPS;
        var jumps = new TreeSet<Integer>();
        int count = 1 + rng.nextInt(4);
        for (int i = 0; i < count; i++) {
            jumps.add(1 + rng.nextInt(FRAMES - 1));
        }
        var centre = new int[FRAMES][];
        for (int k = 0; k < FRAMES; k++) {
            if (jumps.contains(k)) {
                x = rng.uniform(0, SynthVideo.SIDE);
                y = rng.uniform(0, SynthVideo.SIDE);
            } else if (k > 0) {
                x = Math.floorMod(Math.round(x + speed * Math.cos(angle)), SynthVideo.SIDE);
                y = Math.floorMod(Math.round(y + speed * Math.sin(angle)), SynthVideo.SIDE);
            }
            centre[k] = new int[] {(int) Math.round(x), (int) Math.round(y)};
        }
        double grey = rng.uniform(90, 200);
        var colour = new double[] {grey, grey * rng.uniform(0.8, 1.2), grey * rng.uniform(0.8, 1.2)};
        return new Mover(centre, 4 + rng.nextInt(4), colour);
    }

    /** The first sample of frame k. */
    static int sampleOf(int frame) {
        return (int) ((long) frame * SynthVideo.SAMPLE_RATE / SynthVideo.FPS);
    }

    @Override
    public List<Double> soundOnsets() {
        var frames = new TreeSet<Integer>();
        pulsers.stream().filter(Pulser::sounds).forEach(p -> frames.addAll(p.onsets()));
        return frames.stream().map(k -> k / (double) SynthVideo.FPS).toList();
    }

    @Override
    public int frames() {
        return FRAMES;
    }

    @Override
    public float[] sound() {
        return sound;
    }

    @Override
    public void draw(Mat frame, int k) {
        try (var ground = new Scalar(background[0], background[1], background[2], 0)) {
            frame.put(ground);
        }
        for (var m : movers) {
            try (var paint = new Scalar(m.colour[0], m.colour[1], m.colour[2], 0);
                    var at = new Point(m.centre[k][0], m.centre[k][1])) {
                circle(frame, at, m.radius, paint, FILLED, LINE_AA, 0);
            }
        }
        for (var p : pulsers) {
            boolean lit = p.onsets().stream().anyMatch(o -> k >= o && k < o + PULSE_FRAMES);
            double level = lit ? 1 : DIM;
            int r = p.radius() + (lit ? 2 : 0);
            try (var paint = new Scalar(p.colour()[0] * level, p.colour()[1] * level, p.colour()[2] * level, 0)) {
                if (p.square()) {
                    try (var from = new Point(p.x() - r, p.y() - r); var to = new Point(p.x() + r, p.y() + r)) {
                        rectangle(frame, from, to, paint, FILLED, LINE_AA, 0);
                    }
                } else {
                    try (var at = new Point(p.x(), p.y())) {
                        circle(frame, at, r, paint, FILLED, LINE_AA, 0);
                    }
                }
            }
        }
    }

    /**
     * A sound's colour, drawn apart from anything seen: a tone of 1–3 harmonics at 250–2000 Hz decaying in 20–60 ms,
     * or a noise burst decaying in 5–20 ms; either sounds for four decay times and starts at full level.
     */
    private record Timbre(boolean tone, double hz, int harmonics, double tau, double level, long noiseSeed) {
        static Timbre draw(Rng rng) {
            boolean tone = rng.bernoulli(0.6);
            double hz = 250 * Math.pow(8, rng.uniform());
            int harmonics = 1 + rng.nextInt(3);
            double tau = tone ? rng.uniform(0.02, 0.06) : rng.uniform(0.005, 0.02);
            return new Timbre(tone, hz, harmonics, tau, rng.uniform(0.3, 0.5), rng.nextInt(Integer.MAX_VALUE));
        }

        void add(float[] into, int start) {
            int length = (int) (4 * tau * SynthVideo.SAMPLE_RATE);
            var noise = Rng.of(noiseSeed);
            for (int i = 0; i < length && start + i < into.length; i++) {
                double t = i / (double) SynthVideo.SAMPLE_RATE;
                double v;
                if (tone) {
                    v = 0;
                    for (int h = 1; h <= harmonics; h++) {
                        v += Math.sin(2 * Math.PI * hz * h * t) / h;
                    }
                    v /= 1.5;
                } else {
                    v = 2 * noise.uniform() - 1;
                }
                into[start + i] += (float) (level * Math.exp(-t / tau) * v);
            }
        }
    }
}
