package dev.viewpair.recipes.run;

import dev.viewpair.datasets.Source;
import dev.viewpair.encoders.eval.KnnClassifier;
import dev.viewpair.encoders.eval.LinearProbe;
import dev.viewpair.encoders.eval.ProbeResult;
import dev.viewpair.encoders.eval.Retrieval;
import dev.viewpair.encoders.eval.RetrievalResult;
import dev.viewpair.encoders.eval.Tsne;
import dev.viewpair.encoders.eval.Vectors;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.encoders.train.Inference;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.LayerRef;
import dev.viewpair.recipes.model.Recipe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-of-run evaluation. Linear probe: for each encoder, backbone embeddings of its probe view (from
 * {@code eval.linear_probe.views}, else its first view) on the train split (probe training, its L2 penalty
 * chosen on a held-out fifth, see {@link LinearProbe#defaults()}) and the test split (probe accuracy), random ops
 * drawn with a fixed evaluation seed; kNN on the same embeddings; a t-SNE map of the test embeddings. Retrieval: for each declared query → gallery pair of views, on the test split,
 * scored by the critic of the pair that joins them (by cosine of backbone embeddings where none does).
 * Sync: on the test split, at many anchors per sample, how often a pair's critic scores a sample's two views above
 * its first view and its second view cut at each offset later and earlier ({@link SyncEvaluation}).
 */
final class Evaluation {
    private final Families families;
    private final Recipe recipe;
    private final DataPlan data;
    private final BadInputLog badInputs;
    private final Inference model;

    Evaluation(Families families, Recipe recipe, DataPlan data, BadInputLog badInputs, Inference model) {
        this.families = families;
        this.recipe = recipe;
        this.data = data;
        this.badInputs = badInputs;
        this.model = model;
    }

    /** Test points drawn on a t-SNE map at most: exact t-SNE costs n² per iteration. */
    static final int MAP_POINTS = 1000;

    /**
     * What classifiers on an encoder's frozen embeddings score on the test split.
     *
     * @param probe the linear probe's result, or {@code null} when the recipe asks for none
     * @param knn k-nearest-neighbour (cosine, majority vote) test accuracy, or {@code null} when not asked for
     * @param map the t-SNE map of the test embeddings coloured by label, or {@code null} when none was drawn
     */
    record Classified(ProbeResult probe, Double knn, Path map) {
        /** The probe's test accuracy, or {@code null}. */
        Double probeAccuracy() {
            return probe == null ? null : probe.testAccuracy();
        }
    }

    /**
     * Encoder name → test accuracies of the linear probe and kNN the recipe asks for; empty when it asks for
     * neither or has no test split.
     *
     * @param mapFolder where to draw {@code tsne-ENCODER.png} of each encoder's test embeddings, or {@code null}
     *     for no maps
     */
    Map<String, Classified> classifyAll(Path mapFolder) {
        var out = new LinkedHashMap<String, Classified>();
        var eval = recipe.eval();
        if ((eval.linearProbe().isEmpty() && eval.knn().isEmpty()) || data.test() == null) {
            return out;
        }
        var chosen = eval.linearProbe().map(p -> p.views()).orElse(List.of()).stream().map(LayerRef::probed).toList();
        for (var probed : probedLayers(chosen)) {
            var e = recipe.encoderOf(probed.view());
            String view = probed.view();
            String key = probed.layer().equals(EncoderLayer.EMBEDDING) ? e.name() : e.name() + LayerRef.AT + probed.layer();
            var train = embed(data.train(), e.name(), probed);
            var test = embed(data.test(), e.name(), probed);
            var classes = new TreeMap<String, Integer>();
            train.labels.forEach(l -> classes.putIfAbsent(String.valueOf(l), 0));
            test.labels.forEach(l -> classes.putIfAbsent(String.valueOf(l), 0));
            int k = 0;
            for (var c : classes.keySet()) {
                classes.put(c, k++);
            }
            int[] trainY = indices(train.labels, classes);
            int[] testY = indices(test.labels, classes);
            ProbeResult probe = eval.linearProbe().isPresent()
                    ? LinearProbe.defaults().fit(train.rows, trainY, test.rows, testY) : null;
            Double knn = eval.knn().isPresent()
                    ? new KnnClassifier(eval.knn().get().k()).accuracy(train.rows, trainY, test.rows, testY) : null;
            Path map = mapFolder == null ? null
                    : drawMap(test, mapFile(mapFolder, key.replace(LayerRef.AT, "-")), key + " (" + view + ")");
            out.put(key, new Classified(probe, knn, map));
        }
        return out;
    }

    /**
     * What the probe and kNN read: every encoder's embedding, of the view the recipe names for it (its first view
     * when it names none), then each pooled layer the recipe names ({@code img_eval@stage2}).
     */
    private List<LayerRef> probedLayers(List<LayerRef> chosen) {
        var out = new ArrayList<LayerRef>();
        for (var e : recipe.encoders().values()) {
            var named = chosen.stream().filter(c -> e.views().contains(c.view())).toList();
            String view = named.stream().filter(c -> c.layer().equals(EncoderLayer.EMBEDDING)).map(LayerRef::view)
                    .findFirst().orElse(named.isEmpty() ? e.views().get(0) : named.get(0).view());
            out.add(new LayerRef(view, EncoderLayer.EMBEDDING));
            named.stream().filter(c -> !c.layer().equals(EncoderLayer.EMBEDDING)).forEach(out::add);
        }
        return out;
    }

    /**
     * The localization pictures of the pairs of a stage and a global layer ({@link Localization}), on the first test
     * samples (training samples without a test split), written into {@code folder}.
     */
    List<Path> localize(Path folder) throws IOException {
        return Localization.drawAll(families, recipe, model, data.test() != null ? data.test() : data.train(), folder);
    }

    /** The file of an encoder's t-SNE map in {@code folder}: {@code tsne-ENCODER.png}. */
    static Path mapFile(Path folder, String encoder) {
        return folder.resolve("tsne-" + encoder + ".png");
    }

    /**
     * A t-SNE map (perplexity 30, or less for few points) of up to {@link #MAP_POINTS} evenly spaced test
     * embeddings, scaled to unit length first (the critics compare directions); {@code null} when there are
     * too few points to map.
     */
    private static Path drawMap(Embedded test, Path file, String title) {
        int n = test.rows.length;
        if (n < 16) {
            return null;
        }
        int m = Math.min(n, MAP_POINTS);
        var rows = new float[m][];
        var labels = new ArrayList<String>(m);
        for (int i = 0; i < m; i++) {
            int source = (int) ((long) i * n / m);
            rows[i] = test.rows[source];
            labels.add(String.valueOf(test.labels.get(source)));
        }
        double perplexity = Math.min(30, (m - 1) / 3.0 - 1);
        var result = new Tsne(perplexity, 750, 0).embed(Vectors.unitRows(rows, rows[0].length, "t-SNE"));
        try {
            return Plots.map(file, result.points(), labels, "t-SNE of test embeddings: " + title);
        } catch (IOException ex) {
            throw new UncheckedIOException("could not write " + file, ex);
        }
    }

    /**
     * Retrieval from one view to another on the test split.
     *
     * @param recall recall at 1, 5 and 10 of the sample itself
     * @param labelAt1 the fraction of queries whose first retrieved sample has the query's label (when
     *     views share only the class, as in synth-av, this is what can be retrieved)
     * @param labelChance that fraction for a random ranking: Σ (class share)²
     */
    record Retrieved(RetrievalResult recall, double labelAt1, double labelChance) {}

    /** "query->gallery" → retrieval results on the test split. */
    Map<String, Retrieved> retrievalAll() {
        var out = new LinkedHashMap<String, Retrieved>();
        Source split = data.test() != null ? data.test() : data.train();
        for (var r : recipe.eval().retrieval()) {
            // a pair of the two views' projections scores them; pairs of other layers do not stand for the views
            var pair = recipe.pairs().stream()
                    .filter(p -> p.views().contains(r.query()) && p.views().contains(r.gallery()))
                    .filter(p -> p.sides().equals(p.views()))
                    .findFirst();
            var labels = new ArrayList<String>();
            float[][] scores;
            if (pair.isPresent()) {
                scores = model.pairScores(pair.get().name(), batches(split, pair.get().views(), labels));
                if (!pair.get().viewA().equals(r.query())) {
                    scores = transpose(scores);
                }
            } else {
                var q = embed(split, recipe.encoderOf(r.query()).name(), r.query());
                var g = embed(split, recipe.encoderOf(r.gallery()).name(), r.gallery());
                labels.addAll(q.labels);
                scores = Vectors.cosine(q.rows, g.rows);
            }
            out.put(r.query() + "->" + r.gallery(), new Retrieved(Retrieval.fromScores(scores), labelAt1(scores, labels),
                    labelChance(labels)));
        }
        return out;
    }

    /**
     * Pair name → its sync results per signed offset ({@link SyncEvaluation}), on the test split, each trial written
     * to {@code sync-PAIR.csv} in {@code folder}; empty when the recipe asks for no sync check.
     */
    Map<String, List<SyncResult>> syncAll(Path folder) throws IOException {
        var out = new LinkedHashMap<String, List<SyncResult>>();
        if (recipe.eval().sync().isEmpty()) {
            return out;
        }
        Source split = data.test() != null ? data.test() : data.train();
        var sync = new SyncEvaluation(families, recipe, split);
        out.put(sync.pair(), sync.run(model, badInputs::add, SyncEvaluation.trialsFile(folder, sync.pair())));
        return out;
    }

    private static double labelAt1(float[][] scores, List<String> labels) {
        int hits = 0;
        for (int i = 0; i < scores.length; i++) {
            int best = 0;
            for (int j = 1; j < scores[i].length; j++) {
                if (scores[i][j] > scores[i][best]) {
                    best = j;
                }
            }
            hits += java.util.Objects.equals(labels.get(i), labels.get(best)) ? 1 : 0;
        }
        return (double) hits / scores.length;
    }

    private static double labelChance(List<String> labels) {
        var counts = new TreeMap<String, Integer>();
        labels.forEach(l -> counts.merge(String.valueOf(l), 1, Integer::sum));
        double n = labels.size();
        return counts.values().stream().mapToDouble(c -> (c / n) * (c / n)).sum();
    }

    private record Embedded(float[][] rows, List<String> labels) {}

    private Embedded embed(Source split, String encoder, String view) {
        return embed(split, encoder, new LayerRef(view, EncoderLayer.EMBEDDING));
    }

    private Embedded embed(Source split, String encoder, LayerRef layer) {
        var labels = new ArrayList<String>();
        float[][] rows = model.embed(encoder, batches(split, List.of(layer.view()), labels), layer.view(), layer.layer());
        return new Embedded(rows, labels);
    }

    /** The split's batches of some views, in source order, every sample once, recording labels as they pass. */
    private Iterator<BatchData> batches(Source split, List<String> viewNames, List<String> labels) {
        return LoaderBatches.inOrder(families, recipe, split, viewNames, badInputs::add, b -> labels.addAll(b.labels()));
    }

    private static int[] indices(List<String> labels, Map<String, Integer> classes) {
        return labels.stream().mapToInt(l -> classes.get(String.valueOf(l))).toArray();
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
