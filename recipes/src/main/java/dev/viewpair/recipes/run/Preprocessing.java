package dev.viewpair.recipes.run;

import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.shards.SampleEncoder;
import dev.viewpair.datasets.shards.ShardEntry;
import dev.viewpair.datasets.shards.ShardFolder;
import dev.viewpair.datasets.shards.ShardIndex;
import dev.viewpair.datasets.shards.ShardJob;
import dev.viewpair.datasets.shards.ShardPlan;
import dev.viewpair.datasets.shards.ShardWriter;
import dev.viewpair.datasets.shards.StoreMode;
import dev.viewpair.datasets.split.Splits;
import dev.viewpair.recipes.model.DatasetDecl;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.views.chain.ViewSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A recipe's dataset cut into shards ({@code viewpair preprocess}): what each shard holds, how one is written, and
 * the index over them. Each shard is an independent unit: {@link #run} writes them all on this machine; a cluster
 * job builds one {@code Preprocessing} per worker from the same recipe and calls {@link #shard} for its shards,
 * then {@link #index} once.
 */
public final class Preprocessing {
    private final Families families;
    private final Recipe recipe;
    private final StoreMode store;
    private final Source source;
    private final SampleEncoder encoder;
    private final ShardWriter writer;
    private final String fingerprint;

    private Preprocessing(Families families, Recipe recipe, StoreMode store, Source source, SampleEncoder encoder,
            int shardSize) {
        this.families = families;
        this.recipe = recipe;
        this.store = store;
        this.source = source;
        this.encoder = encoder;
        this.fingerprint = fingerprint(families, recipe, store, shardSize, encoder);
        var splits = Splits.of(recipe.dataset().split(), recipe.seed());
        this.writer = new ShardWriter(new ShardPlan(source.size(), shardSize), fingerprint, encoder, splits::assign);
    }

    /**
     * Opens the recipe's dataset and plans its shards.
     *
     * @param shardSize samples per shard
     * @throws IllegalArgumentException when the dataset is shards already, or decoded shards are asked of video
     */
    public static Preprocessing of(Recipe recipe, StoreMode store, int shardSize) throws IOException {
        return of(Families.standard(), recipe, store, shardSize);
    }

    /**
     * {@link #of(Recipe, StoreMode, int)} of a recipe loaded against {@code families}: its dataset opened, its views
     * made and its hash written by them.
     */
    public static Preprocessing of(Families families, Recipe recipe, StoreMode store, int shardSize) throws IOException {
        var d = recipe.dataset();
        if (DatasetDecl.SHARDS.equals(d.type())) {
            throw new IllegalArgumentException("the recipe's dataset is shards already (" + d.where()
                    + ") — preprocess with the recipe of the original dataset");
        }
        if (d.uri() == null && !java.nio.file.Files.exists(d.path())) {
            throw new IllegalArgumentException("dataset " + d.path() + " does not exist — check dataset.path in the recipe");
        }
        var views = ViewSet.build(List.copyOf(recipe.views().values()), families.ops(), recipe.seed());
        int rate = recipe.audio().sampleRate();
        var encoder = store == StoreMode.DECODED ? SampleEncoder.decoded(views.modalities(), rate) : SampleEncoder.views(views, rate);
        return new Preprocessing(families, recipe, store, DataPlan.open(families, d), encoder, shardSize);
    }

    /** Every sample of the dataset, in order. */
    public Source source() {
        return source;
    }

    /** What the shards hold: decoded media or finished views. */
    public StoreMode store() {
        return store;
    }

    /** The shards planned for the dataset. */
    public ShardPlan plan() {
        return writer.plan();
    }

    /** What every shard is written for: the format, the store, the shard size, the dataset and what decoding depends on. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Writes shard k into the folder, or keeps it when an earlier run finished it: the whole work of one shard, run
     * on the caller's thread.
     */
    public ShardEntry shard(int k, ShardFolder folder) throws IOException {
        return writer.writeOrKeep(k, ShardJob.samples(source, plan(), k), folder, Runnable::run, () -> {});
    }

    /** Shard k's entry when an earlier run finished it for these settings (then {@link #shard} keeps it). */
    public Optional<ShardEntry> finished(int k, ShardFolder folder) throws IOException {
        return writer.finished(k, samples(k), folder);
    }

    /** The index over finished shards, all of the plan's in order. */
    public ShardIndex index(List<ShardEntry> shards) {
        if (shards.size() != plan().shards()) {
            throw new IllegalArgumentException("the index needs all " + plan().shards() + " shards, got " + shards.size());
        }
        return ShardIndex.of(store, recipe.name(), recipe.hash(), fingerprint, recipe.seed(), recipe.audio().sampleRate(),
                recipe.dataset().split(), plan().shardSize(), encoder.arrays(), shards);
    }

    /**
     * Writes every shard on this machine (keeping those an earlier run finished), then the index and
     * {@code bad_inputs.jsonl}.
     *
     * @param threads samples encoded at once
     * @param progress told of the samples done
     */
    public ShardJob.Result run(ShardFolder folder, int threads, ShardJob.Progress progress) throws IOException {
        var result = ShardJob.run(source, writer, folder, threads, progress);
        index(result.entries()).write(folder);
        return result;
    }

    /** The samples of shard k, for a caller that writes them itself. */
    public List<Sample> samples(int k) {
        return ShardJob.samples(source, plan(), k);
    }

    private static String fingerprint(Families families, Recipe recipe, StoreMode store, int shardSize,
            SampleEncoder encoder) {
        var d = recipe.dataset();
        // views depend on the whole recipe; decoded media on the dataset, the rate and the splits alone
        var parts = List.of(ShardIndex.FORMAT, Integer.toString(ShardIndex.VERSION), store.cliName(), Integer.toString(shardSize),
                d.type(), d.where(), new java.util.TreeMap<>(d.split()).toString(), Long.toString(recipe.seed()),
                Integer.toString(recipe.audio().sampleRate()), new TreeSet<>(encoder.arrays().keySet()).toString(),
                store == StoreMode.VIEWS ? recipe.hash() : "");
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
