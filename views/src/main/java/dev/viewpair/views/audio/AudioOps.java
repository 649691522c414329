package dev.viewpair.views.audio;

import static dev.viewpair.views.catalog.Param.optional;
import static dev.viewpair.views.catalog.Param.required;

import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.views.catalog.Param;
import dev.viewpair.views.catalog.ParamType;
import dev.viewpair.views.catalog.Params;
import dev.viewpair.views.catalog.Stage;
import java.util.List;

/**
 * The audio op catalogue: waveform ops ({@code clip}, {@code gain}, {@code noise}) and the spectrogram
 * front ends ({@code log_mel}, {@code spectrogram}). STFT defaults suit 16 kHz: a 400-sample (25 ms) window
 * every 160 samples (10 ms), torchaudio's defaults.
 */
public final class AudioOps {
    private static final int MAX_FFT = 8192;

    private AudioOps() {}

    public static List<OpDescriptor> descriptors() {
        return List.of(
                new OpDescriptor("clip", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        required("seconds", ParamType.NUMBER, 0.001, null, "window length in seconds"),
                        optional("at", ParamType.TIME, "anchor", null, null,
                                "window start: anchor, anchor + 0.5s, or an absolute time"),
                        optional("jitter", ParamType.NUMBER, 0.0, 0.0, null,
                                "random shift of the start, uniform in ±jitter seconds")),
                        1, "cut a fixed-length window (zero-padded past the ends) at a time relative to the anchor",
                        p -> new Clip(p.number("seconds"), p.time("at"), p.number("jitter"))),
                new OpDescriptor("gain", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("db", ParamType.RANGE, List.of(-6.0, 6.0), null, null,
                                "gain in dB, drawn uniformly from [low, high]")),
                        1, "scale the waveform by a random gain in dB (no clipping)",
                        p -> new Gain(p.range("db")[0], p.range("db")[1])),
                new OpDescriptor("noise", Stage.WAVEFORM, Stage.WAVEFORM, List.of(
                        optional("snr", ParamType.RANGE, List.of(10.0, 30.0), null, null,
                                "signal-to-noise ratio in dB, drawn uniformly from [low, high]")),
                        1, "add white Gaussian noise at a random SNR relative to the clip's RMS (silence stays silent)",
                        p -> new AddNoise(p.range("snr")[0], p.range("snr")[1])),
                new OpDescriptor("log_mel", Stage.WAVEFORM, Stage.SPECTROGRAM, List.of(
                        optional("mels", ParamType.INTEGER, 64, 1.0, 1024.0, "mel bands (output rows)"),
                        nFft(), hop(), win(),
                        optional("f_min", ParamType.NUMBER, 0.0, 0.0, null, "lowest filter edge in Hz"),
                        optional("f_max", ParamType.NUMBER, 0.0, 0.0, null, "highest filter edge in Hz; 0 = Nyquist"),
                        power(),
                        optional("log_offset", ParamType.NUMBER, 1e-6, 1e-12, null,
                                "added before the natural log, ln(mel + log_offset)")),
                        1, "log-mel spectrogram (torchaudio MelSpectrogram conventions, HTK mel, then ln(x + offset))",
                        p -> new LogMel(p.integer("mels"), p.integer("n_fft"), p.integer("hop"), window(p),
                                p.number("f_min"), p.number("f_max"), p.number("power"), p.number("log_offset"))),
                new OpDescriptor("spectrogram", Stage.WAVEFORM, Stage.SPECTROGRAM, List.of(nFft(), hop(), win(), power()),
                        1, "linear-frequency STFT spectrogram, n_fft / 2 + 1 rows of |X|^power",
                        p -> new LinearSpectrogram(p.integer("n_fft"), p.integer("hop"), window(p), p.number("power"))));
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

    private static Param power() {
        return optional("power", ParamType.NUMBER, 2.0, 0.5, 4.0, "exponent of the magnitude: 2 power, 1 magnitude");
    }

    private static int window(Params p) {
        return p.integer("win") == 0 ? p.integer("n_fft") : p.integer("win");
    }
}
