package dev.viewpair.recipes.run;

import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.loader.BatchLoader;
import dev.viewpair.datasets.loader.DecodedViews;
import dev.viewpair.encoders.eval.LinearProbe;
import dev.viewpair.encoders.eval.Retrieval;
import dev.viewpair.encoders.eval.RetrievalResult;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.encoders.train.SharedTrainer;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.Recipe;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-of-run evaluation. Linear probe: for each encoder, backbone embeddings of its first view on
 * the train split (probe training) and the test split (probe accuracy), views drawn with a fixed
 * evaluation seed. Retrieval: for each declared query → gallery pair of views, on the test split,
 * scored by the critic of the pair that joins them (by cosine of backbone embeddings where none does).
 */
final class Evaluation {
    private final Recipe recipe;
    private final DataPlan data;
    private final DecodedViews views;
    private final BadInputLog badInputs;
    private final SharedTrainer trainer;

    Evaluation(Recipe recipe, DataPlan data, DecodedViews views, BadInputLog badInputs, SharedTrainer trainer) {
        this.recipe = recipe;
        this.data = data;
        this.views = views;
        this.badInputs = badInputs;
        this.trainer = trainer;
    }

    /** Encoder name → linear-probe test accuracy; empty when the recipe asks for no probe or has no test split. */
    Map<String, Double> probeAll() {
        var out = new LinkedHashMap<String, Double>();
        if (recipe.eval().linearProbe().isEmpty() || data.test() == null) {
            return out;
        }
        for (var e : recipe.encoders().values()) {
            String view = e.views().get(0);
            var train = embed(data.train(), e.name(), view);
            var test = embed(data.test(), e.name(), view);
            var classes = new TreeMap<String, Integer>();
            train.labels.forEach(l -> classes.putIfAbsent(l, 0));
            test.labels.forEach(l -> classes.putIfAbsent(l, 0));
            int k = 0;
            for (var c : classes.keySet()) {
                classes.put(c, k++);
            }
            var result = LinearProbe.defaults().fit(train.rows, indices(train.labels, classes), test.rows,
                    indices(test.labels, classes));
            out.put(e.name(), result.testAccuracy());
        }
        return out;
    }

    /** "query->gallery" → recall at 1 and 5 on the test split. */
    Map<String, RetrievalResult> retrievalAll() {
        var out = new LinkedHashMap<String, RetrievalResult>();
        Source split = data.test() != null ? data.test() : data.train();
        for (var r : recipe.eval().retrieval()) {
            var pair = recipe.pairs().stream()
                    .filter(p -> p.views().contains(r.query()) && p.views().contains(r.gallery()))
                    .findFirst();
            RetrievalResult result;
            if (pair.isPresent()) {
                float[][] scores = trainer.pairScores(pair.get().name(), batches(split, new ArrayList<>()));
                result = Retrieval.fromScores(pair.get().viewA().equals(r.query()) ? scores : transpose(scores));
            } else {
                var q = embed(split, recipe.encoderOf(r.query()).name(), r.query());
                var g = embed(split, recipe.encoderOf(r.gallery()).name(), r.gallery());
                result = Retrieval.evaluate(q.rows, g.rows);
            }
            out.put(r.query() + "->" + r.gallery(), result);
        }
        return out;
    }

    private record Embedded(float[][] rows, List<String> labels) {}

    private Embedded embed(Source split, String encoder, String view) {
        var labels = new ArrayList<String>();
        float[][] rows = trainer.embed(encoder, batches(split, labels), view);
        return new Embedded(rows, labels);
    }

    /** The split's batches in source order, every sample once, recording labels as they pass. */
    private Iterator<BatchData> batches(Source split, List<String> labels) {
        var loader = BatchLoader.builder(split, views).batchSize(recipe.train().batch())
                .workers(recipe.train().workers()).shuffle(false).keepPartialLast(true).seed(recipe.seed())
                .onBadInput(badInputs::add).build();
        var epoch = loader.epoch(Training.EVAL_EPOCH);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = epoch.hasNext();
                if (!more) {
                    loader.close();
                }
                return more;
            }

            @Override
            public BatchData next() {
                var b = epoch.next();
                labels.addAll(b.labels());
                return new LoaderBatches(b);
            }
        };
    }

    private static int[] indices(List<String> labels, Map<String, Integer> classes) {
        return labels.stream().mapToInt(l -> classes.get(l)).toArray();
    }

    private static float[][] transpose(float[][] m) {
        var t = new float[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
