package dev.viewpair.views.chain;

import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.catalog.ShapeContext;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.Params;
import dev.viewpair.catalog.ParamType;
import dev.viewpair.catalog.Constraint;
import dev.viewpair.catalog.Suggest;
import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Op;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewFamily;
import dev.viewpair.views.audio.AudioOps;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.views.catalog.Stage;
import dev.viewpair.views.compose.OneOf;
import dev.viewpair.views.compose.RandomApply;
import dev.viewpair.views.compose.Sequence;
import dev.viewpair.views.image.ImageOps;
import dev.viewpair.views.video.VideoOps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every op a recipe can name, by name. One name may serve several stages ({@code normalize} of an
 * image and of a spectrogram), never twice the same stage. {@link #standard()} holds the image,
 * audio and video catalogues. Every catalogue also holds the two combinators {@link #RANDOM_APPLY} and
 * {@link #ONE_OF} at each stage that some op keeps (image, waveform, spectrogram): their nested ops are
 * looked up in the same catalogue.
 */
public final class OpCatalog {
    private final Map<String, List<OpDescriptor>> ops = new LinkedHashMap<>();

    /** torchvision's {@code RandomApply}: nested ops applied together with probability p, else none of them. */
    public static final String RANDOM_APPLY = "random_apply";
    /** torchvision's {@code RandomChoice}: exactly one nested op per draw, by weight. */
    public static final String ONE_OF = "one_of";

    private OpCatalog(List<OpDescriptor> descriptors) {
        var all = new ArrayList<>(descriptors);
        var kept = new LinkedHashSet<Stage>();
        descriptors.stream().filter(d -> d.input() == d.output()).forEach(d -> kept.add(d.input()));
        for (var stage : kept) {
            all.addAll(combinators(stage));
        }
        for (var d : all) {
            var same = ops.computeIfAbsent(d.name(), k -> new ArrayList<>());
            if (same.stream().anyMatch(o -> o.input() == d.input())) {
                throw new IllegalStateException("op '" + d.name() + "' is declared twice for " + d.input());
            }
            same.add(d);
        }
    }

    private static final OpCatalog STANDARD = of(ImageOps.descriptors(), AudioOps.descriptors(), VideoOps.descriptors());

    /** The built-in catalogue. */
    public static OpCatalog standard() {
        return STANDARD;
    }

    @SafeVarargs
    public static OpCatalog of(List<OpDescriptor>... families) {
        var all = new ArrayList<OpDescriptor>();
        for (var f : families) {
            all.addAll(f);
        }
        return new OpCatalog(all);
    }

    /** The op of this name that takes this stage. */
    public Optional<OpDescriptor> find(String name, Stage input) {
        return ops.getOrDefault(name, List.of()).stream().filter(d -> d.input() == input).findFirst();
    }

    /** Every op of this name, whatever stage it takes (empty when the name is unknown). */
    public List<OpDescriptor> find(String name) {
        return Collections.unmodifiableList(ops.getOrDefault(name, List.of()));
    }

    /**
     * The op of {@code spec} that takes {@code input}.
     *
     * @throws IllegalArgumentException when the name is unknown or no op of that name takes this stage
     */
    public OpDescriptor descriptor(OpSpec spec, Stage input) {
        if (find(spec.name()).isEmpty()) {
            var suggestion = Suggest.closest(spec.name(), names());
            throw new IllegalArgumentException("unknown op '" + spec.name() + "'"
                    + (suggestion == null ? "" : " — did you mean '" + suggestion + "'?"));
        }
        return find(spec.name(), input).orElseThrow(() -> new IllegalArgumentException(
                "op '" + spec.name() + "' cannot take " + input.name().toLowerCase(Locale.ROOT) + " (what the op before it gives)"));
    }

    /**
     * Makes the op of {@code spec} at stage {@code input}, its parameters checked, without its probability
     * {@code p} (the caller wraps it with {@link RandomApply#of}).
     *
     * @throws IllegalArgumentException naming the op and what is wrong
     */
    @SuppressWarnings("unchecked")
    public Op<Object, Object> make(OpSpec spec, Stage input) {
        var d = descriptor(spec, input);
        var problems = d.check(spec.params());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("op '" + d.name() + "': " + problems.get(0).message() + " — " + problems.get(0).hint());
        }
        try {
            return (Op<Object, Object>) d.factory().apply(d.params(spec.params()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("op '" + d.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * The shape {@code spec} at {@code stage} gives from {@code input}: its descriptor's rule, and where a probability
     * below 1 leaves the input as it is and the op changes the shape, either shape. Empty when the op declares no rule.
     * A family op is asked about its members with {@link #memberShapes}.
     *
     * @throws IllegalArgumentException as {@link #descriptor} does, and for a family op
     */
    public Optional<Shape> shape(OpSpec spec, Stage stage, Shape input, ShapeContext context) {
        var d = descriptor(spec, stage);
        if (d.family()) {
            throw new IllegalArgumentException("op '" + d.name() + "' makes member views: ask memberShapes for their shapes");
        }
        if (d.shape() == null) {
            return Optional.empty();
        }
        var out = d.shape().apply(input, d.params(spec.params()), context);
        double p = d.probability(spec.params());
        if (p >= 1 || out.equals(input)) {
            return Optional.of(out);
        }
        return Optional.of(input.or(out, "'" + d.name() + "' is applied with probability " + p + ", so it gives " + out
                + " or leaves " + input, "give '" + d.name() + "' no p, or follow it with an op that fixes the size",
                context.origin()));
    }

    /**
     * The shape of each member view of the family op {@code spec} ({@code multi_crop}) made from {@code input}, by
     * member name in the family's order; empty when the op declares no rule.
     */
    public Optional<Map<String, Shape>> memberShapes(OpSpec spec, Stage stage, Shape input, Object origin) {
        var d = descriptor(spec, stage);
        var params = d.params(spec.params());
        if (d.shape() == null || !(d.factory().apply(params) instanceof ViewFamily<?> family)) {
            return Optional.empty();
        }
        var out = new LinkedHashMap<String, Shape>();
        family.members().forEach(m -> out.put(m, d.shape().apply(input, params, new ShapeContext(origin, m))));
        return Optional.of(out);
    }

    /** The shape after nested ops, in order; each must declare a rule (ops that keep their stage keep it by default). */
    private Shape nestedShape(List<OpSpec> specs, Stage stage, Shape input, ShapeContext context, String within) {
        var shape = input;
        for (var spec : specs) {
            shape = shape(spec, stage, shape, context).orElseThrow(() -> new IllegalStateException("op '" + spec.name()
                    + "' inside " + within + " declares no shape rule"));
        }
        return shape;
    }

    /** one_of's shape: each option's with a weight above 0; where they differ, it varies with the draw. */
    private Shape oneOfShape(Stage stage, Shape input, Params p, ShapeContext context) {
        var options = OpSpec.listOf(p.list("ops"));
        double[] weights = p.numbers("weights");
        Shape shape = null;
        for (int i = 0; i < options.size(); i++) {
            if (weights.length == 0 || weights[i] > 0) {
                var option = nestedShape(List.of(options.get(i)), stage, input, context, ONE_OF);
                shape = shape == null ? option : shape.or(option, "one_of picks one of its ops per draw, and they give "
                        + shape + " and " + option, "make the ops inside one_of give the same shape", context.origin());
            }
        }
        return shape;
    }

    private List<OpDescriptor> combinators(Stage stage) {
        var ops = Param.required("ops", ParamType.OPS, null, null, "the nested ops; each must take and give " + article(stage));
        var randomApply = new OpDescriptor(RANDOM_APPLY, stage, stage, List.of(ops), 0.5,
                "applies all nested ops in order with probability p, else none of them (torchvision RandomApply)",
                p -> new Sequence(nested(OpSpec.listOf(p.list("ops")), stage, RANDOM_APPLY)))
                .withShape((input, p, context) -> nestedShape(OpSpec.listOf(p.list("ops")), stage, input, context, RANDOM_APPLY));
        var weights = Param.optional("weights", ParamType.NUMBERS, List.of(), 0.0, null, "one weight per op; none means equal");
        var oneOf = new OpDescriptor(ONE_OF, stage, stage, List.of(ops, weights), 1.0,
                "applies exactly one nested op per draw, chosen by weight (torchvision RandomChoice)",
                p -> {
                    var options = nested(OpSpec.listOf(p.list("ops")), stage, ONE_OF);
                    double[] w = p.numbers("weights");
                    return w.length == 0 ? OneOf.uniform(options) : new OneOf(options, w);
                }).withConstraints(
                Constraint.require("weights", v -> v.numbers("weights").length == 0 || v.numbers("weights").length == v.list("ops").size(),
                        v -> "one_of has " + v.list("ops").size() + " ops but " + v.numbers("weights").length + " weights",
                        "give one weight per op, or none for equal weights"),
                Constraint.require("weights", v -> v.numbers("weights").length == 0 || Arrays.stream(v.numbers("weights")).sum() > 0,
                        v -> "the weights of one_of are all 0", "give at least one op a weight above 0"))
                .withShape((input, p, context) -> oneOfShape(stage, input, p, context));
        return List.of(randomApply, oneOf);
    }

    /** The nested ops of a combinator at {@code stage}, each with its own {@code p}. */
    private List<Op<Object, Object>> nested(List<OpSpec> specs, Stage stage, String within) {
        var out = new ArrayList<Op<Object, Object>>();
        for (var spec : specs) {
            var d = descriptor(spec, stage);
            if (d.family()) {
                throw new IllegalArgumentException("op '" + d.name() + "' makes several views, so it cannot sit inside "
                        + within + " — put it in the view's own ops");
            }
            if (d.output() != stage) {
                throw new IllegalArgumentException("op '" + d.name() + "' gives " + article(d.output()) + ", but the ops inside "
                        + within + " must give back what they take (" + article(stage) + ")");
            }
            var op = make(spec, stage);
            if (op instanceof AnchoredOp) {
                throw new IllegalArgumentException("op '" + d.name() + "' cuts a time window, so it cannot sit inside "
                        + within + " — put it in the view's own ops");
            }
            out.add(RandomApply.of(op, d.probability(spec.params())));
        }
        return out;
    }

    /** "an image", "a waveform". */
    public static String article(Stage stage) {
        var name = stage.name().toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    public Collection<String> names() {
        return Collections.unmodifiableSet(ops.keySet());
    }

    public List<OpDescriptor> descriptors() {
        return ops.values().stream().flatMap(List::stream).toList();
    }
}
