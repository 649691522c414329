package dev.viewpair.recipes.validate;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import dev.viewpair.encoders.nn.GaussianPosterior;
import dev.viewpair.recipes.model.AudioSettings;
import dev.viewpair.recipes.model.DatasetDecl;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.KnnDecl;
import dev.viewpair.recipes.model.SyncDecl;
import dev.viewpair.recipes.model.LinearProbeDecl;
import dev.viewpair.recipes.model.OptimizerDecl;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.TrainDecl;
import dev.viewpair.views.Modality;
import dev.viewpair.views.catalog.OpDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recipe format as a JSON Schema (draft-07, which editors' YAML and JSON language servers read), generated from
 * the catalogues ({@link Families}): every section with its keys, and every op, encoder type, bound, critic,
 * optimizer, schedule and dataset type with its parameters, their kinds, ranges, choices, defaults and one line of
 * docs. A section's keys are the ones its reader accepts (its {@code KEYS}): a key added to a reader without a schema
 * here fails the generation. The schema checks each value where it stands; what ties values together (a view named
 * in a pair exists, {@code win ≤ n_fft}, shapes) only {@code validate} checks.
 */
public final class RecipeSchema {
    private static final String DRAFT = "http://json-schema.org/draft-07/schema#";
    private final Families families;

    private RecipeSchema(Families families) {
        this.families = families;
    }

    /** The schema of recipes checked against these catalogues, as maps, lists and values for a JSON writer. */
    public static Map<String, Object> of(Families families) {
        return new RecipeSchema(families).schema();
    }

    private Map<String, Object> schema() {
        var top = new LinkedHashMap<String, Object>();
        top.put("$schema", DRAFT);
        top.put("title", "viewpair recipe");
        top.put("description", "A viewpair recipe: the dataset, the views made from each sample, the encoders that embed"
                + " them, the pairs of views whose mutual information is maximized, how to train and how to evaluate."
                + " Generated from the catalogues by ./viewpair schema; ./viewpair validate checks what a schema cannot"
                + " (names that refer to each other, shapes, rules between parameters).");
        var props = new LinkedHashMap<String, Object>();
        props.put("name", described(withPattern(type("string"), "^" + RecipeValidator.NAME.pattern() + "$"),
                "names the run folder (runs/NAME); default: the recipe file's name"));
        props.put("seed", described(defaulted(type("integer"), 0), "the seed of every random draw: views, splits, initial weights"));
        props.put("dataset", dataset());
        props.put("audio", closed("audio", List.of("sample_rate"), obj("sample_rate", described(defaulted(
                minimum(type("integer"), 1000, false), AudioSettings.DEFAULT_SAMPLE_RATE),
                "the rate every sound is resampled to when decoded, in Hz"))));
        props.put("views", described(obj("type", "object", "minProperties", 1, "additionalProperties", ref("view")),
                "the views, by name: each made from one modality of a sample by a chain of ops, or like another view"));
        props.put("encoders", described(obj("type", "object", "minProperties", 1, "additionalProperties", ref("encoder")),
                "the encoders, by name: each embeds the views it lists"));
        props.put("pairs", described(obj("type", "array", "minItems", 1, "items", ref("pair")),
                "the pairs of views whose mutual information is estimated by a critic and a bound and maximized (or minimized)"));
        props.put("train", train());
        props.put("eval", eval());
        top.putAll(closed("recipe", RecipeValidator.TOP_KEYS, props));
        top.put("required", List.of("dataset", "views", "encoders", "pairs"));
        var defs = new LinkedHashMap<String, Object>();
        defs.put("view", view());
        defs.put("ops", obj("type", "array", "items", ref("op"), "description",
                "ops applied in order, each a name (hflip) or a name with its parameters (random_resized_crop: {size: 64})"));
        defs.put("op", op());
        for (var name : families.ops().names()) {
            defs.put("op." + name, opParams(families.ops().find(name)));
        }
        defs.put("encoder", typed(families.encoders(), EncodersReader.OWN_KEYS, obj("views", described(
                obj("type", "array", "minItems", 1, "items", type("string")),
                "the views (or groups of member views) this encoder embeds"), StochasticReader.KEY, stochastic()),
                Set.of("views"), null));
        defs.put("pair", pair());
        defs.put("bound", choice(families.bounds(), "the MI bound: a name, or {type: NAME, parameters}"));
        defs.put("critic", choice(families.critics(), "the critic that scores pairs: a name, or {type: NAME, parameters}"));
        top.put("definitions", defs);
        return top;
    }

    private Map<String, Object> dataset() {
        var props = new LinkedHashMap<String, Object>();
        props.put("type", named(families.datasets(), "how the dataset is stored"));
        props.put("path", described(withMinLength(type("string")),
                "the manifest, folder or file of the dataset, relative to the recipe's folder, or a URI (s3://, hdfs://)"));
        var split = new LinkedHashMap<String, Object>();
        for (var name : DatasetDecl.SPLITS) {
            split.put(name, described(maximum(minimum(type("number"), 0, true), 1, false), "the fraction of samples in " + name));
        }
        props.put("split", described(obj("type", "object", "properties", split, "additionalProperties", false,
                "required", List.of("train")), "the fractions of samples in each split, adding up to 1; default: all train"));
        props.put("test", described(withMinLength(type("string")), "a separate test set of the same type, instead of a test fraction"));
        props.put("on_bad_input", described(defaulted(enumOf(DatasetDecl.BAD_INPUT_POLICIES), DatasetDecl.SKIP),
                "skip: leave out a file that does not decode and list it in bad_inputs.jsonl; fail_fast: stop"));
        props.put("allow_outside_root", described(defaulted(type("boolean"), false),
                "let the manifest or folder reach media outside its own folder"));
        var s = closed("dataset", DatasetReader.KEYS, props);
        s.put("required", List.of("type", "path"));
        return described(s, "where the samples are and how they are split");
    }

    private Map<String, Object> train() {
        var d = TrainDecl.DEFAULT;
        var props = new LinkedHashMap<String, Object>();
        props.put("epochs", described(defaulted(minimum(type("integer"), 1, false), d.epochs()), "passes over the train split"));
        props.put("batch", described(defaulted(minimum(type("integer"), 2, false), d.batch()),
                "samples per step; the others of the batch are negatives"));
        props.put("optimizer", optimizer());
        props.put("schedule", named(families.schedules(), "the learning-rate schedule (default " + d.schedule() + ")"));
        props.put("warmup_steps", described(defaulted(minimum(type("integer"), 0, false), d.warmupSteps()),
                "linear warm-up from 0 to lr first"));
        props.put("workers", described(defaulted(minimum(type("integer"), 1, false), d.workers()),
                "threads making views while the trainer computes"));
        props.put("checkpoint_every", described(defaulted(minimum(type("integer"), 0, false), d.checkpointEvery()),
                "also write RUN/checkpoint every this many steps (always at the end), for --resume"));
        props.put("clip_grad_norm", described(defaulted(minimum(type("number"), 0, false), d.clipGradNorm()),
                "scale all gradients so that their global L2 norm is at most this (0: off)"));
        props.put("on_nonfinite", described(defaulted(enumOf(TrainDecl.ON_NONFINITE), d.onNonFinite()),
                "stop: a NaN or infinite estimate or gradient stops the run before its update; skip: the batch leaves no trace"));
        var device = withPattern(type("string"), "^\\s*(cpu|gpu(:[0-9]{1,4})?)\\s*$");
        props.put("devices", described(obj("anyOf", List.of(device, obj("type", "array", "minItems", 1, "items", device)),
                "default", TrainDecl.DEFAULT_DEVICES), "where the encoders run, one replica each: cpu, gpu, gpu:N"));
        props.put("report_every", described(obj("anyOf", List.of(minimum(type("integer"), 0, false),
                withPattern(type("string"), "^" + TrainReader.TIME.pattern() + "$")), "default", d.reportEvery().written()),
                "rewrite the plots and report.html while training every this many steps, or this often (60s, 2m); "
                        + "0: only at the end"));
        return described(closed("train", TrainReader.KEYS, props), "how to train: all pairs together, by one optimizer");
    }

    private Map<String, Object> optimizer() {
        var d = OptimizerDecl.DEFAULT;
        var own = new LinkedHashMap<String, Object>();
        own.put("lr", described(defaulted(minimum(type("number"), 0, true), d.lr()), "the learning rate"));
        own.put("weight_decay", described(defaulted(minimum(type("number"), 0, false), d.weightDecay()),
                "decoupled weight decay; biases and normalization parameters are not decayed"));
        var typed = typed(families.optimizers(), TrainReader.OPTIMIZER_KEYS, own, Set.of(), d.type());
        var s = new LinkedHashMap<String, Object>();
        s.put("description", "the optimizer: a name, or {type: NAME, lr, weight_decay, its settings} (default " + d.type() + ")");
        s.put("anyOf", List.of(named(families.optimizers(), "an optimizer with its default settings"), typed));
        return s;
    }

    private Map<String, Object> eval() {
        var props = new LinkedHashMap<String, Object>();
        var probe = closed("eval.linear_probe", List.of("label", "views"), obj(
                "label", described(defaulted(enumOf(List.of(LinearProbeDecl.DEFAULT_LABEL)), LinearProbeDecl.DEFAULT_LABEL),
                        "the dataset field holding each sample's class"),
                "views", described(obj("type", "array", "items", type("string")),
                        "the views to probe (at most one per encoder and layer; VIEW@stage2 probes a stage averaged over"
                                + " its positions); default: each encoder's first")));
        props.put("linear_probe", described(obj("anyOf", List.of(type("null"), probe)),
                "a logistic regression on frozen embeddings, test accuracy against the same on random encoders"));
        var twoViews = obj("type", "array", "minItems", 2, "maxItems", 2, "items", type("string"));
        props.put("retrieval", described(obj("type", "array", "items", twoViews),
                "[query_view, gallery_view] pairs: recall@1/5/10 of finding each sample's own gallery view"));
        var knn = closed("eval.knn", List.of("k"), obj("k", described(defaulted(minimum(type("integer"), 1, false),
                KnnDecl.DEFAULT_K), "neighbours that vote")));
        props.put("knn", described(obj("anyOf", List.of(type("null"), knn)), "k-nearest-neighbour accuracy on embeddings"));
        var sync = closed("eval.sync", List.of("pair", "windows", "offsets", "anchors"), obj(
                "pair", described(type("string"), "a declared pair (by name) whose second view is cut at the anchor"),
                "windows", described(defaulted(maximum(minimum(type("integer"), 1, false), SyncDecl.MAX_WINDOWS, false),
                        SyncDecl.DEFAULT_WINDOWS), "anchors drawn per test sample"),
                "offsets", described(defaulted(obj("type", "array", "minItems", 1, "uniqueItems", true,
                        "items", minimum(type("number"), 0, true)), SyncDecl.DEFAULT_OFFSETS),
                        "shifts in seconds, each tried later and earlier than in sync"),
                "anchors", described(defaulted(enumOf(Arrays.stream(SyncDecl.Anchors.values()).map(SyncDecl.Anchors::recipeName)
                        .toList()), SyncDecl.Anchors.UNIFORM.recipeName()), "uniform: anchors drawn uniformly where every"
                        + " window fits, whatever the views' at:; views: where the views place them (on onsets for at: onset)")));
        sync.put("required", List.of("pair"));
        props.put("sync", described(sync, "how often the pair's critic tells in-sync from shifted views, per offset"));
        return described(closed("eval", EvalReader.KEYS, props), "how to evaluate the trained encoders");
    }

    private Map<String, Object> view() {
        var props = new LinkedHashMap<String, Object>();
        props.put("from", described(enumOf(Arrays.stream(Modality.values()).map(Modality::recipeName).toList()),
                "the modality of the sample the view is made from"));
        props.put("ops", ref("ops"));
        props.put("like", described(type("string"), "another view whose from and ops this one copies (its own random draws)"));
        var s = closed("view", ViewsReader.KEYS, props);
        // from (and ops), or like alone
        s.put("oneOf", List.of(obj("required", List.of("from"), "not", obj("required", List.of("like"))),
                obj("required", List.of("like"), "not", obj("anyOf", List.of(obj("required", List.of("from")),
                        obj("required", List.of("ops")))))));
        return s;
    }

    /** An op: its name alone, or a one-key map from its name to its parameters. */
    private Map<String, Object> op() {
        var names = new ArrayList<Object>();
        var maps = new ArrayList<Object>();
        for (var name : families.ops().names()) {
            var all = families.ops().find(name);
            var doc = all.get(0).doc();
            if (all.stream().allMatch(d -> d.params().stream().noneMatch(Param::isRequired))) {
                names.add(obj("const", name, "description", doc));
            }
            maps.add(obj("type", "object", "required", List.of(name), "properties", obj(name, ref("op." + name)),
                    "additionalProperties", false, "description", doc));
        }
        var alternatives = new ArrayList<>();
        alternatives.add(obj("oneOf", names));
        alternatives.addAll(maps);
        return obj("anyOf", alternatives);
    }

    /** The parameters of the ops of one name (one per stage it takes). */
    private Map<String, Object> opParams(List<OpDescriptor> all) {
        var alternatives = new ArrayList<Object>();
        boolean noneRequired = true;
        for (var d : all) {
            var props = new LinkedHashMap<String, Object>();
            d.params().forEach(p -> props.put(p.name(), param(p)));
            if (d.acceptsProbability()) {
                props.put(OpDescriptor.PROBABILITY, described(defaulted(maximum(minimum(type("number"), 0, false), 1, false),
                        d.defaultProbability()), "the probability of applying it"));
            }
            var s = new LinkedHashMap<String, Object>();
            s.put("type", "object");
            s.put("description", d.doc() + " (takes " + d.input().name().toLowerCase(java.util.Locale.ROOT) + ")");
            s.put("properties", props);
            s.put("additionalProperties", false);
            var required = d.params().stream().filter(Param::isRequired).map(Param::name).toList();
            if (!required.isEmpty()) {
                s.put("required", required);
                noneRequired = false;
            }
            alternatives.add(s);
        }
        if (noneRequired) {
            alternatives.add(0, type("null"));
        }
        return alternatives.size() == 1 ? castMap(alternatives.get(0)) : obj("anyOf", alternatives);
    }

    /** An encoder's {@code stochastic}: {@code gaussian}, or {@code {type: gaussian, min_std: …}}. */
    private static Map<String, Object> stochastic() {
        var gaussian = obj("const", GaussianPosterior.TYPE);
        var props = new LinkedHashMap<String, Object>();
        props.put("type", gaussian);
        GaussianPosterior.PARAMS.forEach(p -> props.put(p.name(), param(p)));
        var map = closed("stochastic", List.of("type", "min_std"), props);
        map.put("required", List.of("type"));
        return described(obj("anyOf", List.of(gaussian, map)), "make the projection the mean of a Gaussian posterior,"
                + " sampled in training (the information bottleneck, docs/bounds.md)");
    }

    private Map<String, Object> pair() {
        var props = new LinkedHashMap<String, Object>();
        props.put("name", described(withPattern(type("string"), "^" + RecipeValidator.NAME.pattern() + "$"),
                "the pair's name in metrics and reports; default: its two views, VIEW_A-VIEW_B"));
        props.put("views", described(obj("type", "array", "minItems", 2, "maxItems", 2, "items", type("string")),
                "the two views (or groups of member views) whose MI is estimated; VIEW@LAYER reads a view inside its"
                        + " encoder (input, stage1 …, embedding, projection: the default)"));
        props.put("bound", ref("bound"));
        props.put("critic", ref("critic"));
        props.put("weight", described(defaulted(minimum(type("number"), 0, true), 1.0), "the pair's weight in the summed loss"));
        props.put("direction", described(defaulted(enumOf(List.of(PairDecl.MAXIMIZE, PairDecl.MINIMIZE)), PairDecl.MAXIMIZE),
                "maximize a lower bound, or minimize an upper bound"));
        props.put("warmup", described(defaulted(minimum(type("integer"), 0, false), 0),
                "the weight ramps up linearly over the first STEPS updates (the bottleneck's β); 0: full from the start"));
        var negatives = closed("negatives", List.of("view"), obj("view",
                described(type("string"), "a view of the second view's kind cut at another time, fed to its encoder")));
        negatives.put("required", List.of("view"));
        props.put("negatives", described(negatives, "hard negatives for the second view"));
        var s = closed("pair", PairsReader.KEYS, props);
        // critic: required by validate, except for a pair reading a stage or input (separable_mlp then)
        s.put("required", List.of("views", "bound"));
        return s;
    }

    /** A member of a family named alone, or {@code {type: NAME, its parameters}}. */
    private Map<String, Object> choice(Catalog<? extends Entry> family, String description) {
        var s = new LinkedHashMap<String, Object>();
        s.put("description", description);
        s.put("anyOf", List.of(named(family, null), typed(family, List.of("type"), obj(), Set.of(), null)));
        return s;
    }

    /** One of a family's names, each with its doc. */
    private static Map<String, Object> named(Catalog<? extends Entry> family, String description) {
        var s = new LinkedHashMap<String, Object>();
        if (description != null) {
            s.put("description", description);
        }
        s.put("oneOf", family.entries().stream().map(e -> (Object) obj("const", e.name(), "description", e.doc())).toList());
        return s;
    }

    /**
     * A map naming a member of the family with {@code type}, with the member's parameters besides the section's own
     * keys: one alternative per member, each closed to other keys. The member {@code defaultType} may leave
     * {@code type} out.
     */
    private static Map<String, Object> typed(Catalog<? extends Entry> family, List<String> ownKeys, Map<String, Object> own,
            Set<String> ownRequired, String defaultType) {
        var alternatives = new ArrayList<Object>();
        for (var e : family.entries()) {
            var props = new LinkedHashMap<String, Object>();
            props.put("type", obj("const", e.name(), "description", e.doc()));
            own.forEach(props::put);
            e.params().forEach(p -> props.put(p.name(), param(p)));
            if (!props.keySet().containsAll(ownKeys)) {
                throw new IllegalStateException("the schema of a " + family.family() + " lacks keys of " + ownKeys);
            }
            var required = new ArrayList<String>();
            if (!e.name().equals(defaultType)) {
                required.add("type");
            }
            required.addAll(ownRequired);
            e.params().stream().filter(Param::isRequired).forEach(p -> required.add(p.name()));
            var s = new LinkedHashMap<String, Object>();
            s.put("type", "object");
            s.put("description", e.name() + ": " + e.doc());
            s.put("properties", props);
            s.put("additionalProperties", false);
            if (!required.isEmpty()) {
                s.put("required", required);
            }
            alternatives.add(s);
        }
        return obj("oneOf", alternatives);
    }

    /** A parameter's value: its kind, range, choices, default and doc. */
    static Map<String, Object> param(Param p) {
        Map<String, Object> s = switch (p.type()) {
            case NUMBER -> bounded(type("number"), p);
            case INTEGER -> p.choices().isEmpty() ? bounded(type("integer"), p)
                    : enumOf(p.choices().stream().map(c -> (Object) Integer.valueOf(c)).toList());
            case BOOLEAN -> type("boolean");
            case STRING -> p.choices().isEmpty() ? type("string") : enumOf(p.choices());
            case RANGE -> obj("anyOf", List.of(bounded(type("number"), p),
                    obj("type", "array", "minItems", 2, "maxItems", 2, "items", bounded(type("number"), p))));
            case NUMBERS -> obj("anyOf", List.of(bounded(type("number"), p),
                    obj("type", "array", "minItems", 1, "items", bounded(type("number"), p))));
            case INTEGERS -> obj("type", "array", "minItems", 1, "items", bounded(type("integer"), p));
            case PATH, WEIGHTS -> withMinLength(type("string"));
            case TIME -> obj("anyOf", List.of(type("number"), type("string")));
            case OPS -> obj("allOf", List.of(ref("ops")), "minItems", 1);
            case SETTINGS -> type("object");
        };
        var out = new LinkedHashMap<>(s);
        out.put("description", p.doc() + " (" + p.type().description() + ")");
        if (!p.isRequired() && p.defaultValue() != Param.Unset.NONE) {
            out.put("default", p.defaultValue());
        }
        return out;
    }

    private static Map<String, Object> bounded(Map<String, Object> s, Param p) {
        var out = s;
        if (p.min() != null) {
            out = minimum(out, p.min(), p.minExcluded());
        }
        if (p.max() != null) {
            out = maximum(out, p.max(), p.maxExcluded());
        }
        return out;
    }

    /**
     * A map section closed to keys its reader refuses: {@code keys} is the reader's list, and each must have its
     * schema in {@code props}.
     */
    private static LinkedHashMap<String, Object> closed(String section, List<String> keys, Map<String, Object> props) {
        if (!new LinkedHashSet<>(keys).equals(props.keySet())) {
            throw new IllegalStateException("the schema of " + section + " has keys " + props.keySet() + ", its reader " + keys);
        }
        var ordered = new LinkedHashMap<String, Object>();
        keys.forEach(k -> ordered.put(k, props.get(k)));
        var s = new LinkedHashMap<String, Object>();
        s.put("type", "object");
        s.put("properties", ordered);
        s.put("additionalProperties", false);
        return s;
    }

    /** A JSON object whose keys keep the order given: {@code obj("type", "array", "minItems", 1)}. */
    private static Map<String, Object> obj(Object... keysAndValues) {
        var out = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> type(String type) {
        return obj("type", type);
    }

    private static Map<String, Object> ref(String definition) {
        return obj("$ref", "#/definitions/" + definition);
    }

    private static Map<String, Object> enumOf(List<?> values) {
        return obj("enum", values);
    }

    private static Map<String, Object> with(Map<String, Object> s, String key, Object value) {
        var out = new LinkedHashMap<>(s);
        out.put(key, value);
        return out;
    }

    private static Map<String, Object> described(Map<String, Object> s, String description) {
        return with(s, "description", description);
    }

    private static Map<String, Object> defaulted(Map<String, Object> s, Object value) {
        return with(s, "default", value);
    }

    private static Map<String, Object> withPattern(Map<String, Object> s, String pattern) {
        return with(s, "pattern", pattern);
    }

    private static Map<String, Object> withMinLength(Map<String, Object> s) {
        return with(s, "minLength", 1);
    }

    private static Map<String, Object> minimum(Map<String, Object> s, double value, boolean excluded) {
        return with(s, excluded ? "exclusiveMinimum" : "minimum", number(value));
    }

    private static Map<String, Object> maximum(Map<String, Object> s, double value, boolean excluded) {
        return with(s, excluded ? "exclusiveMaximum" : "maximum", number(value));
    }

    /** A bound as written: {@code 1}, not {@code 1.0}, when whole. */
    private static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
