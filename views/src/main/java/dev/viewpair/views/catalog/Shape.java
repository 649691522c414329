package dev.viewpair.views.catalog;

import dev.viewpair.views.Modality;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shape of what flows between a view's ops, as the recipe alone tells it, dimension by dimension as the view's
 * tensor has them: an image {@code C × H × W}, a waveform {@code 1 × samples}, a spectrogram {@code 1 × bands × frames}.
 * A video, before its first op cuts a frame or a sound, has no dimensions. A frame stack (the {@code frames} op's) is an
 * image of {@code 3·frames} channels that knows it holds {@code frames} frames: what a video encoder takes, and an
 * image is not.
 *
 * @param stage what flows
 * @param dims its dimensions, in the tensor's order
 * @param sampleRate a waveform's samples per second (what {@code clip} measures seconds in); 0 for other stages
 * @param frames a frame stack's frames, RGB each; 0 for anything else
 */
public record Shape(Stage stage, List<Dim> dims, int sampleRate, int frames) {
    public Shape {
        dims = List.copyOf(dims);
        if (frames < 0 || frames > 0 && (stage != Stage.IMAGE || !Dim.fixed(3 * frames).equals(dims.get(0)))) {
            throw new IllegalArgumentException("a frame stack of " + frames + " frames is an image of " + 3 * frames
                    + " channels, got " + stage + " " + dims);
        }
    }

    /** A shape that is not a frame stack. */
    public Shape(Stage stage, List<Dim> dims, int sampleRate) {
        this(stage, dims, sampleRate, 0);
    }

    /** An image of {@code channels × height × width}. */
    public static Shape image(Dim channels, Dim height, Dim width) {
        return new Shape(Stage.IMAGE, List.of(channels, height, width), 0);
    }

    /** A stack of {@code frames} RGB frames of {@code height × width}: a {@code 3·frames × height × width} tensor. */
    public static Shape frameStack(int frames, Dim height, Dim width) {
        return new Shape(Stage.IMAGE, List.of(Dim.fixed(3 * frames), height, width), 0, frames);
    }

    /** This image (or frame stack) with its channels kept and its height and width these. */
    public Shape withSides(Dim height, Dim width) {
        return new Shape(stage, List.of(dim(0), height, width), sampleRate, frames);
    }

    /** Whether it is a stack of frames (the {@code frames} op's), not an image. */
    public boolean isFrameStack() {
        return frames > 0;
    }

    /** Mono sound of {@code samples} at {@code sampleRate}: a {@code 1 × samples} tensor. */
    public static Shape waveform(Dim samples, int sampleRate) {
        return new Shape(Stage.WAVEFORM, List.of(Dim.fixed(1), samples), sampleRate);
    }

    /** A spectrogram of {@code bands × frames}: a {@code 1 × bands × frames} tensor. */
    public static Shape spectrogram(Dim bands, Dim frames) {
        return new Shape(Stage.SPECTROGRAM, List.of(Dim.fixed(1), bands, frames), 0);
    }

    /**
     * What a view reading {@code from} starts with: an RGB image of the file's size, sound of the file's length at
     * the recipe's rate, or a video.
     */
    public static Shape initial(Modality from, int sampleRate) {
        return switch (from) {
            case IMAGE -> image(Dim.fixed(3), new Dim.OfFile("H"), new Dim.OfFile("W"));
            case AUDIO -> waveform(new Dim.OfFile("n"), sampleRate);
            case VIDEO -> new Shape(Stage.VIDEO, List.of(), 0);
        };
    }

    /** Dimension {@code i}. */
    public Dim dim(int i) {
        return dims.get(i);
    }

    /** A waveform's length in samples. */
    public Dim samples() {
        return dim(1);
    }

    /** The first dimension that differs between draws, if any: a batch cannot stack such a view. */
    public Optional<Dim.Varies> varying() {
        return dims.stream().filter(Dim.Varies.class::isInstance).map(Dim.Varies.class::cast).findFirst();
    }

    /** The sizes, when the recipe fixes every dimension. */
    public Optional<int[]> sizes() {
        if (!dims.stream().allMatch(Dim.Fixed.class::isInstance)) {
            return Optional.empty();
        }
        return Optional.of(dims.stream().mapToInt(d -> ((Dim.Fixed) d).size()).toArray());
    }

    /**
     * The shape of something that is this or {@code other}, whichever a draw picks: the dimensions they agree on stay,
     * the others vary between draws — for the reason one of them already varies for, else {@code why}.
     */
    public Shape or(Shape other, String why, String fix, Object origin) {
        if (equals(other)) {
            return this;
        }
        var all = new ArrayList<Dim>();
        for (int i = 0; i < dims.size(); i++) {
            Dim a = dim(i);
            Dim b = other.dim(i);
            if (a.equals(b)) {
                all.add(a);
                continue;
            }
            var range = range(a).flatMap(ra -> range(b).map(rb ->
                    new Dim.Range(Math.min(ra.low(), rb.low()), Math.max(ra.high(), rb.high()))));
            var cause = a instanceof Dim.Varies v ? v : b instanceof Dim.Varies v ? v : null;
            all.add(cause == null ? new Dim.Varies(range, why, fix, origin)
                    : new Dim.Varies(range, cause.why(), cause.fix(), cause.origin()));
        }
        return new Shape(stage, all, sampleRate, frames == other.frames ? frames : 0);
    }

    private static Optional<Dim.Range> range(Dim d) {
        if (d instanceof Dim.Fixed f) {
            return Optional.of(new Dim.Range(f.size(), f.size()));
        }
        return d instanceof Dim.Varies v ? v.range() : Optional.empty();
    }

    /** {@code 3 × 32 × 32}, {@code 1 × 40 × 63}, {@code 3 × H × W}; {@code video} before a video's first op. */
    @Override
    public String toString() {
        return dims.isEmpty() ? "video" : dims.stream().map(Dim::toString).collect(Collectors.joining(" × "));
    }
}
