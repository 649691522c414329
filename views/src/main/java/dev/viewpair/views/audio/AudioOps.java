package dev.viewpair.views.audio;

import dev.viewpair.views.audio.dsp.OnsetDetectors;
import dev.viewpair.views.audio.dsp.Stft;
import dev.viewpair.views.audio.io.Audio;
import static dev.viewpair.catalog.Param.optional;
import static dev.viewpair.catalog.Param.required;

import dev.viewpair.views.Apart;
import dev.viewpair.views.MediaException;
import dev.viewpair.catalog.Constraint;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamProblem;
import dev.viewpair.catalog.ParamType;
import dev.viewpair.catalog.Params;
import dev.viewpair.views.catalog.Dim;
import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.catalog.ShapeContext;
import dev.viewpair.views.catalog.Stage;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The audio op catalogue: waveform ops ({@code clip}, {@code gain}, {@code noise}, {@code background_noise},
 * {@code pitch_shift}, {@code time_stretch}, {@code speed}, filters, {@code reverse}, {@code polarity}, {@code fade}), the
 * spectrogram front ends ({@code log_mel}, {@code spectrogram}, {@code mfcc}), the pitch track ({@code pitch_track},
 * 2 rows: pitch and probability) and ops on spectrograms
 * ({@code time_mask}, {@code freq_mask}, {@code normalize}). STFT defaults suit 16 kHz: a 400-sample (25 ms)
 * window every 160 samples (10 ms), torchaudio's defaults.
 *
 * <p>{@code time_stretch} and {@code speed} change the length. A view keeps a fixed shape when a
 * {@code clip} comes after them: either stretch the whole recording and then clip (the anchor is then a time
 * on the stretched recording, and the clip zero-pads whatever runs past its end), or — cheaper and keeping
 * the anchor on the original timeline — clip a window a little longer than needed at the anchor, stretch it,
 * and cut it with a second {@code clip} at an absolute time ({@code at: 0}), which the anchor ignores.
 * The same holds for cost: {@code pitch_shift} and {@code time_stretch} take time and memory in proportion to
 * what they are given, so give them a clip rather than a whole recording.
 */
public final class AudioOps {
    private static final int MAX_FFT = 8192;

    private AudioOps() {}

    public static List<OpDescriptor> descriptors() {
        return List.of(
                new OpDescriptor("clip", Stage.WAVEFORM, Stage.WAVEFORM, Apart.params(
                        required("seconds", ParamType.NUMBER, 0.001, null, "window length in seconds"),
                        optional("at", ParamType.TIME, "anchor", null, null,
                                "window start: anchor, anchor + 0.5s, onset + 0.25s, or an absolute time"),
                        optional("jitter", ParamType.NUMBER, 0.0, 0.0, null,
                                "random shift of the start, uniform in ±jitter seconds"),
                        OnsetDetectors.param()),
                        1, "cut a fixed-length window (zero-padded past the ends) at a time relative to the anchor",
                        p -> new Clip(p.number("seconds"), p.time("at"), p.number("jitter"), Apart.of(p), OnsetDetectors.of(p)))
                        .withConstraints(Apart.constraints())
                        .withConstraints(OnsetDetectors.constraints("clip"))
                        .withShape((in, p, c) -> Shape.waveform(Dim.fixed(Audio.samplesIn(p.number("seconds"), in.sampleRate())),
                                in.sampleRate())),
                new OpDescriptor("gain", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("db", ParamType.RANGE, List.of(-6.0, 6.0), null, null,
                                "gain in dB, drawn uniformly from [low, high]"),
                        optional("clamp", ParamType.BOOLEAN, false, null, null, "limit the result to ±1")),
                        1, "scale the waveform by a random gain in dB (no clipping unless clamp)",
                        p -> new Gain(p.range("db")[0], p.range("db")[1], p.bool("clamp"))),
                new OpDescriptor("noise", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("snr", ParamType.RANGE, List.of(10.0, 30.0), null, null,
                                "signal-to-noise ratio in dB, drawn uniformly from [low, high]"),
                        Param.choice("color", "white", names(AddNoise.Color.values()), "white or pink (1/f power)")),
                        1, "add Gaussian noise at a random SNR relative to the clip's RMS (silence stays silent)",
                        p -> new AddNoise(p.range("snr")[0], p.range("snr")[1],
                                AddNoise.Color.valueOf(p.string("color").toUpperCase(Locale.ROOT)))),
                new OpDescriptor("background_noise", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        required("folder", ParamType.PATH, null, null,
                                "folder of background recordings, searched recursively (relative to the recipe's folder)"),
                        optional("snr", ParamType.RANGE, List.of(3.0, 30.0), null, null,
                                "signal-to-noise ratio in dB, drawn uniformly from [low, high]")),
                        1, "mix in a random segment of a random file of a folder at a random SNR relative to the clip's RMS"
                                + " (short files loop; silence stays silent)",
                        p -> new BackgroundNoise(p.path("folder"), p.range("snr")[0], p.range("snr")[1]))
                        .withConstraints(holdsAudio("background_noise", "folder")),
                new OpDescriptor("pitch_shift", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("semitones", ParamType.RANGE, List.of(-2.0, 2.0), -24.0, 24.0,
                                "pitch shift in semitones, drawn uniformly from [low, high]")),
                        1, "shift the pitch, keeping length and tempo (phase vocoder, then resampling)",
                        p -> new PitchShift(p.range("semitones")[0], p.range("semitones")[1])),
                new OpDescriptor("time_stretch", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("rate", ParamType.RANGE, List.of(0.8, 1.25), 0.25, 4.0,
                                "tempo factor, drawn uniformly from [low, high]; above 1 is faster and shorter")),
                        1, "change the tempo, keeping the pitch (WSOLA); length becomes n / rate — clip afterwards",
                        p -> new TimeStretch(p.range("rate")[0], p.range("rate")[1]))
                        .withShape((in, p, c) -> stretched(in, p.range("rate"), "time_stretch", "rate", c)),
                new OpDescriptor("speed", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("factor", ParamType.RANGE, List.of(0.9, 1.1), 0.25, 4.0,
                                "playback speed, drawn uniformly from [low, high]; pitch moves with it")),
                        1, "play faster or slower by resampling (pitch and tempo together); length becomes n / factor — clip afterwards",
                        p -> new Speed(p.range("factor")[0], p.range("factor")[1]))
                        .withShape((in, p, c) -> stretched(in, p.range("factor"), "speed", "factor", c)),
                new OpDescriptor("lowpass", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("cutoff", ParamType.RANGE, List.of(2000.0, 6000.0), 1.0, null,
                                "cutoff in Hz (−3 dB), drawn uniformly from [low, high]")),
                        1, "second-order Butterworth low-pass (torchaudio lowpass_biquad), 12 dB per octave",
                        p -> new LowPass(p.range("cutoff")[0], p.range("cutoff")[1])),
                new OpDescriptor("highpass", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("cutoff", ParamType.RANGE, List.of(50.0, 500.0), 1.0, null,
                                "cutoff in Hz (−3 dB), drawn uniformly from [low, high]")),
                        1, "second-order Butterworth high-pass (torchaudio highpass_biquad), 12 dB per octave",
                        p -> new HighPass(p.range("cutoff")[0], p.range("cutoff")[1])),
                new OpDescriptor("bandpass", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("low", ParamType.RANGE, List.of(100.0, 400.0), 1.0, null,
                                "lower edge in Hz (−3 dB), drawn uniformly from [low, high]"),
                        optional("high", ParamType.RANGE, List.of(3000.0, 6000.0), 1.0, null,
                                "upper edge in Hz (−3 dB), drawn uniformly from [low, high]")),
                        1, "keep a band: Butterworth high-pass at the lower edge, then low-pass at the upper edge",
                        p -> new BandPass(p.range("low")[0], p.range("low")[1], p.range("high")[0], p.range("high")[1]))
                        .withConstraints(Constraint.require("high", p -> p.range("low")[1] < p.range("high")[0],
                                p -> "op 'bandpass' needs every lower edge below every upper edge, got low up to "
                                        + p.range("low")[1] + " Hz and high from " + p.range("high")[0] + " Hz",
                                "make high's smallest value larger than low's largest")),
                new OpDescriptor("reverse", Stage.WAVEFORM, Stage.WAVEFORM, List.of(),
                        0.5, "play the audio backwards", p -> new Reverse()),
                new OpDescriptor("polarity", Stage.WAVEFORM, Stage.WAVEFORM, List.of(),
                        0.5, "invert the sign of every sample", p -> new InvertPolarity()),
                new OpDescriptor("fade", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("in", ParamType.NUMBER, 0.1, 0.0, null, "fade-in length in seconds"),
                        optional("out", ParamType.NUMBER, 0.1, 0.0, null, "fade-out length in seconds")),
                        1, "linear fade-in and fade-out (torchaudio Fade, linear shape)",
                        p -> new Fade(p.number("in"), p.number("out"))),
                new OpDescriptor("log_mel", Stage.WAVEFORM, Stage.SPECTROGRAM, List.of(
                        optional("mels", ParamType.INTEGER, 64, 1.0, 1024.0, "mel bands (output rows)"),
                        nFft(), hop(), win(), fMin(), fMax(), power(),
                        optional("log_offset", ParamType.NUMBER, 1e-6, 1e-12, null,
                                "added before the natural log, ln(mel + log_offset)")),
                        1, "log-mel spectrogram (torchaudio MelSpectrogram conventions, HTK mel, then ln(x + offset))",
                        p -> new LogMel(p.integer("mels"), p.integer("n_fft"), p.integer("hop"), window(p),
                                p.number("f_min"), p.number("f_max"), p.number("power"), p.number("log_offset")))
                        .withConstraints(windowFits("log_mel"), bandIsOrdered("log_mel"))
                        .withShape((in, p, c) -> spectrogram(in, p.integer("mels"), p)),
                new OpDescriptor("spectrogram", Stage.WAVEFORM, Stage.SPECTROGRAM, List.of(nFft(), hop(), win(), power()),
                        1, "linear-frequency STFT spectrogram, n_fft / 2 + 1 rows of |X|^power",
                        p -> new LinearSpectrogram(p.integer("n_fft"), p.integer("hop"), window(p), p.number("power")))
                        .withConstraints(windowFits("spectrogram"))
                        .withShape((in, p, c) -> spectrogram(in, p.integer("n_fft") / 2 + 1, p)),
                new OpDescriptor("mfcc", Stage.WAVEFORM, Stage.SPECTROGRAM, List.of(
                        optional("n_mfcc", ParamType.INTEGER, 40, 1.0, 1024.0, "coefficients kept (output rows), ≤ mels"),
                        optional("mels", ParamType.INTEGER, 64, 1.0, 1024.0, "mel bands before the DCT"),
                        nFft(), hop(), win(), fMin(), fMax(),
                        optional("log_mels", ParamType.BOOLEAN, false, null, null,
                                "ln(mel + 1e-6) instead of decibels with an 80 dB floor")),
                        1, "MFCC (torchaudio MFCC conventions: mel power in dB, top_db 80, orthonormal DCT-II)",
                        p -> new Mfcc(p.integer("n_mfcc"), p.integer("mels"), p.integer("n_fft"), p.integer("hop"),
                                window(p), p.number("f_min"), p.number("f_max"), p.bool("log_mels")))
                        .withConstraints(windowFits("mfcc"), bandIsOrdered("mfcc"),
                                Constraint.require("n_mfcc", p -> p.integer("n_mfcc") <= p.integer("mels"),
                                        p -> "op 'mfcc' needs n_mfcc ≤ mels, got n_mfcc " + p.integer("n_mfcc")
                                                + " and mels " + p.integer("mels"),
                                        "lower n_mfcc or raise mels"))
                        .withShape((in, p, c) -> spectrogram(in, p.integer("n_mfcc"), p)),
                new OpDescriptor("pitch_track", Stage.WAVEFORM, Stage.SPECTROGRAM, List.of(
                        Param.choice("algorithm", "yin", names(PitchTrack.Algorithm.values()),
                                "TarsosDSP's yin, fft_yin (the same, its difference function by FFT: faster) or mpm (McLeod)"),
                        optional("frame", ParamType.INTEGER, 1024, 16.0, (double) MAX_FFT,
                                "samples per analysis frame; the lowest pitch found is about 2 · rate / frame"),
                        hop()),
                        1, "pitch over time (YIN or MPM): 2 rows, the pitch in Hz (0 unvoiced) and its probability, one frame per hop",
                        p -> new PitchTrack(PitchTrack.Algorithm.valueOf(p.string("algorithm").toUpperCase(Locale.ROOT)),
                                p.integer("frame"), p.integer("hop")))
                        .withShape((in, p, c) -> Shape.spectrogram(Dim.fixed(2),
                                in.samples().map(n -> PitchTrack.frames(n, p.integer("frame"), p.integer("hop")), "frames(n)"))),
                mask("time_mask", SpecMask.Axis.TIME, "max_frames", 20, "frames", "time columns"),
                mask("freq_mask", SpecMask.Axis.FREQUENCY, "max_bins", 10, "bins", "frequency rows"),
                new OpDescriptor("normalize", Stage.SPECTROGRAM, Stage.SPECTROGRAM, List.of(
                        optional("mean", ParamType.NUMBER, 0.0, null, null, "mean to subtract, used with a given std"),
                        optional("std", ParamType.NUMBER, 0.0, 0.0, null,
                                "standard deviation to divide by; 0 = measure mean and std on each spectrogram")),
                        1, "standardize a spectrogram to mean 0, std 1 (per utterance, or with given statistics)",
                        p -> new NormalizeSpectrogram(p.number("mean"), p.number("std")))
                        .withConstraints(Constraint.require("mean", p -> p.number("mean") == 0 || p.number("std") > 0,
                                p -> "op 'normalize' uses a given mean only with a given std, got mean "
                                        + p.number("mean") + " and std 0 (per utterance)",
                                "give std too, or leave out mean to normalize per utterance")));
    }

    /**
     * A waveform after {@code time_stretch} or {@code speed}, whose length becomes round(n / rate): fixed for one rate,
     * else drawn anew each time.
     */
    private static Shape stretched(Shape in, double[] range, String op, String key, ShapeContext context) {
        double low = range[0];
        double high = range[1];
        Dim n = in.samples();
        if (low == high) {
            return Shape.waveform(n.map(x -> TimeStretch.length(x, low), "n/" + fmt(low)), in.sampleRate());
        }
        if (n instanceof Dim.Varies v) {
            var r = v.range().map(x -> new Dim.Range(TimeStretch.length(x.low(), high), TimeStretch.length(x.high(), low)));
            return Shape.waveform(new Dim.Varies(r, v.why(), v.fix(), v.origin()), in.sampleRate());
        }
        var drawn = op + " draws " + key + " from [" + fmt(low) + ", " + fmt(high) + "]";
        Optional<Dim.Range> r = Optional.empty();
        if (n instanceof Dim.Fixed f) {
            r = Optional.of(new Dim.Range(TimeStretch.length(f.size(), high), TimeStretch.length(f.size(), low)));
            double rate = in.sampleRate();
            drawn += ", so its " + fmt(f.size() / rate) + " s (" + f.size() + " samples) become " + fmt(r.get().low() / rate)
                    + "–" + fmt(r.get().high() / rate) + " s (" + r.get() + " samples)";
        } else {
            drawn += ", so the length changes with each draw";
        }
        var fix = "clip after " + op + " (e.g. clip: {seconds: 1.0, at: 0}), or give one " + key + " (" + key + ": ["
                + fmt(low) + ", " + fmt(low) + "])";
        return Shape.waveform(new Dim.Varies(r, drawn, fix, context.origin()), in.sampleRate());
    }

    /** A spectrogram of {@code bands} rows, one frame per hop of the waveform (reflect-padded by n_fft / 2 each side). */
    private static Shape spectrogram(Shape in, int bands, Params p) {
        int nFft = p.integer("n_fft");
        int hop = p.integer("hop");
        return Shape.spectrogram(Dim.fixed(bands), in.samples().map(n -> Stft.frames(n, nFft, hop), "frames(n)"));
    }

    /** A number for a message: at most four decimals, no trailing zeros. */
    private static String fmt(double x) {
        return java.math.BigDecimal.valueOf(x).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static OpDescriptor mask(String name, SpecMask.Axis axis, String widthKey, int width, String unit, String what) {
        return new OpDescriptor(name, Stage.SPECTROGRAM, Stage.SPECTROGRAM, List.of(
                optional(widthKey, ParamType.INTEGER, width, 0.0, null,
                        "widest band in " + unit + "; each width uniform in 0 … " + widthKey),
                optional("count", ParamType.INTEGER, 2, 0.0, null, "how many bands"),
                Param.choice("fill", "mean", names(SpecMask.Fill.values()), "mean (of the spectrogram) or zero (torchaudio's choice)")),
                1, "SpecAugment: fill random bands of " + what + " with the mean or zero",
                p -> new SpecMask(axis, p.integer(widthKey), p.integer("count"),
                        SpecMask.Fill.valueOf(p.string("fill").toUpperCase(Locale.ROOT))));
    }

    /** An enum's constants as a recipe names them (lower case). */
    private static List<String> names(Enum<?>[] choices) {
        return Arrays.stream(choices).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** A {@link ParamType#PATH} parameter that must name a folder with at least one audio file under it. */
    private static Constraint holdsAudio(String op, String key) {
        return values -> {
            var folder = values.path(key);
            try {
                return BackgroundSounds.audioFiles(folder).isEmpty()
                        ? Optional.of(new ParamProblem(key, "'" + key + "' of op '" + op + "': folder '" + folder
                                + "' holds no audio file", "add recordings ("
                                + String.join(", ", BackgroundSounds.EXTENSIONS.stream().sorted().toList())
                                + ") under it, or give another folder"))
                        : Optional.empty();
            } catch (MediaException e) {
                return Optional.of(new ParamProblem(key, "'" + key + "' of op '" + op + "': folder '" + folder + "' "
                        + (Files.exists(folder) ? "is not a folder or cannot be listed" : "does not exist"),
                        "give a folder of background recordings; a relative path starts at the recipe's folder"));
            }
        };
    }

    private static Constraint windowFits(String op) {
        return Constraint.require("win", p -> window(p) <= p.integer("n_fft"),
                p -> "op '" + op + "' needs win ≤ n_fft, got win " + p.integer("win") + " and n_fft " + p.integer("n_fft"),
                "shorten win, lengthen n_fft, or give win 0 for win = n_fft");
    }

    private static Constraint bandIsOrdered(String op) {
        return Constraint.require("f_max", p -> p.number("f_max") == 0 || p.number("f_min") < p.number("f_max"),
                p -> "op '" + op + "' needs f_min < f_max, got f_min " + p.number("f_min") + " Hz and f_max "
                        + p.number("f_max") + " Hz",
                "raise f_max, lower f_min, or give f_max 0 for the Nyquist frequency");
    }

    private static Param nFft() {
        return optional("n_fft", ParamType.INTEGER, 400, 2.0, (double) MAX_FFT, "FFT size in samples (400 = 25 ms at 16 kHz)");
    }

    private static Param hop() {
        return optional("hop", ParamType.INTEGER, 160, 1.0, null, "samples between frames (160 = 10 ms at 16 kHz)");
    }

    private static Param win() {
        return optional("win", ParamType.INTEGER, 0, 0.0, (double) MAX_FFT, "Hann window length, ≤ n_fft; 0 = n_fft");
    }

    private static Param fMin() {
        return optional("f_min", ParamType.NUMBER, 0.0, 0.0, null, "lowest filter edge in Hz");
    }

    private static Param fMax() {
        return optional("f_max", ParamType.NUMBER, 0.0, 0.0, null, "highest filter edge in Hz; 0 = Nyquist");
    }

    private static Param power() {
        return optional("power", ParamType.NUMBER, 2.0, 0.5, 4.0, "exponent of the magnitude: 2 power, 1 magnitude");
    }

    private static int window(Params p) {
        return p.integer("win") == 0 ? p.integer("n_fft") : p.integer("win");
    }
}
