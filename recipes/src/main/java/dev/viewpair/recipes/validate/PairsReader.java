package dev.viewpair.recipes.validate;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import dev.viewpair.encoders.mi.BoundDescriptor;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.recipes.model.ChoiceDecl;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.LayerRef;
import dev.viewpair.recipes.model.PairDecl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Reads the {@code pairs} section: each pair's two views (a group side stands for every pairing of its member
 * views), its bound and critic with their parameters, its weight and direction, and its hard negatives.
 */
final class PairsReader {
    /** The critic of a pair that reads a stage or the view itself and names none. */
    static final String LOCAL_CRITIC = "separable_mlp";
    static final List<String> KEYS = List.of("name", "views", "bound", "critic", "weight", "direction", "negatives",
            "warmup");

    /**
     * The pairs read.
     *
     * @param pairs the pairs without problems, groups expanded; {@code null} when the section is not a list
     * @param writtenNames every name a pair is written with, including pairs refused for a problem already reported
     */
    record Result(List<PairDecl> pairs, Set<String> writtenNames) {}

    private final ViewRefs refs;
    private final Families families;
    private final Problems problems;
    private final Set<String> writtenPairNames = new HashSet<>();

    PairsReader(ViewRefs refs, Families families, Problems problems) {
        this.refs = refs;
        this.families = families;
        this.problems = problems;
    }

    /** The pairs; {@code pairs} is {@code null} (and a problem reported) when the section is not a list. */
    Result read(PosNode node) {
        var items = problems.list(node, "pairs", "[{views: [img_a, img_b], bound: infonce, critic: cosine}]");
        if (items == null) {
            return new Result(null, writtenPairNames);
        }
        if (items.isEmpty()) {
            problems.add(node, "pairs is empty", "add a pair, e.g. - {views: [img_a, img_b], bound: infonce, critic: cosine}");
        }
        var pairs = new ArrayList<PairDecl>();
        var names = new HashMap<String, PosNode>();
        for (int i = 0; i < items.size(); i++) {
            writtenName(items.get(i)).ifPresent(writtenPairNames::add);
            for (var pair : pair("pairs[" + i + "]", items.get(i))) {
                var first = names.putIfAbsent(pair.name(), items.get(i));
                if (first != null) {
                    problems.add(items.get(i), "two pairs are named '" + pair.name() + "' (the other at " + problems.where(first) + ")",
                            "give them different names with name: ...");
                }
                pairs.add(pair);
            }
        }
        return new Result(pairs, writtenPairNames);
    }

    /** The name a pair is written with ({@code name:}, or {@code a-b} from its two views), whether valid or not. */
    static Optional<String> writtenName(PosNode item) {
        if (!(item instanceof PosNode.Mapping m)) {
            return Optional.empty();
        }
        var name = m.entries().get("name");
        if (name != null) {
            return name.value() instanceof PosNode.Scalar n ? Optional.of(String.valueOf(n.value())) : Optional.empty();
        }
        var views = m.entries().get("views");
        if (views != null && views.value() instanceof PosNode.Sequence seq && seq.items().size() == 2
                && seq.items().get(0) instanceof PosNode.Scalar a && seq.items().get(1) instanceof PosNode.Scalar b) {
            return Optional.of(PairDecl.defaultName(String.valueOf(a.value()), String.valueOf(b.value())));
        }
        return Optional.empty();
    }

    /**
     * One pair as written; several when a side names a group of member views: then it stands for every pairing
     * of a view of the first group with a different view of the second (each unordered pairing once when both
     * sides name the same group), named {@code a-b}, or {@code name.a-b} when the pair has a name, the pair's
     * weight shared out evenly.
     */
    private List<PairDecl> pair(String path, PosNode node) {
        int before = problems.count();
        var s = Section.of(node, path, KEYS, problems);
        if (s == null) {
            return List.of();
        }
        var viewsNode = s.required("views", "[img_a, img_b]");
        var items = viewsNode == null ? null : problems.list(viewsNode, s.path("views"), "[img_a, img_b]");
        String a = null;
        String b = null;
        LayerRef sideA = null;
        LayerRef sideB = null;
        if (items != null && items.size() != 2) {
            problems.add(viewsNode, s.path("views") + " must name two views, got " + items.size(), "write views: [view_a, view_b]");
        } else if (items != null) {
            sideA = pairSide(items.get(0), s.path("views"));
            sideB = pairSide(items.get(1), s.path("views"));
            a = sideA == null ? null : sideA.view();
            b = sideB == null ? null : sideB.view();
            if (a != null && a.equals(b) && !refs.isGroup(a) && sideA.layer().equals(sideB.layer())) {
                problems.add(items.get(1), s.path("views") + " pairs view '" + a + "' with itself",
                        "pair two different views, or two layers of one (" + a + "@stage2 with " + a + "); for two"
                                + " augmentations of one input declare a copy with {like: " + a + "}");
            }
        }
        var name = s.text("name", sideA != null && sideB != null ? defaultName(sideA, sideB) : null);
        var boundNode = s.required("bound", "infonce");
        var bound = boundNode == null ? null : choice(boundNode, s.path("bound"), families.bounds(),
                (type, params) -> families.bounds().get(type).create(params));
        // a pair that reads a stage or the view itself takes the separable critic when it names none: its learned maps
        // take two widths and act on each position alone (Deep InfoMax's 1×1 convolutions)
        boolean inside = sideA != null && sideB != null && (readsInside(sideA) || readsInside(sideB));
        var criticNode = inside && !s.has("critic") ? viewsNode : s.required("critic", "cosine");
        var critic = criticNode == null ? null : criticNode == viewsNode ? ChoiceDecl.of(LOCAL_CRITIC)
                : choice(criticNode, s.path("critic"), families.critics(),
                        (type, params) -> families.critics().get(type).create(params, 8, 8));
        var weight = s.number("weight", 1.0, 0, true);
        var warmup = s.integer("warmup", 0, 0);
        var direction = s.choice("direction", PairDecl.MAXIMIZE, List.of(PairDecl.MAXIMIZE, PairDecl.MINIMIZE), "direction");
        if (bound != null && direction != null) {
            boolean upper = families.bounds().get(bound.type()).isUpper();
            if (upper && !PairDecl.MINIMIZE.equals(direction)) {
                problems.add(boundNode, "'" + bound.type() + "' is an upper bound on MI: it can only be minimized",
                        "add direction: minimize to the pair (to limit what the representations share), or use a lower bound");
            } else if (!upper && PairDecl.MINIMIZE.equals(direction)) {
                var upperBounds = families.bounds().entries().stream().filter(BoundDescriptor::isUpper)
                        .map(BoundDescriptor::name).collect(Collectors.joining(", "));
                problems.add(s.get("direction"), "'" + bound.type() + "' is a lower bound on MI: minimizing it proves nothing",
                        "minimize an upper bound (" + upperBounds + ") instead");
            }
        }
        if (bound != null && critic != null) {
            var takes = families.bounds().get(bound.type()).critics();
            if (!takes.isEmpty() && !takes.contains(critic.type())) {
                problems.add(criticNode, "bound '" + bound.type() + "' needs the log-density critic '"
                        + String.join("' or '", takes) + "', got '" + critic.type() + "'", "write critic: " + takes.get(0)
                        + (takes.size() > 1 ? " (or " + takes.get(1) + " on a stochastic encoder's posterior)" : ""));
            }
        }
        if (sideA != null && sideB != null && bound != null && critic != null && problems.count() == before
                && PosteriorPairChecks.applies(sideA, sideB, critic)) {
            new PosteriorPairChecks(families, problems).check(viewsNode, sideA, sideB, refs.isGroup(sideA.view()), bound,
                    criticNode, critic);
        }
        var negativesNode = s.get("negatives");
        var negatives = negativesNode == null || a == null || b == null || bound == null ? null
                : negatives(negativesNode, s.path("negatives"), a, b, bound);
        if (sideA != null && sideB != null && bound != null && critic != null && problems.count() == before) {
            new LayerPairChecks(refs, families, problems).check(items.get(0), items.get(1), sideA, sideB, boundNode, bound,
                    criticNode, critic, negativesNode);
        }
        // a side may be null without a new problem: a member of a family view whose problem is reported already
        if (problems.count() > before || a == null || b == null) {
            return List.of();
        }
        if (!refs.isGroup(a) && !refs.isGroup(b)) {
            return List.of(new PairDecl(name, a, b, bound, critic, weight, direction, Optional.ofNullable(negatives),
                    sideA.layer(), sideB.layer(), warmup));
        }
        var first = refs.members(a);
        var second = refs.members(b);
        var pairings = new ArrayList<String[]>();
        for (int i = 0; i < first.size(); i++) {
            for (int j = 0; j < second.size(); j++) {
                var x = first.get(i);
                var y = second.get(j);
                if (!x.equals(y) && !(first.equals(second) && j < i)) {
                    pairings.add(new String[] {x, y});
                }
            }
        }
        if (pairings.isEmpty()) {
            problems.add(viewsNode, s.path("views") + " makes no pair: '" + a + "' and '" + b + "' hold the same single view",
                    "name two different views");
            return List.of();
        }
        var out = new ArrayList<PairDecl>();
        for (var p : pairings) {
            // pair names name checkpoint files: letters, digits, '.', '_' and '-' only
            var first2 = new LayerRef(p[0], sideA.layer());
            var second2 = new LayerRef(p[1], sideB.layer());
            var pairing = defaultName(first2, second2);
            out.add(new PairDecl(s.has("name") ? name + "." + pairing : pairing, p[0], p[1], bound, critic,
                    weight / pairings.size(), direction, Optional.empty(), sideA.layer(), sideB.layer(), warmup));
        }
        return out;
    }

    /**
     * {@code negatives: {view: sound_shifted}}: a view of the second view's kind, fed to its encoder (the same sample
     * cut at another time), for a pair of two single views whose bound takes hard negatives; {@code null} and a
     * problem if not.
     */
    private String negatives(PosNode node, String path, String a, String b, ChoiceDecl bound) {
        var s = Section.of(node, path, List.of("view"), problems);
        if (s == null) {
            return null;
        }
        var viewNode = s.required("view", "sound_shifted");
        var view = viewNode == null ? null : refs.usedView(viewNode, s.path("view"), "pair's hard negatives");
        var refusal = families.bounds().get(bound.type()).create(bound.params()).hardNegativesRefusal();
        if (refusal.isPresent()) {
            problems.add(node, "bound '" + bound.type() + "' takes no hard negatives: " + refusal.get(),
                    "use bound: infonce for this pair, or remove negatives");
            return null;
        }
        if (refs.isGroup(a) || refs.isGroup(b)) {
            problems.add(node, path + " needs a pair of two single views, but '" + (refs.isGroup(a) ? a : b) + "' is a group",
                    "declare the pair between two single views");
            return null;
        }
        if (view == null || !refs.encodersKnown()) {
            return null;
        }
        if (!refs.isOtherCut(viewNode, s.path("view"), view, List.of(a, b), b)) {
            return null;
        }
        var kind = refs.stage(view);
        var secondKind = refs.stage(b);
        if (kind != null && secondKind != null && kind != secondKind) {
            problems.add(viewNode, s.path("view") + ": view '" + view + "' ends in " + kind.name().toLowerCase(Locale.ROOT)
                    + ", but the pair's second view '" + b + "' in " + secondKind.name().toLowerCase(Locale.ROOT)
                    + ": a hard negative must be a candidate of the second view's kind",
                    "declare a view like '" + b + "' cut at another time (e.g. at: anchor + 1.0s) and name it here");
            return null;
        }
        return refs.sameEncoder(viewNode, s.path("view"), view, b)
                && refs.cutElsewhere(viewNode, s.path("view"), view, b, "a hard negative") ? view : null;
    }

    /** Whether a side reads a stage or the view itself, not the encoder's embedding, projection or posterior. */
    private static boolean readsInside(LayerRef side) {
        return side.layer().startsWith(EncoderLayer.STAGE) || side.layer().equals(EncoderLayer.INPUT);
    }

    /**
     * The name a pair gets when the recipe gives none: {@code a-b}, a side read at a layer written {@code
     * view.layer} (pair names name checkpoint files).
     */
    private static String defaultName(LayerRef a, LayerRef b) {
        return PairDecl.defaultName(a.asPairSide().replace(LayerRef.AT, "."), b.asPairSide().replace(LayerRef.AT, "."));
    }

    /**
     * One side of a pair: a view or a group of member views, each fed to an encoder, read at a layer of it ({@code
     * img@stage2}; its projection when plain); {@code null} and a problem if not.
     */
    private LayerRef pairSide(PosNode node, String path) {
        var written = problems.text(node, path);
        if (written == null) {
            return null;
        }
        var side = LayerRef.pairSide(written);
        var name = refs.viewRef(node, path, side.view());
        if (name != null && !refs.isGroup(name)) {
            name = refs.usedView(node, path, "pair", name);
        }
        if (name == null) {
            return null;
        }
        for (var member : refs.members(name)) {
            if (refs.encodersKnown() && refs.encoderOf(member) == null) {
                problems.add(node, "view '" + member + "' (of group '" + name + "') is used in a pair (" + path + ") but fed to no encoder",
                        "add '" + name + "' or '" + member + "' to the views of an encoder" + refs.encoderHint(member));
                return null;
            }
            if (refs.encodersKnown() && refs.layer(node, path, new LayerRef(member, side.layer())) == null
                    && refs.layerKnown(member)) {
                return null;
            }
        }
        return side;
    }

    /**
     * {@code name} or {@code {type: name, key: value, ...}}, checked against its family's catalogue; {@code build}
     * makes the member from its parameters, so that a bad value is reported with its position.
     */
    private ChoiceDecl choice(PosNode node, String path, Catalog<? extends Entry> catalog,
            BiConsumer<String, Map<String, Object>> build) {
        var what = catalog.family();
        var known = catalog.names().stream().sorted().toList();
        if (node instanceof PosNode.Scalar) {
            var type = Section.oneOf(node, path, known, what, problems);
            return type == null ? null : ChoiceDecl.of(type);
        }
        if (!(node instanceof PosNode.Mapping map)) {
            problems.add(node, path + ": expected a " + what + " name or {type: ..., parameters}, got " + node.describe(),
                    "write e.g. " + what + ": " + known.get(0));
            return null;
        }
        var typeEntry = map.entries().get("type");
        if (typeEntry == null) {
            problems.add(map, path + " needs 'type'", "add type: one of " + String.join(", ", known));
            return null;
        }
        var type = Section.oneOf(typeEntry.value(), path + ".type", known, what, problems);
        if (type == null) {
            return null;
        }
        var keys = catalog.get(type).params().stream().map(Param::name).toList();
        var params = new LinkedHashMap<String, Object>();
        int before = problems.count();
        for (var entry : map.entries().values()) {
            if (entry.key().equals("type")) {
                continue;
            }
            if (!keys.contains(entry.key())) {
                problems.add(entry, "unknown key '" + entry.key() + "' for " + what + " '" + type + "' in " + path,
                        keys.isEmpty() ? what + " '" + type + "' takes no parameters; remove it" : Problems.suggest(entry.key(), keys, "its keys"));
            } else if (entry.value() instanceof PosNode.Scalar value && value.value() != null) {
                params.put(entry.key(), value.value());
            } else if (entry.value() instanceof PosNode.Sequence list
                    && list.items().stream().allMatch(i -> i instanceof PosNode.Scalar v && v.value() instanceof Number)) {
                params.put(entry.key(), list.plain()); // e.g. hidden: [256, 256]
            } else {
                problems.add(entry.value(), path + "." + entry.key() + ": expected a number, true/false, text or a list of numbers, got "
                        + entry.value().describe(), "give a single value or [n, m]");
            }
        }
        if (problems.count() == before) {
            // the factories know each value's range: ask them now, so a bad value is reported here with its position
            try {
                build.accept(type, params);
            } catch (IllegalArgumentException e) {
                problems.add(node, path + ": " + e.getMessage(), "change the " + what + "'s parameters (see docs/bounds.md)");
            }
        }
        return problems.count() > before ? null : new ChoiceDecl(type, params);
    }
}
