package dev.viewpair.datasets.shards;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.loader.BadInput;
import dev.viewpair.datasets.npy.Npy;
import dev.viewpair.views.MediaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Writes one shard: encodes its samples (skipping and listing those whose media cannot be read), writes one flat
 * {@code .npy} per array and the shard's {@code shard-NNNNN.json}, each under a temporary name renamed when
 * complete; the JSON comes last, so its presence means the whole shard is there. Holds no state between shards:
 * any number of shards can be written at once, on one machine or many.
 */
public final class ShardWriter {
    /** File-name-safe array names: they become part of the array files' names. */
    private static final Pattern ARRAY_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final String TEMP = ".tmp";

    private final ShardPlan plan;
    private final String fingerprint;
    private final SampleEncoder encoder;
    private final UnaryOperator<String> splitOf;

    /**
     * @param plan which samples each shard holds
     * @param fingerprint what these shards are written for; a finished shard with another is written again
     * @param encoder what is stored of each sample
     * @param splitOf sample id → its split name
     */
    public ShardWriter(ShardPlan plan, String fingerprint, SampleEncoder encoder, UnaryOperator<String> splitOf) {
        for (var name : encoder.arrays().keySet()) {
            if (!ARRAY_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' cannot be part of a file name — rename the view to"
                        + " letters, digits, '.', '_' and '-'");
            }
        }
        this.plan = plan;
        this.fingerprint = fingerprint;
        this.encoder = encoder;
        this.splitOf = splitOf;
    }

    public ShardPlan plan() {
        return plan;
    }

    /** The name of shard k's JSON, the file that marks it complete. */
    public static String entryFile(int k) {
        return ShardPlan.name(k) + ".json";
    }

    /** The name of shard k's array file for one array. */
    public static String arrayFile(int k, String array) {
        return ShardPlan.name(k) + "." + array + ".npy";
    }

    /**
     * Shard k as written before, if it is complete and was written for the same fingerprint and the same samples
     * (its ids and skipped ids are the planned ones) with every array file of the stated size; else empty.
     *
     * @param samples the samples the plan puts in shard k
     */
    public Optional<ShardEntry> finished(int k, List<Sample> samples, ShardFolder folder) throws IOException {
        ShardEntry entry;
        try (var in = folder.open(entryFile(k))) {
            entry = ShardJson.MAPPER.readValue(in, ShardEntry.class);
        } catch (IOException e) {
            return Optional.empty(); // absent or unreadable: not finished
        }
        if (!fingerprint.equals(entry.fingerprint()) || entry.first() != plan.first(k) || entry.planned() != samples.size()
                || !entry.arrays().keySet().equals(encoder.arrays().keySet())) {
            return Optional.empty();
        }
        var planned = new HashSet<String>();
        samples.forEach(s -> planned.add(s.id()));
        var had = new HashSet<>(entry.ids());
        entry.skipped().forEach(s -> had.add(s.id()));
        if (!had.equals(planned)) {
            return Optional.empty();
        }
        for (var a : entry.arrays().entrySet()) {
            var info = a.getValue();
            if (info.offsets().length != entry.count() + 1) {
                return Optional.empty();
            }
            Dtype dtype;
            try {
                dtype = Dtype.of(info.dtype());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            long elements = info.offsets()[entry.count()];
            long bytes = Npy.header(dtype.descr(), elements).length + elements * dtype.size();
            if (folder.size(info.file()) != bytes) {
                return Optional.empty();
            }
        }
        return Optional.of(entry);
    }

    /** Shard k as written before when {@link #finished finished}, else written now. */
    public ShardEntry writeOrKeep(int k, List<Sample> samples, ShardFolder folder, Executor executor, Runnable sampleDone)
            throws IOException {
        var kept = finished(k, samples, folder);
        if (kept.isPresent()) {
            samples.forEach(s -> sampleDone.run());
            return kept.get();
        }
        return write(k, samples, folder, executor, sampleDone);
    }

    /**
     * Writes shard k.
     *
     * @param samples the samples the plan puts in shard k, in order
     * @param executor where samples are encoded (several at once on a pool; {@code Runnable::run} for the caller's
     *     thread)
     * @param sampleDone told once per sample encoded or skipped
     * @return what the shard holds
     */
    public ShardEntry write(int k, List<Sample> samples, ShardFolder folder, Executor executor, Runnable sampleDone)
            throws IOException {
        if (samples.size() != plan.count(k)) {
            throw new IllegalArgumentException("shard " + k + " is planned to hold " + plan.count(k) + " samples, got "
                    + samples.size());
        }
        var futures = new ArrayList<Future<Encoded>>(samples.size());
        for (var s : samples) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return encode(s);
                } finally {
                    sampleDone.run();
                }
            }, executor));
        }
        var ids = new ArrayList<String>();
        var labels = new ArrayList<String>();
        var splits = new ArrayList<String>();
        var skipped = new ArrayList<ShardEntry.Skipped>();
        var rows = new ArrayList<Map<String, ArrayChunk>>();
        for (int i = 0; i < samples.size(); i++) {
            var e = await(futures.get(i));
            var s = samples.get(i);
            if (e.bad() != null) {
                skipped.add(ShardEntry.Skipped.of(e.bad()));
                continue;
            }
            ids.add(s.id());
            labels.add(s.label());
            splits.add(splitOf.apply(s.id()));
            rows.add(e.arrays());
        }
        var arrays = new LinkedHashMap<String, ShardEntry.ArrayInfo>();
        for (var a : encoder.arrays().entrySet()) {
            arrays.put(a.getKey(), writeArray(k, a.getKey(), a.getValue(), rows, folder));
        }
        var entry = new ShardEntry(ShardPlan.name(k), plan.first(k), samples.size(), fingerprint, ids, labels, splits,
                arrays, skipped);
        var file = entryFile(k);
        try (var out = folder.create(file + TEMP)) {
            ShardJson.MAPPER.writeValue(out, entry);
        }
        folder.commit(file + TEMP, file);
        return entry;
    }

    /** One sample's arrays, or why it was skipped. */
    private record Encoded(Map<String, ArrayChunk> arrays, BadInput bad) {}

    private Encoded encode(Sample s) {
        try {
            return new Encoded(encoder.encode(s), null);
        } catch (MediaException | IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage());
            // the media the message names (decoders name their input), else the sample's first
            var names = s.media().values().stream().map(MediaRef::name).toList();
            String file = names.stream().filter(reason::contains).findFirst().orElse(names.isEmpty() ? s.id() : names.get(0));
            return new Encoded(null, new BadInput(s.id(), file, reason));
        }
    }

    private static Encoded await(Future<Encoded> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing a shard");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a shard worker failed: " + e.getCause(), e.getCause());
        }
    }

    private static ShardEntry.ArrayInfo writeArray(int k, String name, Dtype dtype, List<Map<String, ArrayChunk>> rows,
            ShardFolder folder) throws IOException {
        var offsets = new long[rows.size() + 1];
        var shapes = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            var chunk = rows.get(i).get(name);
            if (chunk == null || chunk.dtype() != dtype) {
                throw new IllegalStateException("array '" + name + "' of a sample is " + chunk + ", not " + dtype);
            }
            offsets[i + 1] = offsets[i] + chunk.length();
            shapes[i] = chunk.shape();
        }
        long bytes = offsets[rows.size()] * dtype.size();
        if (bytes > Integer.MAX_VALUE) {
            // a reader maps each array in one piece, which Java limits to 2 GiB
            throw new IllegalArgumentException(String.format("array '%s' of shard %d would hold %.1f GiB, more than the"
                    + " 2 GiB a shard array may — lower --shard-size", name, k, bytes / (double) (1L << 30)));
        }
        var file = arrayFile(k, name);
        try (var out = folder.create(file + TEMP)) {
            out.write(Npy.header(dtype.descr(), offsets[rows.size()]));
            for (var row : rows) {
                row.get(name).writeTo(out);
            }
        }
        folder.commit(file + TEMP, file);
        return new ShardEntry.ArrayInfo(file, dtype.numpyName(), offsets, shapes);
    }
}
