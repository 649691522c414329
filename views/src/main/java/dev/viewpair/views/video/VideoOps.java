package dev.viewpair.views.video;

import dev.viewpair.views.audio.io.Audio;
import static dev.viewpair.catalog.Param.optional;
import static dev.viewpair.catalog.Param.required;

import dev.viewpair.views.Apart;
import dev.viewpair.views.audio.dsp.OnsetDetectors;
import dev.viewpair.catalog.Constraint;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.ParamType;
import dev.viewpair.catalog.Params;
import dev.viewpair.views.catalog.Dim;
import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.catalog.Stage;
import java.util.Arrays;
import java.util.List;

/**
 * The video op catalogue: the ops a {@code from: video} view starts with. {@code frame} and {@code frames} give
 * an image (every image op follows), {@code audio_window} gives a waveform (every audio op follows). All three
 * are cut at a time relative to the sample's anchor, so {@code frame: {at: anchor}} and
 * {@code audio_window: {seconds: 1, at: anchor - 0.5s}} show the same moment.
 */
public final class VideoOps {
    private static final String AT_DOC = "when: anchor, anchor + 0.5s, onset + 0.25s, or an absolute time";
    private static final String SIZE_DOC = "output side in pixels, or [height, width]; 0 keeps the video's size";

    private VideoOps() {}

    public static List<OpDescriptor> descriptors() {
        return List.of(
                new OpDescriptor("frame", Stage.VIDEO, Stage.IMAGE, List.of(at(), size(), OnsetDetectors.param()),
                        1, "the frame shown at a time (frame-accurate seek), 8-bit RGB",
                        p -> {
                            int[] hw = size(p);
                            return new FrameAt(p.time("at"), hw[0], hw[1], OnsetDetectors.of(p));
                        })
                        .withShape((in, p, c) -> frames(0, p))
                        .withConstraints(sizeIsOneOrTwoNumbers("frame"))
                        .withConstraints(OnsetDetectors.constraints("frame")),
                new OpDescriptor("frames", Stage.VIDEO, Stage.IMAGE, List.of(
                        required("n", ParamType.INTEGER, 1.0, (double) FrameStack.MAX_COUNT, "how many frames"),
                        optional("rate", ParamType.NUMBER, 5.0, 1e-3, null, "frames per second to sample at"),
                        at(), size(), OnsetDetectors.param()),
                        1, "n frames 1/rate s apart stacked along the channels (3·n-channel image; geometric ops only)",
                        p -> {
                            int[] hw = size(p);
                            return new FrameStack(p.integer("n"), p.number("rate"), p.time("at"), hw[0], hw[1],
                                    OnsetDetectors.of(p));
                        })
                        .withShape((in, p, c) -> frames(p.integer("n"), p))
                        .withConstraints(sizeIsOneOrTwoNumbers("frames"))
                        .withConstraints(OnsetDetectors.constraints("frames")),
                new OpDescriptor("audio_window", Stage.VIDEO, Stage.WAVEFORM, Apart.params(
                        required("seconds", ParamType.NUMBER, 0.001, null, "window length in seconds"),
                        at(),
                        optional("jitter", ParamType.NUMBER, 0.0, 0.0, null,
                                "random shift of the start, uniform in ±jitter seconds"),
                        optional("sample_rate", ParamType.INTEGER, 16000, 1000.0, 384000.0,
                                "rate the sound is resampled to, mono"),
                        OnsetDetectors.param()),
                        1, "the sound track around a time, mono, zero-padded past the ends (the sound is decoded once per sample, shared by all its windows)",
                        p -> new AudioWindow(p.number("seconds"), p.time("at"), p.number("jitter"), p.integer("sample_rate"),
                                Apart.of(p), OnsetDetectors.of(p)))
                        .withConstraints(Apart.constraints())
                        .withConstraints(OnsetDetectors.constraints("audio_window"))
                        .withShape((in, p, c) -> Shape.waveform(Dim.fixed(Audio.samplesIn(p.number("seconds"), p.integer("sample_rate"))),
                                p.integer("sample_rate"))));
    }

    /** One frame (an RGB image) for {@code count} 0, else a stack of {@code count}: the size asked for, else the video's. */
    private static Shape frames(int count, Params p) {
        int[] hw = size(p);
        var height = hw[0] == 0 ? new Dim.OfFile("H") : Dim.fixed(hw[0]);
        var width = hw[0] == 0 ? new Dim.OfFile("W") : Dim.fixed(hw[1]);
        return count == 0 ? Shape.image(Dim.fixed(3), height, width) : Shape.frameStack(count, height, width);
    }

    private static Param at() {
        return optional("at", ParamType.TIME, "anchor", null, null, AT_DOC);
    }

    private static Param size() {
        return optional("size", ParamType.NUMBERS, 0, 0.0, null, SIZE_DOC);
    }

    /** [height, width] from one side (a square) or a pair. */
    private static int[] size(Params p) {
        double[] v = p.numbers("size");
        return v.length == 1 ? new int[] {(int) v[0], (int) v[0]} : new int[] {(int) v[0], (int) v[1]};
    }

    private static Constraint sizeIsOneOrTwoNumbers(String op) {
        return Constraint.require("size", p -> {
                    double[] v = p.numbers("size");
                    return (v.length == 1 || (v.length == 2 && (v[0] == 0) == (v[1] == 0)))
                            && Arrays.stream(v).allMatch(x -> x == Math.rint(x));
                },
                p -> "'size' of op '" + op + "' must be one whole side or [height, width], both 0 or neither, got "
                        + Arrays.toString(p.numbers("size")),
                "give e.g. 64 or [64, 96], or leave it out to keep the video's size");
    }
}
