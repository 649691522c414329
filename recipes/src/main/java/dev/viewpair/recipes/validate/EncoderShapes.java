package dev.viewpair.recipes.validate;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Param;
import dev.viewpair.encoders.nn.EncoderDescriptor;
import dev.viewpair.encoders.nn.EncoderInput;
import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.views.catalog.Dim;
import dev.viewpair.views.catalog.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Checks the shapes of the views fed to one encoder against the input its type declares ({@link EncoderInput}, from
 * the encoder's parameters): a type that pools over space takes {@code C × H × W} views of one channel count, large
 * enough for its stages; one that pools over time {@code C × T} views of one channel count; a type that cuts views
 * into patches {@code C × H × W} views of one shape with sides that are multiples of the patch; a video type frame
 * stacks of one number of frames; a type that needs one shape takes views of one shape.
 */
final class EncoderShapes {
    private EncoderShapes() {}

    /** A refusal's message and fix. */
    private record Refusal(String message, String fix) {}

    /**
     * Reports, at {@code at} (the encoder's {@code views}), when the views fed to {@code encoder} cannot go through it.
     *
     * @param input what the encoder's type takes with its parameters
     * @param family the encoder types, for naming the ones a refused view could go to
     * @param shapes view name → shape, for the views whose shape is known
     */
    static void check(EncoderDecl encoder, EncoderInput input, Catalog<EncoderDescriptor> family, Map<String, Shape> shapes,
            PosNode at, Problems problems) {
        var fed = new LinkedHashMap<String, Shape>();
        encoder.views().stream().filter(shapes::containsKey).forEach(v -> fed.put(v, shapes.get(v)));
        var refusal = input instanceof EncoderInput.Maps maps ? refuse(encoder, maps, family, fed)
                : input instanceof EncoderInput.Sequences sequences ? refuse(encoder, sequences, fed)
                : input instanceof EncoderInput.Patches patches ? refuse(encoder, patches, family, fed)
                : input instanceof EncoderInput.Clips clips ? refuse(encoder, clips, fed)
                : refuse(encoder, (EncoderInput.OneShape) input, fed);
        refusal.ifPresent(r -> problems.add(at, r.message(), r.fix()));
    }

    /** {@code C × H × W} views of one number of channels, each side at least {@code minSide}. */
    private static Optional<Refusal> refuse(EncoderDecl encoder, EncoderInput.Maps input, Catalog<EncoderDescriptor> family,
            Map<String, Shape> views) {
        return refusePooled(encoder, views, 3, view -> notMaps(encoder, view, family),
                (shape, view) -> wrongChannels(encoder, shape, view, input)
                        .or(() -> tooSmall(encoder, shape, view, input.minSide(), input.shrinks(), input.fix())));
    }

    /** The refusal of a view whose channels differ from those a starting-weights file was made for, if it is one. */
    private static Optional<Refusal> wrongChannels(EncoderDecl encoder, Shape shape, String view, EncoderInput.Maps input) {
        if (input.channels() > 0 && shape.dim(0) instanceof Dim.Fixed c && c.size() != input.channels()) {
            return Optional.of(new Refusal(named(encoder) + " starts from " + input.channelsFrom() + ", made for "
                    + input.channels() + "-channel views, but " + view + " has " + c.size()
                    + (c.size() == 1 ? " channel" : " channels"), "feed it " + input.channels()
                    + "-channel views, or give init a state dict made for " + c.size() + " (its conv1.weight "
                    + "of shape (width, " + c.size() + ", k, k))"));
        }
        return Optional.empty();
    }

    /**
     * Frame stacks ({@code 3·n × H × W}, made by the {@code frames} op) of one number of frames, each side at least
     * {@code minSide}: an image, or any view not made by {@code frames}, is refused.
     */
    private static Optional<Refusal> refuse(EncoderDecl encoder, EncoderInput.Clips input, Map<String, Shape> views) {
        Function<String, Refusal> notClip = view -> new Refusal(named(encoder) + " " + input.why() + ", so it takes frame"
                + " stacks (3·n × H × W views made by the frames op), but " + view + " is not one", input.notClipFix());
        for (var e : views.entrySet()) {
            if (!e.getValue().isFrameStack()) { // before the channels: an image among clips is the problem to name
                return Optional.of(notClip.apply(described(e.getKey(), e.getValue())));
            }
        }
        return refusePooled(encoder, views, 3, notClip,
                (shape, view) -> tooSmall(encoder, shape, view, input.minSide(), input.shrinks(), input.fix()));
    }

    /** {@code view 'clip' (12 × 32 × 32, a stack of 4 frames)}, as messages name a view. */
    private static String described(String view, Shape shape) {
        return "view '" + view + "' (" + shape + ", " + ViewShapeChecks.kind(shape) + ")";
    }

    /** The refusal of a view with a side under {@code minSide}, if it has one. */
    private static Optional<Refusal> tooSmall(EncoderDecl encoder, Shape shape, String view, int minSide, String shrinks,
            String fix) {
        for (int side = 1; side <= 2; side++) {
            if (shape.dim(side) instanceof Dim.Fixed f && f.size() < minSide) {
                return Optional.of(new Refusal(named(encoder) + " " + shrinks + " and needs sides of at least "
                        + minSide + ", but " + view + " has a side of " + f.size(), fix));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code C × H × W} views whose sides are multiples of the patch, all of one shape (the position embeddings fix the
     * number of patches).
     */
    private static Optional<Refusal> refuse(EncoderDecl encoder, EncoderInput.Patches input,
            Catalog<EncoderDescriptor> family, Map<String, Shape> views) {
        int patch = input.patch();
        for (var e : views.entrySet()) {
            var shape = e.getValue();
            var view = described(e.getKey(), shape);
            if (shape.dims().size() != 3) {
                return Optional.of(notMaps(encoder, view, family));
            }
            for (int side = 1; side <= 2; side++) {
                if (shape.dim(side) instanceof Dim.Fixed f && f.size() % patch != 0) {
                    return Optional.of(new Refusal(named(encoder) + " cuts its views into " + patch + " × " + patch
                            + " patches, but " + view + " has a side of " + f.size() + ", not a multiple of patch " + patch,
                            "resize or crop the view to a multiple of " + patch + ", or choose a patch that divides "
                                    + f.size()));
                }
            }
        }
        return refuse(encoder, new EncoderInput.OneShape("learns a position embedding for each patch of its views"), views);
    }

    /** The refusal of a view (as messages name it) that is not {@code C × H × W}. */
    private static Refusal notMaps(EncoderDecl encoder, String view, Catalog<EncoderDescriptor> family) {
        return new Refusal(named(encoder) + " takes C × H × W views, images and spectrograms, but " + view + " is not one",
                "end the view with log_mel, spectrogram or mfcc" + anyShapeTypes(family));
    }

    /** {@code C × T} views of one number of channels. */
    private static Optional<Refusal> refuse(EncoderDecl encoder, EncoderInput.Sequences input, Map<String, Shape> views) {
        return refusePooled(encoder, views, 2,
                view -> new Refusal(named(encoder) + " takes C × T views, " + input.takes() + ", but " + view + " is not one",
                        input.fix()),
                (shape, view) -> Optional.empty());
    }

    /**
     * Views of one rank and one number of channels (their first dimension), in any size: what an encoder that pools
     * over the dimensions after the channels takes.
     *
     * @param notOfRank the refusal of a view (as messages name it) of another rank
     * @param tooSmall the refusal, if any, of a view of the rank (its shape, and as messages name it)
     */
    private static Optional<Refusal> refusePooled(EncoderDecl encoder, Map<String, Shape> views, int rank,
            Function<String, Refusal> notOfRank, BiFunction<Shape, String, Optional<Refusal>> tooSmall) {
        String firstView = null;
        Dim channels = null;
        for (var e : views.entrySet()) {
            var shape = e.getValue();
            var view = described(e.getKey(), shape);
            if (shape.dims().size() != rank) {
                return Optional.of(notOfRank.apply(view));
            }
            if (channels != null && isFixed(channels) && isFixed(shape.dim(0)) && !channels.equals(shape.dim(0))) {
                return Optional.of(new Refusal(named(encoder) + " is fed views of " + channels + " and " + shape.dim(0)
                        + " channels: view '" + firstView + "' and " + view, "views of one " + encoder.type()
                        + " encoder may differ in size but need the same channels: give each its own encoder"));
            }
            if (channels == null) {
                channels = shape.dim(0);
                firstView = e.getKey();
            }
            var small = tooSmall.apply(shape, view);
            if (small.isPresent()) {
                return small;
            }
        }
        return Optional.empty();
    }

    /** {@code encoder 'image' (conv)}. */
    private static String named(EncoderDecl encoder) {
        return "encoder '" + encoder.name() + "' (" + encoder.type() + ")";
    }

    /**
     * ", or feed it to an mlp encoder": the types that take views of any rank with their defaults (a type with a
     * required parameter has no defaults to ask with).
     */
    private static String anyShapeTypes(Catalog<EncoderDescriptor> family) {
        var names = family.entries().stream().filter(d -> d.params().stream().noneMatch(Param::isRequired))
                .filter(d -> d.input(Map.of()) instanceof EncoderInput.OneShape)
                .map(EncoderDescriptor::name).toList();
        return names.isEmpty() ? "" : ", or feed it to " + article(names.get(0)) + " " + String.join(" or ", names) + " encoder";
    }

    /** "an mlp", "a linear", "an rnn": a name without vowels is read letter by letter. */
    private static String article(String name) {
        boolean spelt = name.chars().noneMatch(c -> "aeiouy".indexOf(c) >= 0);
        return (spelt ? "aefhilmnorsx" : "aeiou").indexOf(name.charAt(0)) >= 0 ? "an" : "a";
    }

    /** Views of one shape. */
    private static Optional<Refusal> refuse(EncoderDecl encoder, EncoderInput.OneShape input, Map<String, Shape> views) {
        String firstView = null;
        Shape first = null;
        for (var e : views.entrySet()) {
            if (e.getValue().sizes().isEmpty()) {
                continue; // a size the file sets cannot be compared before reading the files
            }
            if (first == null) {
                first = e.getValue();
                firstView = e.getKey();
            } else if (!first.equals(e.getValue())) {
                return Optional.of(new Refusal(named(encoder) + " " + input.why()
                        + ", so they need one shape, but view '" + firstView + "' is " + first + " and view '" + e.getKey()
                        + "' is " + e.getValue(), "give the views the same size, or each its own encoder"));
            }
        }
        return Optional.empty();
    }

    private static boolean isFixed(Dim d) {
        return d instanceof Dim.Fixed;
    }
}
