package dev.viewpair.views.audio.dsp;

import static dev.viewpair.catalog.Param.optional;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.onsets.ComplexOnsetDetector;
import be.tarsos.dsp.onsets.OnsetHandler;
import be.tarsos.dsp.onsets.PercussionOnsetDetector;
import dev.viewpair.catalog.Constraint;
import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamChecks;
import dev.viewpair.catalog.ParamProblem;
import dev.viewpair.catalog.ParamType;
import dev.viewpair.catalog.Params;
import dev.viewpair.catalog.Suggest;
import dev.viewpair.views.Onsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The onset detectors a window op's {@code onset: {detector: …}} names when its {@code at} is an onset time
 * ({@code clip: {seconds: 1, at: onset - 0.1s, onset: {detector: percussion}}}): TarsosDSP's complex-domain detector
 * (Duxbury et al. 2003, after aubio) and its percussion detector (Barry et al. 2005). Each declares its own keys.
 *
 * <p>Both run on frames of {@code n_fft} samples every {@code hop}, the sound padded with {@code n_fft} samples of
 * silence on both sides (so an onset at the very start is found) and dithered at −120 dB (the percussion detector
 * counts only bins that were above zero). A detection marks the frame whose analysis peaked; the onset is then placed
 * on the attack inside that frame: the steepest rise of the energy in blocks of {@code hop / 8} samples (floored 60 dB
 * below the loudest block), as librosa's {@code backtrack} places onsets on the energy's turn. A detection counts when
 * its frame is louder than {@code silence} and the energy over the hop after the attack is {@code rise} dB above the hop
 * before (TarsosDSP's peak picker also marks a frame some 7 frames after a strong onset, as that onset leaves its
 * running median; and the complex domain also sees a sound stop); onsets closer than {@code min_interval} to the one
 * before are dropped.
 */
public final class OnsetDetectors {
    /** The key of a window op that holds the detector's settings. */
    public static final String PARAM = "onset";
    /** The detector used when {@code at} is an onset time and no {@code onset} settings are given. */
    public static final String DEFAULT = "complex";

    /**
     * One detector: the name {@code detector:} gives, its keys, one line of docs, and how it is made.
     *
     * @param constraints the rules between its keys
     */
    public record Detector(String name, List<Param> params, String doc, Function<Params, Onsets> factory,
            List<Constraint> constraints) implements Entry {
        public Detector {
            params = List.copyOf(params);
            constraints = List.copyOf(constraints);
        }
    }

    private OnsetDetectors() {}

    /** The detectors, by name. */
    public static List<Detector> standard() {
        return List.of(
                new Detector("complex", List.of(
                        optional("threshold", ParamType.NUMBER, 0.3, 0.0, null,
                                "peak-picking threshold over the detection function's running median (0.1–0.8; raise it for fewer onsets)"),
                        silence(), rise(), minInterval(), nFft(), hop()),
                        "complex-domain deviation: changes of magnitude and phase (notes, speech, any sound)",
                        p -> new Complex(p.integer("n_fft"), p.integer("hop"), p.number("threshold"),
                                new Gate(p.number("silence"), p.number("rise"), p.number("min_interval"))),
                        List.of(hopFits())),
                new Detector("percussion", List.of(
                        optional("threshold", ParamType.NUMBER, 8.0, 0.0, 20.0,
                                "rise in dB from one frame to the next that makes a bin count"),
                        optional("sensitivity", ParamType.NUMBER, 60.0, 0.0, 100.0,
                                "percent: an onset needs more than (100 − sensitivity) % of the bins rising"),
                        silence(), rise(), minInterval(), nFft(), hop()),
                        "broadband energy rise in most bins at once (drums, clicks, plucks)",
                        p -> new Percussion(p.integer("n_fft"), p.integer("hop"), p.number("threshold"), p.number("sensitivity"),
                                new Gate(p.number("silence"), p.number("rise"), p.number("min_interval"))),
                        List.of(hopFits())));
    }

    /** The {@code onset} parameter of a window op. */
    public static Param param() {
        return Param.optionalUnset(PARAM, ParamType.SETTINGS, null, null, "with at: onset …, how onsets are found:"
                + " {detector: complex or percussion, its keys} (complex with its defaults when left out)");
    }

    /**
     * The rules of a window op's {@code onset} settings: given only with an onset time, a known detector, that
     * detector's keys with good values. A problem names its key as {@code onset.threshold}.
     */
    public static Constraint[] constraints(String op) {
        return new Constraint[] {
            Constraint.require(PARAM, p -> !p.has(PARAM) || p.time("at").onset(),
                    p -> "op '" + op + "' has onset settings, but its 'at' (" + p.time("at") + ") is not an onset time",
                    "write at: onset (or onset + 0.25s) to place the anchor on an onset, or remove onset"),
            p -> p.has(PARAM) ? settingsProblem(op, p.settings(PARAM)) : Optional.empty(),
        };
    }

    /** The onsets a window op's values ask for: present when its {@code at} is an onset time. */
    public static Optional<Onsets> of(Params p) {
        if (!p.time("at").onset()) {
            return Optional.empty();
        }
        return Optional.of(make(p.has(PARAM) ? p.settings(PARAM) : Map.of()));
    }

    /** A detector from checked settings ({@code {detector: percussion, threshold: 6}}). */
    public static Onsets make(Map<String, Object> settings) {
        var d = detector(settings);
        return d.factory().apply(ParamChecks.values(owner(d), d.params(), ownKeys(settings)));
    }

    /** The settings but {@code detector}: the detector's own keys. */
    private static Map<String, Object> ownKeys(Map<String, Object> settings) {
        var given = new LinkedHashMap<>(settings);
        given.remove("detector");
        return given;
    }

    private static Detector detector(Map<String, Object> settings) {
        var name = settings.getOrDefault("detector", DEFAULT);
        return standard().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown onset detector '" + name + "'"));
    }

    private static Optional<ParamProblem> settingsProblem(String op, Map<String, Object> settings) {
        var names = standard().stream().map(Detector::name).toList();
        var name = settings.getOrDefault("detector", DEFAULT);
        if (!(name instanceof String s) || !names.contains(s)) {
            var closest = name instanceof String s ? Suggest.closest(s, names) : null;
            return Optional.of(new ParamProblem(PARAM + ".detector", "unknown onset detector '" + name + "' of op '" + op + "'",
                    (closest != null ? "did you mean '" + closest + "'? " : "") + "detectors: " + String.join(", ", names)));
        }
        var d = detector(settings);
        var given = ownKeys(settings);
        var keys = Stream.concat(Stream.of("detector"), d.params().stream().map(Param::name)).toList();
        var found = new ArrayList<>(ParamChecks.check(owner(d) + " of op '" + op + "'", d.params(), keys, given));
        if (found.isEmpty()) {
            found.addAll(ParamChecks.constraintProblems(ParamChecks.values(owner(d), d.params(), given), d.constraints()));
        }
        return found.stream().findFirst().map(f -> new ParamProblem(PARAM + "." + f.param(), f.message(),
                otherDetectorHint(d, f).orElse(f.hint())));
    }

    /** For a key of another detector given to this one: which detector takes it. */
    private static Optional<String> otherDetectorHint(Detector d, ParamProblem problem) {
        if (d.params().stream().anyMatch(p -> p.name().equals(problem.param()))) {
            return Optional.empty();
        }
        return standard().stream().filter(o -> o.params().stream().anyMatch(p -> p.name().equals(problem.param())))
                .findFirst().map(o -> "'" + problem.param() + "' is a key of detector '" + o.name() + "'; '" + d.name()
                        + "' takes " + String.join(", ", d.params().stream().map(Param::name).toList()));
    }

    private static String owner(Detector d) {
        return "onset detector '" + d.name() + "'";
    }

    private static Param silence() {
        return optional("silence", ParamType.NUMBER, -45.0, -200.0, 0.0,
                "an onset whose frame is quieter than this (RMS, dB full scale) is dropped");
    }

    private static Param rise() {
        return optional("rise", ParamType.NUMBER, 3.0, 0.0, null, "dB the energy over the hop after the attack must"
                + " exceed the hop before (drops detections in steady or fading sound)");
    }

    private static Param minInterval() {
        return optional("min_interval", ParamType.NUMBER, 0.03, 0.0, null, "seconds: an onset this close after another is dropped");
    }

    private static Param nFft() {
        return optional("n_fft", ParamType.INTEGER, 512, 16.0, 8192.0, "analysis frame in samples");
    }

    private static Param hop() {
        return optional("hop", ParamType.INTEGER, 256, 1.0, null, "samples between frames (the onsets' time resolution before the attack is placed)");
    }

    private static Constraint hopFits() {
        return Constraint.require("hop", p -> p.integer("hop") <= p.integer("n_fft"),
                p -> "hop " + p.integer("hop") + " is longer than n_fft " + p.integer("n_fft") + ": frames would leave gaps",
                "give hop ≤ n_fft (n_fft / 2 is usual)");
    }

    /**
     * What a detection must pass to count as an onset.
     *
     * @param silence the RMS level (dBFS) its frame must reach
     * @param rise how many dB the energy over the hop after its attack must exceed that over the hop before
     * @param minInterval seconds after the onset before it within which it is dropped
     */
    record Gate(double silence, double rise, double minInterval) {
        /** The keys as a recipe writes them, between a detector's own keys and n_fft. */
        @Override
        public String toString() {
            return ", silence: " + silence + ", rise: " + rise + ", min_interval: " + minInterval + ", ";
        }
    }

    /** TarsosDSP's complex-domain detector; its peak picker marks the frame two frames before the one just read. */
    record Complex(int nFft, int hop, double threshold, Gate gate) implements Onsets {
        @Override
        public double[] find(float[] samples, int sampleRate) {
            return onsets(samples, sampleRate, nFft, hop, 2, gate, handler -> {
                // TarsosDSP's own silence test reads the frame two after the one that peaked: it is done here instead
                var d = new ComplexOnsetDetector(nFft, threshold, gate.minInterval(), Double.NEGATIVE_INFINITY);
                d.setHandler(handler);
                return d;
            });
        }

        @Override
        public String toString() {
            return "{detector: complex, threshold: " + threshold + gate + "n_fft: " + nFft + ", hop: " + hop + "}";
        }
    }

    /** TarsosDSP's percussion detector; it marks the frame before the one just read. */
    record Percussion(int nFft, int hop, double threshold, double sensitivity, Gate gate) implements Onsets {
        @Override
        public double[] find(float[] samples, int sampleRate) {
            return onsets(samples, sampleRate, nFft, hop, 1, gate, handler -> new PercussionOnsetDetector(sampleRate, nFft, handler, sensitivity, threshold));
        }
    }

    /**
     * Runs a detector over frames of the padded, dithered sound and places each detection on its attack.
     *
     * @param lag how many frames before the one just read a detection marks
     * @param gate what a detection must pass
     */
    static double[] onsets(float[] samples, int rate, int nFft, int hop, int lag, Gate gate,
            Function<OnsetHandler, AudioProcessor> make) {
        int pad = nFft;
        var x = new float[samples.length + 2 * pad + lag * hop];
        var dither = new SplittableRandom(0x0115E7L);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((dither.nextDouble() - 0.5) * 2e-6);
        }
        for (int i = 0; i < samples.length; i++) {
            x[pad + i] += samples[i];
        }
        var marked = new ArrayList<Integer>();
        int[] frame = {0};
        var detector = make.apply((time, salience) -> marked.add(frame[0] - lag));
        var event = new AudioEvent(new TarsosDSPAudioFormat(rate, 16, 1, true, false));
        event.setOverlap(nFft - hop);
        for (int f = 0; (long) f * hop + nFft <= x.length; f++) {
            frame[0] = f;
            event.setFloatBuffer(Arrays.copyOfRange(x, f * hop, f * hop + nFft));
            // 16-bit frames: the detectors read the time from the byte count. The count starts a second in, since the
            // complex detector drops an onset that comes within min_interval of 0 s (its last onset before the first)
            event.setBytesProcessed(2L * (f * hop + rate));
            detector.process(event);
        }
        var times = new ArrayList<Double>();
        for (int k : marked) {
            if (level(x, k * hop, nFft) < gate.silence()) {
                continue;
            }
            int at = attack(x, k * hop - hop, k * hop + nFft, Math.max(1, hop / 8));
            double t = (at - pad) / (double) rate;
            boolean rises = level(x, at, hop) - level(x, at - hop, hop) >= gate.rise();
            if (rises && t >= 0 && t <= samples.length / (double) rate
                    && (times.isEmpty() || t - times.get(times.size() - 1) >= Math.max(gate.minInterval(), 0.5 / rate))) {
                times.add(t);
            }
        }
        return times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** The RMS level of {@code length} samples from {@code from}, in dB full scale. */
    private static double level(float[] x, int from, int length) {
        double e = 0;
        for (int i = Math.max(0, from); i < Math.min(x.length, from + length); i++) {
            e += (double) x[i] * x[i];
        }
        return 10 * Math.log10(e / length + 1e-30);
    }

    /**
     * The sample in [from, to) where the energy, in blocks of {@code block} samples floored 60 dB below the loudest,
     * rises most steeply from one block to the next: the start of the louder block.
     */
    static int attack(float[] x, int from, int to, int block) {
        from = Math.max(0, from);
        to = Math.min(x.length, to);
        int blocks = (to - from) / block;
        if (blocks < 2) {
            return from;
        }
        var energy = new double[blocks];
        double loudest = 0;
        for (int b = 0; b < blocks; b++) {
            double e = 0;
            for (int i = from + b * block; i < from + (b + 1) * block; i++) {
                e += (double) x[i] * x[i];
            }
            energy[b] = e / block;
            loudest = Math.max(loudest, energy[b]);
        }
        double floor = Math.max(loudest * 1e-6, 1e-30);
        int best = 1;
        double steepest = Double.NEGATIVE_INFINITY;
        for (int b = 1; b < blocks; b++) {
            double rise = Math.log10(Math.max(energy[b], floor)) - Math.log10(Math.max(energy[b - 1], floor));
            if (rise > steepest) {
                steepest = rise;
                best = b;
            }
        }
        return from + best * block;
    }
}
