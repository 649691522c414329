package dev.viewpair.datasets.shards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code index.json}: what a shards folder holds, written after every shard is complete. The shards' entries are
 * those of their {@code shard-NNNNN.json} files.
 *
 * @param format always {@value #FORMAT}
 * @param version the format version, {@value #VERSION}
 * @param store {@code decoded} or {@code views}
 * @param recipe the name of the recipe the shards were made with
 * @param recipeHash that recipe's hash ({@code Recipe.hash()})
 * @param fingerprint what every shard was written for
 * @param seed the recipe's seed (splits; with {@code views}, the views' random streams)
 * @param sampleRate the rate sound was decoded at, in Hz
 * @param split the split fractions the samples' splits were drawn with
 * @param shardSize planned samples per shard
 * @param samples samples written
 * @param skipped samples left out because their media could not be read (listed in {@value #BAD_INPUTS})
 * @param arrays array name → dtype, in order
 * @param shards the shards, in order
 */
public record ShardIndex(String format, int version, String store, String recipe, String recipeHash, String fingerprint,
        long seed, int sampleRate, Map<String, Double> split, int shardSize, long samples, long skipped,
        Map<String, String> arrays, List<ShardEntry> shards) {
    public static final String FORMAT = "viewpair-shards";
    public static final int VERSION = 1;
    /** The index's file name in the shards folder. */
    public static final String FILE = "index.json";
    /** The list of skipped samples, one JSON object a line, as training writes it. */
    public static final String BAD_INPUTS = "bad_inputs.jsonl";

    public ShardIndex {
        split = Map.copyOf(split);
        arrays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        shards = List.copyOf(shards);
    }

    /** The index of finished shards; the counts are summed from them. */
    public static ShardIndex of(StoreMode store, String recipe, String recipeHash, String fingerprint, long seed,
            int sampleRate, Map<String, Double> split, int shardSize, Map<String, Dtype> arrays, List<ShardEntry> shards) {
        var dtypes = new LinkedHashMap<String, String>();
        arrays.forEach((k, v) -> dtypes.put(k, v.numpyName()));
        long samples = shards.stream().mapToLong(ShardEntry::count).sum();
        long skipped = shards.stream().mapToLong(s -> s.skipped().size()).sum();
        return new ShardIndex(FORMAT, VERSION, store.cliName(), recipe, recipeHash, fingerprint, seed, sampleRate, split,
                shardSize, samples, skipped, dtypes, shards);
    }

    public StoreMode storeMode() {
        return StoreMode.parse(store);
    }

    /** Writes {@value #BAD_INPUTS}, then the index (under a temporary name, renamed when complete). */
    public void write(ShardFolder folder) throws IOException {
        var bad = new StringBuilder();
        for (var s : shards) {
            for (var k : s.skipped()) {
                bad.append(ShardJson.MAPPER.writeValueAsString(Map.of("id", k.id(), "file", k.file(), "reason", k.reason())))
                        .append('\n');
            }
        }
        try (var out = folder.create(BAD_INPUTS + ".tmp")) {
            out.write(bad.toString().getBytes(StandardCharsets.UTF_8));
        }
        folder.commit(BAD_INPUTS + ".tmp", BAD_INPUTS);
        try (var out = folder.create(FILE + ".tmp")) {
            ShardJson.MAPPER.writeValue(out, this);
        }
        folder.commit(FILE + ".tmp", FILE);
    }

    /**
     * Reads the index of a shards folder.
     *
     * @throws IllegalArgumentException naming the folder when it has no index (preprocessing did not finish) or
     *     one of another format or version
     */
    public static ShardIndex read(Path dir) throws IOException {
        var file = dir.resolve(FILE);
        ShardIndex index;
        try {
            index = ShardJson.MAPPER.readValue(file.toFile(), ShardIndex.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException(dir + " has no " + FILE + ": it is not a shards folder, or preprocessing"
                    + " did not finish — run ./viewpair preprocess RECIPE --out " + dir + " (it resumes)");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + " is not a shards index (" + e.getOriginalMessage()
                    + ") — run ./viewpair preprocess again");
        }
        if (!FORMAT.equals(index.format()) || index.version() != VERSION) {
            throw new IllegalArgumentException(file + " is " + index.format() + " version " + index.version()
                    + "; this viewpair reads " + FORMAT + " version " + VERSION + " — run ./viewpair preprocess again");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        return index;
    }
}
