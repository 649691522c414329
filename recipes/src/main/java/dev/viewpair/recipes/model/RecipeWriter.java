package dev.viewpair.recipes.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes a {@link Recipe} back in the recipe format, as plain maps and lists serialized by Jackson. */
final class RecipeWriter {
    private RecipeWriter() {}

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .stringQuotingChecker(new Quoting())
                    .build())
            .build();

    private static final ObjectMapper CANONICAL_JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /**
     * Jackson's quoting, plus text that starts like a number: the YAML reader takes {@code 1e-3} for a
     * number while Jackson's writer leaves that text bare.
     */
    private static final class Quoting extends StringQuotingChecker.Default {
        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || !value.isEmpty() && "0123456789+-.".indexOf(value.charAt(0)) >= 0;
        }
    }

    /** The recipe's YAML. */
    static String yaml(Recipe recipe) {
        return write(YAML, recipe, false);
    }

    /**
     * Without {@code train.devices} and {@code train.report_every}, so that the hash does not change with where a run
     * computes or how often it rewrites its report.
     */
    static String canonicalJson(Recipe recipe) {
        return write(CANONICAL_JSON, recipe, true);
    }

    private static String write(ObjectMapper mapper, Recipe recipe, boolean canonical) {
        try {
            return mapper.writeValueAsString(tree(recipe, canonical));
        } catch (JsonProcessingException e) {
            // the tree holds only maps, lists, strings, numbers and booleans
            throw new IllegalStateException("cannot write recipe '" + recipe.name() + "'", e);
        }
    }

    /**
     * The recipe as the maps and lists a recipe file holds, keys in recipe order; canonical: without train.devices and
     * train.report_every.
     */
    static Map<String, Object> tree(Recipe r, boolean canonical) {
        var root = new LinkedHashMap<String, Object>();
        root.put("name", r.name());
        root.put("seed", r.seed());
        var dataset = new LinkedHashMap<String, Object>();
        dataset.put("type", r.dataset().type());
        dataset.put("path", r.dataset().uri() != null ? r.dataset().uri().toString() : r.dataset().path().toString());
        dataset.put("split", r.dataset().split());
        if (r.dataset().test() != null) {
            dataset.put("test", r.dataset().test().toString());
        }
        dataset.put("on_bad_input", r.dataset().onBadInput());
        dataset.put("allow_outside_root", r.dataset().allowOutsideRoot());
        root.put("dataset", dataset);
        root.put("audio", Map.of("sample_rate", r.audio().sampleRate()));
        var views = new LinkedHashMap<String, Object>();
        r.views().forEach((name, v) -> views.put(name, view(v)));
        root.put("views", views);
        var encoders = new LinkedHashMap<String, Object>();
        r.encoders().forEach((name, e) -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("type", e.type());
            m.putAll(e.params()); // the parameters its type declares, in their declared order
            // only when declared: a deterministic encoder's recipe (and hash) is as before
            e.stochastic().ifPresent(s -> m.put("stochastic", choice(s.type(), s.params())));
            m.put("views", e.views());
            encoders.put(name, m);
        });
        root.put("encoders", encoders);
        var pairs = new ArrayList<Object>();
        for (var p : r.pairs()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("name", p.name());
            m.put("views", p.sides());
            m.put("bound", choice(p.bound().type(), p.bound().params()));
            m.put("critic", choice(p.critic().type(), p.critic().params()));
            m.put("weight", p.weight());
            m.put("direction", p.direction());
            if (p.warmup() > 0) {
                m.put("warmup", p.warmup());
            }
            p.negatives().ifPresent(view -> m.put("negatives", Map.of("view", view)));
            pairs.add(m);
        }
        root.put("pairs", pairs);
        var t = r.train();
        var train = new LinkedHashMap<String, Object>();
        train.put("epochs", t.epochs());
        train.put("batch", t.batch());
        var optimizer = new LinkedHashMap<String, Object>();
        optimizer.put("type", t.optimizer().type());
        optimizer.put("lr", t.optimizer().lr());
        optimizer.put("weight_decay", t.optimizer().weightDecay());
        optimizer.putAll(t.optimizer().params()); // the settings its type declares, in their declared order
        train.put("optimizer", optimizer);
        train.put("schedule", t.schedule());
        train.put("warmup_steps", t.warmupSteps());
        if (t.checkpointEvery() > 0) {
            train.put("checkpoint_every", t.checkpointEvery());
        }
        if (t.clipGradNorm() > 0) {
            train.put("clip_grad_norm", t.clipGradNorm());
        }
        train.put("on_nonfinite", t.onNonFinite());
        train.put("workers", t.workers());
        if (!canonical) { // where a run computes is not what it computes: resuming on other devices is allowed
            train.put("devices", t.devices());
            // nor is how often it shows itself: a run may be resumed with another report_every
            train.put("report_every", t.reportEvery().written());
        }
        root.put("train", train);
        var eval = new LinkedHashMap<String, Object>();
        r.eval().linearProbe().ifPresent(lp -> {
            var probe = new LinkedHashMap<String, Object>();
            probe.put("label", lp.label());
            if (!lp.views().isEmpty()) {
                probe.put("views", lp.views());
            }
            eval.put("linear_probe", probe);
        });
        if (!r.eval().retrieval().isEmpty()) {
            eval.put("retrieval", r.eval().retrieval().stream().map(x -> List.of(x.query(), x.gallery())).toList());
        }
        r.eval().knn().ifPresent(k -> eval.put("knn", Map.of("k", k.k())));
        r.eval().sync().ifPresent(y -> {
            var sync = new LinkedHashMap<String, Object>();
            sync.put("pair", y.pair());
            sync.put("windows", y.windows());
            sync.put("offsets", y.offsets());
            sync.put("anchors", y.anchors().recipeName());
            eval.put("sync", sync);
        });
        root.put("eval", eval);
        return root;
    }

    private static Map<String, Object> view(ViewSpec v) {
        var m = new LinkedHashMap<String, Object>();
        m.put("from", v.from().recipeName());
        m.put("ops", v.ops().stream().map(RecipeWriter::op).toList());
        return m;
    }

    /** A bare name without parameters, else a one-key map; parameters sorted since {@link OpSpec} keeps no order. */
    private static Object op(OpSpec op) {
        return op.params().isEmpty() ? op.name() : Map.of(op.name(), new TreeMap<>(op.params()));
    }

    /** A bare name without parameters, else {@code {type: name, ...params}}. */
    private static Object choice(String type, Map<String, Object> params) {
        if (params.isEmpty()) {
            return type;
        }
        var m = new LinkedHashMap<String, Object>();
        m.put("type", type);
        m.putAll(params);
        return m;
    }
}
