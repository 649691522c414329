package dev.viewpair.recipes.run;

import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.loader.BadInput;
import dev.viewpair.datasets.loader.DecodedViews;
import dev.viewpair.datasets.loader.MediaDecoder;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.encoders.train.Inference;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.ShiftedView;
import dev.viewpair.recipes.model.SyncDecl;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Timed;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.ViewSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sync evaluation ({@link SyncDecl}): for each of {@code windows} passes over a split, with epoch
 * {@link Training#EVAL_EPOCH} + pass so that every pass draws other anchors, each sample's pair views in sync and its
 * second view cut at every signed offset from the same anchor (all these views join the recipe's own when the anchor's
 * range is drawn, so every shifted window fits the media too); the pair's critic scores the first view against each.
 * With {@link SyncDecl.Anchors#UNIFORM} the anchors are drawn uniformly even where a view is cut at an onset.
 * The same window draws, without a model, give which trials are ties where the samples list their event onsets, and
 * so the ceiling ({@link #ties}).
 */
final class SyncEvaluation {
    private final Recipe recipe;
    private final SyncDecl sync;
    private final PairDecl pair;
    private final Source split;
    private final ViewSet viewSet;
    /** The views made: the pair's two, then the second shifted by each signed offset. */
    private final List<String> names = new ArrayList<>();

    SyncEvaluation(Families families, Recipe recipe, Source split) {
        this.recipe = recipe;
        this.sync = recipe.eval().sync().orElseThrow(() -> new IllegalArgumentException("the recipe asks for no sync evaluation"));
        this.pair = recipe.pairs().stream().filter(p -> p.name().equals(sync.pair())).findFirst().orElseThrow();
        this.split = split;
        var specs = new ArrayList<ViewSpec>(recipe.views().values());
        names.add(pair.viewA());
        names.add(pair.viewB());
        for (double offset : sync.signedOffsets()) {
            var shifted = ShiftedView.of(recipe.views().get(pair.viewB()), offset, families.ops());
            specs.add(shifted);
            names.add(shifted.name());
        }
        var asViews = ViewSet.build(specs, families.ops(), recipe.seed(), names);
        this.viewSet = sync.anchors() == SyncDecl.Anchors.UNIFORM ? asViews.withUniformAnchors() : asViews;
    }

    /** The pair evaluated. */
    String pair() {
        return pair.name();
    }

    /**
     * The results per signed offset, in {@link SyncDecl#signedOffsets()} order; every trial is written to
     * {@code trialsFile} ({@link #TRIALS_HEADER}), from which the results can be computed again.
     */
    List<SyncResult> run(Inference model, Consumer<BadInput> badInputs, Path trialsFile) throws IOException {
        var ties = tieFlags();
        var offsets = sync.signedOffsets();
        var inSync = new ArrayList<float[]>();
        var samples = new ArrayList<String>(); // the sample of every trial, pass after pass
        var passSizes = new ArrayList<Integer>();
        var shifted = new ArrayList<List<float[]>>();
        var silent = new ArrayList<List<Boolean[]>>();
        offsets.forEach(o -> {
            shifted.add(new ArrayList<>());
            silent.add(new ArrayList<>());
        });
        // DataPlan refuses shards of made views for a recipe with eval.sync: the media are there to cut from
        var views = new DecodedViews(viewSet, recipe.audio().sampleRate());
        for (int w = 0; w < sync.windows(); w++) {
            int epoch = Training.EVAL_EPOCH + w;
            var batches = new ArrayList<BatchData>();
            var ids = new ArrayList<String>();
            LoaderBatches.inOrder(recipe, split, views, epoch, badInputs, b -> ids.addAll(b.ids())).forEachRemaining(batches::add);
            samples.addAll(ids);
            passSizes.add(ids.size());
            inSync.add(model.alignedScores(pair.name(), pair.viewA(), pair.viewB(), batches.iterator()));
            for (int k = 0; k < offsets.size(); k++) {
                shifted.get(k).add(model.alignedScores(pair.name(), pair.viewA(), names.get(2 + k), batches.iterator()));
                silent.get(k).add(silent(ids, ties, w, k));
            }
        }
        var out = new ArrayList<SyncResult>();
        var ids = samples.toArray(String[]::new);
        var inSyncScores = concat(inSync);
        try (var w = Files.newBufferedWriter(trialsFile)) {
            w.write(TRIALS_HEADER + "\n");
            for (int k = 0; k < offsets.size(); k++) {
                var shiftedScores = concat(shifted.get(k));
                var tieFlags = concatBooleans(silent.get(k));
                var offset = ShiftedView.label(offsets.get(k));
                int i = 0;
                for (int pass = 0; pass < passSizes.size(); pass++) {
                    for (int j = 0; j < passSizes.get(pass); j++, i++) {
                        w.write(Embedding.quote(ids[i]) + "," + pass + "," + offset + "," + inSyncScores[i] + "," + shiftedScores[i] + ","
                                + (SyncResult.isTie(tieFlags[i], inSyncScores[i], shiftedScores[i]) ? 1 : 0) + "\n");
                    }
                }
                out.add(SyncResult.score(offsets.get(k), inSyncScores, shiftedScores, tieFlags, ids));
            }
        }
        return out;
    }

    /**
     * The columns of the trials file: the sample, the pass (its anchor), the signed offset, the critic's score in
     * sync and shifted, and whether the trial is a tie (1) or not (0).
     */
    static final String TRIALS_HEADER = "sample,pass,offset,in_sync,shifted,tie";

    /** The trials file of a pair in a run folder: {@code sync-PAIR.csv}. */
    static Path trialsFile(Path folder, String pair) {
        return folder.resolve("sync-" + pair + ".csv");
    }

    /**
     * Without a model: per signed offset, the trials of the samples that list their onsets and which of them are
     * ties, from the same window draws as {@link #run}: the ceiling of the evaluation on this split
     * ({@link SyncResult#ceiling()}; its wins count every trial that is not a tie).
     */
    List<SyncResult> ties() {
        var ties = tieFlags();
        var out = new ArrayList<SyncResult>();
        var offsets = sync.signedOffsets();
        for (int k = 0; k < offsets.size(); k++) {
            long tied = 0;
            long trials = 0;
            for (var flags : ties.values()) {
                for (var pass : flags) {
                    trials++;
                    tied += pass[k] ? 1 : 0;
                }
            }
            out.add(new SyncResult(offsets.get(k), trials, tied, trials - tied, SyncResult.BY_ONSETS, ties.size(), 1));
        }
        return out;
    }

    /**
     * Sample id → per pass and signed offset, whether neither the in-sync second view nor the shifted one holds one of
     * the sample's {@value SyncResult#ONSETS}, for the samples of the split that list them. The windows are drawn on
     * the decoded medium itself, as the loader draws them: an anchor placed on an onset ({@code anchors: views} with a
     * view at {@code at: onset}) needs its sound. A sample whose medium cannot be read is left out here; the loader
     * reports it.
     */
    private Map<String, boolean[][]> tieFlags() {
        var out = new LinkedHashMap<String, boolean[][]>();
        boolean cut = viewSet.chains().stream().anyMatch(c -> c.name().equals(pair.viewB()) && c.window().isPresent());
        if (!cut) {
            return out; // the second view's first op cuts no window: where it lies is not known, ties are equal scores
        }
        var modality = recipe.views().get(pair.viewB()).from();
        int offsets = sync.signedOffsets().size();
        for (Sample s : split) {
            var field = s.meta().get(SyncResult.ONSETS);
            var ref = s.media().get(modality);
            if (field == null || ref == null) {
                continue;
            }
            Object decoded = null;
            try {
                decoded = MediaDecoder.decodeForViews(modality, ref, recipe.audio().sampleRate());
                if (decoded instanceof Timed) {
                    var onsets = SyncResult.parseOnsets(field, s.id());
                    var media = Map.of(modality, decoded);
                    var flags = new boolean[sync.windows()][offsets];
                    for (int w = 0; w < sync.windows(); w++) {
                        int epoch = Training.EVAL_EPOCH + w;
                        boolean inSync = SyncResult.silent(onsets, viewSet.window(pair.viewB(), media, epoch, s.id()));
                        for (int k = 0; k < offsets; k++) {
                            flags[w][k] = inSync && SyncResult.silent(onsets, viewSet.window(names.get(2 + k), media, epoch, s.id()));
                        }
                    }
                    out.put(s.id(), flags);
                }
            } catch (MediaException e) {
                // unreadable: the loader skips and logs it
            } finally {
                MediaDecoder.close(decoded, ref);
            }
        }
        return out;
    }

    /** Per sample of a pass, whether its trial at signed offset {@code k} is a tie; {@code null} for one that lists no onsets. */
    private static Boolean[] silent(List<String> ids, Map<String, boolean[][]> ties, int pass, int k) {
        var out = new Boolean[ids.size()];
        for (int i = 0; i < out.length; i++) {
            var flags = ties.get(ids.get(i));
            out[i] = flags == null ? null : flags[pass][k];
        }
        return out;
    }

    private static float[] concat(List<float[]> parts) {
        var out = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (var p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static Boolean[] concatBooleans(List<Boolean[]> parts) {
        return parts.stream().flatMap(java.util.Arrays::stream).toArray(Boolean[]::new);
    }
}
