package dev.viewpair.recipes.validate;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.Apart;
import dev.viewpair.views.Modality;
import dev.viewpair.views.Onsets;
import dev.viewpair.views.Op;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewFamily;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.catalog.ParamType;
import dev.viewpair.views.catalog.Stage;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code views} section: each view's modality and op chain, checked against the op catalogue
 * stage by stage (the nested ops of {@code random_apply} and {@code one_of} too, at the stage where they
 * sit), then {@code like} references expanded. A view with a family op ({@code multi_crop},
 * {@code lab_split}, {@code patch_grid}) declares its member views {@code view.member} and its groups.
 */
final class ViewsReader {
    static final List<String> KEYS = List.of("from", "ops", "like");
    private static final List<String> MODALITIES = Arrays.stream(Modality.values()).map(Modality::recipeName).toList();

    /**
     * The views read.
     *
     * @param views the views without problems, {@code like} expanded, in recipe order
     * @param outputs view name (member view name for a family) → the stage its last op gives, where known
     * @param names every declared view name, with or without problems (so other sections can tell an
     *     undefined name from a broken view), and every member view name
     * @param groups group name → its member view names: a family view's own name for all its members, and
     *     {@code view.group} for the family's groups ({@code crops.local})
     * @param unresolved family views whose members are unknown because of a problem: names under them
     *     ({@code crops.global0}) are not reported again
     * @param opsAt view name → where each of its ops is written (for a view {@code like} another, the other's), for
     *     the views in {@code views}
     */
    record Result(Map<String, ViewSpec> views, Map<String, Stage> outputs, Set<String> names,
            Map<String, List<String>> groups, Set<String> unresolved, Map<String, List<PosNode>> opsAt) {
        /** True for a name under a family view whose members are unknown. */
        boolean underUnresolved(String name) {
            return unresolved.stream().anyMatch(f -> name.startsWith(f + "."));
        }
    }

    /**
     * One view as written, before {@code like} is followed.
     *
     * @param family the family op's members and groups; {@code null} for a view without one
     * @param familyBroken true when the view has a family op whose members could not be made
     */
    private record Draft(String name, Modality from, List<OpSpec> ops, List<PosNode> opsAt, Stage output, String like,
            PosNode likeNode, boolean ok, ViewFamily<?> family, boolean familyBroken, WindowAt window, List<OnsetAt> onsets) {}

    /** A window op cut at an onset ({@code at: onset}): how it finds onsets, and where it is written. */
    private record OnsetAt(Onsets onsets, PosNode at) {}

    /** A view's first op when it cuts a window of the media's timeline, always ({@code clip}, {@code audio_window}). */
    private record WindowAt(AnchoredOp op, WrittenOp written) {}

    private final OpCatalog catalog;
    private final Problems problems;

    ViewsReader(OpCatalog catalog, Problems problems) {
        this.catalog = catalog;
        this.problems = problems;
    }

    /** The views, or {@code null} (and a problem) when the section is not a map at all. */
    Result read(PosNode node) {
        var map = problems.map(node, "views", "{img_a: {from: image, ops: [hflip]}}");
        if (map == null) {
            return null;
        }
        if (map.entries().isEmpty()) {
            problems.add(map, "views is empty", "declare at least two views, e.g. img_a: {from: image, ops: [...]}");
        }
        var drafts = new LinkedHashMap<String, Draft>();
        map.entries().forEach((name, entry) -> drafts.put(name, draft(name, entry.value())));
        var views = new LinkedHashMap<String, ViewSpec>();
        var outputs = new LinkedHashMap<String, Stage>();
        var names = new LinkedHashSet<>(drafts.keySet());
        var groups = new LinkedHashMap<String, List<String>>();
        var unresolved = new LinkedHashSet<String>();
        var reportedCycles = new HashSet<String>();
        var opsAt = new LinkedHashMap<String, List<PosNode>>();
        var bases = new LinkedHashMap<String, Draft>();
        for (var d : drafts.values()) {
            var base = d.like() == null ? d : follow(d, drafts, reportedCycles);
            if (base == null) {
                continue;
            }
            bases.put(d.name(), base);
            var members = List.of(d.name());
            if (base.familyBroken()) {
                unresolved.add(d.name());
            } else if (base.family() != null) {
                members = base.family().members().stream().map(m -> d.name() + "." + m).toList();
                groups.put(d.name(), members);
                base.family().groups().forEach((g, ms) -> groups.put(d.name() + "." + g, ms.stream().map(m -> d.name() + "." + m).toList()));
                for (var member : members) {
                    if (drafts.containsKey(member)) {
                        problems.add(map.entries().get(member), "view '" + member + "' has the name of a member view of '" + d.name() + "'",
                                "rename it: the members of '" + d.name() + "' are " + String.join(", ", members));
                    }
                }
                names.addAll(members);
                names.addAll(groups.keySet());
            }
            if (base.output() != null) {
                outputs.put(d.name(), base.output());
                members.forEach(m -> outputs.put(m, base.output()));
            }
            if (d.ok() && base.ok()) {
                views.put(d.name(), new ViewSpec(d.name(), base.from(), base.ops()));
                opsAt.put(d.name(), base.opsAt());
            }
        }
        checkApart(drafts, bases);
        checkOnsets(bases);
        return new Result(views, outputs, names, groups, unresolved, opsAt);
    }

    private Draft draft(String name, PosNode node) {
        int before = problems.count();
        var section = Section.of(node, "views." + name, KEYS, problems);
        if (section == null) {
            return new Draft(name, null, List.of(), List.of(), null, null, null, false, null, false, null, List.of());
        }
        if (section.has("like")) {
            var likeNode = section.required("like", "<another view>");
            var like = likeNode == null ? null : problems.text(likeNode, section.path("like"));
            for (var key : List.of("from", "ops")) {
                if (section.has(key)) {
                    problems.add(section.node().entries().get(key), "view '" + name + "' has both 'like' and '" + key + "'",
                            "'like' copies 'from' and 'ops' of the other view: remove '" + key + "', or remove 'like'");
                }
            }
            return new Draft(name, null, List.of(), List.of(), null, like, likeNode, problems.count() == before && like != null, null,
                    false, null, List.of());
        }
        var fromNode = section.required("from", "image, audio or video");
        Modality from = null;
        if (fromNode != null) {
            var text = Section.oneOf(fromNode, section.path("from"), MODALITIES, "modality", problems);
            from = text == null ? null : Modality.parse(text);
        }
        var opsNode = section.required("ops", "[hflip, ...]");
        var items = opsNode == null ? null : problems.list(opsNode, section.path("ops"), "[random_resized_crop: {size: 64}, hflip]");
        var chain = new Chain(name);
        Stage output = items == null ? null : chain(chain, from, items);
        return new Draft(name, from, chain.ops, chain.opsAt, output, null, null, problems.count() == before, chain.family,
                chain.familyBroken, chain.window, List.copyOf(chain.onsets));
    }

    /** What reading one view's ops found: the ops, and its family op. */
    private static final class Chain {
        final String view;
        final List<OpSpec> ops = new ArrayList<>();
        /** Where each of {@link #ops} is written. */
        final List<PosNode> opsAt = new ArrayList<>();
        ViewFamily<?> family;
        /** Where the family op is written, to point a second one at the first. */
        PosNode familyAt;
        boolean familyBroken;
        WindowAt window;
        final List<OnsetAt> onsets = new ArrayList<>();

        Chain(String view) {
            this.view = view;
        }
    }

    /**
     * Reads the ops of one view into {@code chain} and checks that each takes what the one before it gives.
     * Returns the stage the last op gives, or {@code null} when it cannot be known.
     */
    private Stage chain(Chain chain, Modality from, List<PosNode> items) {
        String view = chain.view;
        Stage stage = from == null ? null : Stage.initial(from);
        String previous = null;
        Stage previousInput = null;
        for (var item : items) {
            var op = op(view, item);
            if (op == null) {
                stage = null;
                continue;
            }
            var all = catalog.find(op.name());
            if (all.isEmpty()) {
                problems.add(op.at(), "unknown op '" + op.name() + "' in view '" + view + "'",
                        Problems.suggest(op.name(), catalog.names(), "known ops"));
                stage = null;
                continue;
            }
            OpDescriptor d = stage == null ? null : catalog.find(op.name(), stage).orElse(null);
            boolean fits = d != null;
            if (!fits && stage != null) {
                mismatch(view, from, op, all, stage, previous, previousInput);
            }
            if (!fits && all.size() == 1) {
                d = all.get(0);
            }
            if (d != null) {
                boolean secondFamily = d.family() && chain.familyAt != null;
                if (secondFamily) {
                    problems.add(op.at(), "view '" + view + "' has a second family op '" + op.name() + "' (the first is at "
                            + problems.where(chain.familyAt) + ")", "a view splits into member views once: declare another view for '"
                            + op.name() + "'");
                }
                var made = checkParams(view, op, d, d.input());
                if (made instanceof AnchoredOp a) {
                    window(chain, op, a, d);
                    a.onsets().ifPresent(o -> chain.onsets.add(new OnsetAt(o, op.at())));
                }
                if (d.family() && !secondFamily) {
                    chain.familyAt = op.at();
                    if (made instanceof ViewFamily<?> family) {
                        chain.family = family;
                    } else {
                        chain.familyBroken = true;
                    }
                }
                chain.ops.add(new OpSpec(op.name(), op.params()));
                chain.opsAt.add(op.at());
            }
            previous = op.name();
            previousInput = d == null ? null : d.input();
            // after an op that does not fit, what flows on is unknown: check no further stages
            stage = fits ? d.output() : null;
        }
        return stage;
    }

    /**
     * Notes a view's window when its first op cuts one, always; a window op elsewhere may not keep apart from another
     * view, since its times are on the timeline of what the ops before it made.
     */
    private void window(Chain chain, WrittenOp op, AnchoredOp a, OpDescriptor d) {
        boolean always = d.probability(op.params()) == 1;
        if (chain.ops.isEmpty() && always) {
            chain.window = new WindowAt(a, op);
        } else if (a.apart().isPresent()) {
            problems.add(op.entries().get("apart_from"), "op '" + op.name() + "' in view '" + chain.view + "' keeps apart from view '"
                    + a.apart().get().view() + "' but is not " + (always ? "the view's first op" : "always applied"),
                    "make it the view's first op, without p: only there is its window on the sample's own timeline");
        }
    }

    /**
     * Checks every window kept apart from another view's: that view exists, cuts a window first from the same
     * modality, the rules go round in no circle, and the rule holds whatever start the other window draws.
     *
     * <p>A rule is checked once, in the view that writes it; a view {@code like} it only must not be the view named.
     *
     * @param drafts view name → the view as written
     * @param bases view name → the view its {@code like} chain ends at
     */
    private void checkApart(Map<String, Draft> drafts, Map<String, Draft> bases) {
        var reported = new HashSet<String>();
        bases.forEach((name, base) -> {
            var w = base.window();
            var rule = w == null ? null : w.op().apart().orElse(null);
            if (rule == null) {
                return;
            }
            var written = drafts.get(name);
            if (written.like() != null) {
                if (rule.view().equals(name)) {
                    problems.add(written.likeNode(), "view '" + name + "' is like '" + base.name() + "', which keeps apart from"
                            + " view '" + name + "': '" + name + "' would keep apart from itself",
                            "give '" + name + "' its own ops, or keep '" + base.name() + "' apart from another view");
                }
                return;
            }
            var at = w.written().entries().get("apart_from").value();
            var other = bases.get(rule.view());
            var otherWindow = other == null ? null : other.window();
            String problem = null;
            String hint = "apart_from names another view of the sample whose first op is clip or audio_window, without p";
            if (rule.view().equals(name)) {
                problem = "view '" + name + "' keeps apart from itself";
            } else if (other == null) {
                var others = bases.keySet().stream().filter(v -> !v.equals(name)).toList();
                problem = "view '" + name + "' keeps apart from view '" + rule.view() + "', which is not a view";
                hint = Problems.suggest(rule.view(), others, "views");
            } else if (otherWindow == null) {
                if (!other.ok()) {
                    return; // its own problems are reported
                }
                problem = "view '" + name + "' keeps apart from view '" + rule.view() + "', which cuts no window first";
            } else if (other.from() != base.from()) {
                problem = "view '" + name + "' (" + base.from().recipeName() + ") keeps apart from view '" + rule.view()
                        + "', which reads " + other.from().recipeName();
            }
            if (problem != null) {
                problems.add(at, problem, hint);
                return;
            }
            var cycle = cycle(name, bases);
            if (cycle != null) {
                if (cycle.stream().noneMatch(reported::contains)) {
                    problems.add(at, "apart_from goes round in a circle: " + String.join(" → ", cycle) + " → " + cycle.get(0),
                            "one of them must be drawn first: remove apart_from from one");
                    reported.addAll(cycle);
                }
                return;
            }
            var ruleAt = w.written().entries().getOrDefault(rule.gap() ? "min_gap" : "max_overlap", w.written().entries().get("apart_from"));
            boolean sameOrigin = w.op().at().anchored() == otherWindow.op().at().anchored();
            rule.whyUnsatisfiable(w.op(), otherWindow.op()).ifPresent(why -> problems.add(ruleAt.value(), "view '" + name
                    + "' cannot always keep " + rule + " from view '" + rule.view() + "': " + why, sameOrigin
                    ? "widen its jitter, move its 'at' further from that of '" + rule.view() + "', or ask for less"
                    : "give both windows an 'at' of the same kind"));
        });
    }

    /**
     * The views of one modality cut at an onset share the sample's anchor, so they must find onsets alike: a view whose
     * settings differ from the first such view's is reported at its op. A view {@code like} another is not reported again.
     */
    private void checkOnsets(Map<String, Draft> bases) {
        var first = new LinkedHashMap<Modality, Draft>();
        bases.forEach((name, base) -> {
            if (!name.equals(base.name())) {
                return;
            }
            for (var o : base.onsets()) {
                var seen = first.putIfAbsent(base.from(), base);
                var settings = seen == null ? o.onsets() : seen.onsets().get(0).onsets();
                if (!settings.equals(o.onsets())) {
                    problems.add(o.at(), "view '" + name + "' finds onsets differently from view '" + seen.name() + "' ("
                            + o.onsets() + " against " + settings + "), but the " + base.from().recipeName() + " views of a"
                            + " sample share one anchor", "give every view cut at an onset the same onset settings");
                }
            }
        });
    }

    /** The views from {@code start} round to it again along apart_from, or {@code null} when they do not come back. */
    private static List<String> cycle(String start, Map<String, Draft> bases) {
        var path = new ArrayList<String>();
        var current = start;
        while (current != null && !path.contains(current)) {
            path.add(current);
            var base = bases.get(current);
            var w = base == null ? null : base.window();
            current = w == null ? null : w.op().apart().map(Apart::view).orElse(null);
        }
        return start.equals(current) ? path : null;
    }

    /**
     * Checks the nested ops of {@code random_apply} or {@code one_of} at {@code stage}: each must be known, take
     * and give that stage, and have good parameters. Returns whether they were all fine.
     */
    private boolean nested(String view, WrittenOp outer, Stage stage) {
        var entry = outer.entries().get("ops");
        if (entry == null || !(entry.value() instanceof PosNode.Sequence list)) {
            return true; // a missing or mistyped list is the outer op's parameter problem
        }
        int before = problems.count();
        var within = " inside " + outer.name() + " in view '" + view + "'";
        for (var item : list.items()) {
            var op = op(view, item);
            if (op == null) {
                continue;
            }
            var all = catalog.find(op.name());
            if (all.isEmpty()) {
                problems.add(op.at(), "unknown op '" + op.name() + "'" + within, Problems.suggest(op.name(), catalog.names(), "known ops"));
                continue;
            }
            var d = catalog.find(op.name(), stage).orElse(null);
            if (d == null) {
                var takes = all.stream().map(o -> withArticle(o.input())).distinct().collect(Collectors.joining(" or "));
                problems.add(op.at(), "op '" + op.name() + "'" + within + " cannot take " + withArticle(stage) + " (what "
                        + outer.name() + " takes)", "'" + op.name() + "' takes " + takes + "; ops that take " + withArticle(stage)
                        + ": " + String.join(", ", keeping(stage)));
            } else if (d.family()) {
                problems.add(op.at(), "op '" + op.name() + "'" + within + " makes several views, so it cannot sit inside "
                        + outer.name(), "put it in the view's own ops");
            } else if (d.cutsTime()) {
                problems.add(op.at(), "op '" + op.name() + "'" + within + " cuts a window of time, so it cannot sit inside "
                        + outer.name() + ": a window cut on some draws only, or one of several, has no one place on the"
                        + " media's timeline — the anchor's range is drawn without it, and the sync evaluation (eval.sync)"
                        + " could not move it by its offsets", "put '" + op.name() + "' in the view's own ops, before "
                        + outer.name() + "; for a start drawn at random, give it a jitter (" + op.name()
                        + ": {…, jitter: 0.1})");
            } else if (d.output() != stage) {
                problems.add(op.at(), "op '" + op.name() + "'" + within + " gives " + withArticle(d.output()) + ", but the ops inside "
                        + outer.name() + " must give back what they take (" + withArticle(stage) + ")",
                        "move it out of " + outer.name() + "; ops that keep " + withArticle(stage) + ": " + String.join(", ", keeping(stage)));
            } else {
                checkParams(view, op, d, stage);
            }
        }
        return problems.count() == before;
    }

    /** The ops that take and give a stage, sorted. */
    private List<String> keeping(Stage stage) {
        return catalog.descriptors().stream().filter(d -> d.input() == stage && d.output() == stage && isPlain(d))
                .map(OpDescriptor::name).distinct().sorted().toList();
    }

    /** An op that is neither a family op nor a combinator: the ones a hint suggests instead of a wrong op. */
    private static boolean isPlain(OpDescriptor d) {
        return !d.family() && d.params().stream().noneMatch(p -> p.type() == ParamType.OPS);
    }

    /** An op as written: its name, where the name is, its parameters and where each key is. */
    private record WrittenOp(String name, PosNode at, Map<String, Object> params, Map<String, PosNode.Entry> entries) {}

    private WrittenOp op(String view, PosNode item) {
        if (item instanceof PosNode.Scalar s && s.value() instanceof String name) {
            return new WrittenOp(name, item, Map.of(), Map.of());
        }
        if (!(item instanceof PosNode.Mapping m) || m.entries().isEmpty()) {
            problems.add(item, "view '" + view + "': expected an op, got " + item.describe(),
                    "write an op name (hflip) or a name with parameters (random_resized_crop: {size: 64})");
            return null;
        }
        if (m.entries().size() > 1) {
            problems.add(item, "view '" + view + "': an op is a one-key map, this one has " + m.entries().size()
                    + " keys (" + String.join(", ", m.entries().keySet()) + ")", "start each op on its own '- ' list item");
            return null;
        }
        var entry = m.entries().values().iterator().next();
        var at = new PosNode.Scalar(entry.key(), entry.line(), entry.column());
        if (entry.value().isNull()) {
            return new WrittenOp(entry.key(), at, Map.of(), Map.of());
        }
        if (!(entry.value() instanceof PosNode.Mapping params)) {
            problems.add(entry.value(), "view '" + view + "': the parameters of op '" + entry.key() + "' must be a map, got "
                    + entry.value().describe(), "write " + entry.key() + ": {name: value, ...}");
            return null;
        }
        var values = new LinkedHashMap<String, Object>();
        params.entries().forEach((key, e) -> {
            if (e.value().isNull()) {
                problems.add(e, "parameter '" + key + "' of op '" + entry.key() + "' in view '" + view + "' has no value",
                        "give it a value, or remove it to use the default");
            } else {
                values.put(key, e.value().plain());
            }
        });
        return new WrittenOp(entry.key(), at, resolvePaths(entry.key(), values), params.entries());
    }

    /**
     * An op's parameters with each relative {@link ParamType#PATH} resolved against the recipe's folder, as
     * {@code dataset.path} is, in the nested ops of {@code random_apply} and {@code one_of} too: the resolved
     * recipe (and the copy a run writes to its folder) then works from any working directory.
     */
    private Map<String, Object> resolvePaths(String opName, Map<String, Object> params) {
        var types = new LinkedHashMap<String, ParamType>();
        catalog.find(opName).forEach(d -> d.params().forEach(p -> types.putIfAbsent(p.name(), p.type())));
        var out = new LinkedHashMap<String, Object>();
        params.forEach((key, value) -> out.put(key, switch (types.getOrDefault(key, ParamType.STRING)) {
            case PATH -> value instanceof String path ? resolvePath(path) : value;
            case OPS -> value instanceof List<?> list ? list.stream().map(this::resolveNestedPaths).toList() : value;
            default -> value;
        }));
        return out;
    }

    /** A nested op as written ({@code name} or {@code name: {parameters}}) with its paths resolved. */
    @SuppressWarnings("unchecked")
    private Object resolveNestedPaths(Object item) {
        if (item instanceof Map<?, ?> m && m.size() == 1 && m.keySet().iterator().next() instanceof String name
                && m.values().iterator().next() instanceof Map<?, ?> params) {
            return Map.of(name, resolvePaths(name, (Map<String, Object>) params));
        }
        return item;
    }

    /** A path against the recipe's folder; one that is not a path stays as written, for the op's check to report. */
    private String resolvePath(String path) {
        try {
            return problems.file().toAbsolutePath().getParent().resolve(path).normalize().toString();
        } catch (InvalidPathException e) {
            return path;
        }
    }

    /**
     * Reports the catalogue's parameter problems at the key (unknown) or value (wrong) they concern, and the
     * problems of nested ops at theirs; when there are none, makes the op once, so a rule only its constructor
     * knows is reported here too.
     *
     * @param stage the stage the op sits at (where its nested ops must fit)
     * @return the op made, or {@code null} when it has problems
     */
    private Op<?, ?> checkParams(String view, WrittenOp op, OpDescriptor d, Stage stage) {
        var found = d.check(op.params());
        boolean nestedFine = d.params().stream().noneMatch(p -> p.type() == ParamType.OPS) || nested(view, op, stage);
        Op<?, ?> made = null;
        if (found.isEmpty() && nestedFine) {
            try {
                made = d.factory().apply(d.params(op.params()));
            } catch (IllegalArgumentException e) {
                problems.add(op.at(), "op '" + op.name() + "' in view '" + view + "': " + e.getMessage(),
                        "change the op's parameters (see the op catalogue, docs/ops.md)");
            }
        }
        for (var problem : found) {
            var message = problem.message() + " in view '" + view + "'";
            var nested = problem.param() == null ? null : nestedEntry(op, problem.param());
            if (nested != null) {
                // a key of a map of settings (onset.threshold): an unknown one at its key, else at its value
                if (message.startsWith("unknown parameter")) {
                    problems.add(nested, message, problem.hint());
                } else {
                    problems.add(nested.value(), message, problem.hint());
                }
                continue;
            }
            var entry = problem.param() == null ? null : op.entries().get(problem.param());
            if (entry == null) {
                problems.add(op.at(), message, problem.hint());
            } else if (d.keys().contains(entry.key())) {
                problems.add(entry.value(), message, problem.hint());
            } else {
                problems.add(entry, message, problem.hint());
            }
        }
        return made;
    }

    /**
     * The entry a problem about a key of a settings map names ({@code onset.threshold}), when the recipe writes it;
     * {@code null} for a plain parameter, or a key it does not write (then the map itself is the place).
     */
    private static PosNode.Entry nestedEntry(WrittenOp op, String param) {
        int dot = param.indexOf('.');
        if (dot < 0) {
            return null;
        }
        var outer = op.entries().get(param.substring(0, dot));
        if (outer == null) {
            return null;
        }
        return outer.value() instanceof PosNode.Mapping m && m.entries().containsKey(param.substring(dot + 1))
                ? m.entries().get(param.substring(dot + 1)) : outer;
    }

    private void mismatch(String view, Modality from, WrittenOp op, List<OpDescriptor> all, Stage stage,
            String previous, Stage previousInput) {
        var gives = previous == null
                ? "what a " + from.recipeName() + " view starts with"
                : "what '" + previous + "' gives";
        var takes = all.stream().map(d -> withArticle(d.input())).distinct().collect(Collectors.joining(" or "));
        var hint = new StringBuilder("'" + op.name() + "' takes " + takes);
        if (previous != null && all.stream().anyMatch(d -> d.input() == previousInput)) {
            hint.append("; move it before '").append(previous).append("'");
        }
        var fitting = catalog.descriptors().stream().filter(d -> d.input() == stage && isPlain(d)).map(OpDescriptor::name).distinct()
                .sorted().toList();
        if (!fitting.isEmpty()) {
            hint.append("; ops that take ").append(withArticle(stage)).append(": ").append(String.join(", ", fitting));
        }
        problems.add(op.at(), "op '" + op.name() + "' in view '" + view + "' cannot take " + withArticle(stage) + " (" + gives + ")",
                hint.toString());
    }

    private static String withArticle(Stage stage) {
        return OpCatalog.article(stage);
    }

    /** The view a {@code like} chain ends at, or {@code null} (and a problem) when it is undefined or circular. */
    private Draft follow(Draft start, Map<String, Draft> drafts, Set<String> reported) {
        var path = new ArrayList<String>();
        var current = start;
        while (current.like() != null) {
            path.add(current.name());
            var next = drafts.get(current.like());
            if (next == null) {
                if (current == start) {
                    problems.add(start.likeNode(), "view '" + start.name() + "' is like '" + start.like() + "', which is not a view",
                            Problems.suggest(start.like(), drafts.keySet(), "views"));
                }
                return null;
            }
            int seen = path.indexOf(next.name());
            if (seen >= 0) {
                // report each cycle once, at the first of its views in recipe order
                var cycle = path.subList(seen, path.size());
                if (cycle.contains(start.name()) && cycle.stream().noneMatch(reported::contains)) {
                    problems.add(start.likeNode(), "'like' goes round in a circle: " + String.join(" → ", cycle) + " → " + next.name(),
                            "give one of them 'from' and 'ops' instead of 'like'");
                    reported.addAll(cycle);
                }
                return null;
            }
            current = next;
        }
        return current;
    }
}
