package dev.viewpair.datasets.shards;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.npy.Npy;
import dev.viewpair.views.Modality;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.audio.io.Audio;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * A shards folder read as a {@link Source}: every array file memory-mapped once, nothing decoded. With
 * {@link StoreMode#DECODED} shards, a sample's media are {@link MediaRef.DecodedImage} and
 * {@link MediaRef.DecodedAudio}, which the usual view ops read as they read decoded files; with
 * {@link StoreMode#VIEWS} shards, samples carry no media and their stored tensors come from {@link #views(String)}.
 * Thread-safe.
 */
public final class ShardSource implements Source {
    private final Path dir;
    private final ShardIndex index;
    /** Per shard, per array: its elements, mapped. */
    private final List<Map<String, ByteBuffer>> mapped = new ArrayList<>();
    /** starts[k] = the index of shard k's first sample; one more entry for the end. */
    private final long[] starts;
    private final Map<String, Long> byId = new HashMap<>();

    private ShardSource(Path dir, ShardIndex index) throws IOException {
        this.dir = dir;
        this.index = index;
        this.starts = new long[index.shards().size() + 1];
        for (int k = 0; k < index.shards().size(); k++) {
            var shard = index.shards().get(k);
            starts[k + 1] = starts[k] + shard.count();
            var arrays = new LinkedHashMap<String, ByteBuffer>();
            for (var a : shard.arrays().entrySet()) {
                arrays.put(a.getKey(), map(a.getValue(), shard.count()));
            }
            mapped.add(arrays);
            for (int i = 0; i < shard.count(); i++) {
                if (byId.put(shard.ids().get(i), starts[k] + i) != null) {
                    throw new IllegalArgumentException(dir + ": sample id '" + shard.ids().get(i)
                            + "' is in the shards twice — ids must be unique; fix the dataset and preprocess again");
                }
            }
        }
    }

    /**
     * Opens a shards folder written by {@code viewpair preprocess}.
     *
     * @throws IllegalArgumentException naming the folder or file when the index is missing or of another version,
     *     or an array file is missing or not the size the index says
     */
    public static ShardSource open(Path dir) throws IOException {
        return new ShardSource(dir, ShardIndex.read(dir));
    }

    public ShardIndex index() {
        return index;
    }

    public StoreMode store() {
        return index.storeMode();
    }

    @Override
    public long size() {
        return starts[starts.length - 1];
    }

    @Override
    public Sample get(long i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + size() + " in " + dir);
        }
        int k = shardOf(i);
        int row = (int) (i - starts[k]);
        var shard = index.shards().get(k);
        var media = new EnumMap<Modality, MediaRef>(Modality.class);
        if (store() == StoreMode.DECODED) {
            for (var a : shard.arrays().entrySet()) {
                var name = a.getValue().file() + "[" + row + "] (" + shard.ids().get(row) + ")";
                var elements = slice(k, a.getKey(), row);
                int[] shape = a.getValue().shapes()[row];
                switch (Modality.parse(a.getKey())) {
                    case IMAGE -> media.put(Modality.IMAGE, new MediaRef.DecodedImage(name, shape[0], shape[1], elements));
                    case AUDIO -> media.put(Modality.AUDIO, new MediaRef.DecodedAudio(name, new Audio(floats(elements), index.sampleRate())));
                    default -> throw new IllegalArgumentException(dir + ": decoded shards hold no '" + a.getKey() + "'");
                }
            }
        }
        return new Sample(shard.ids().get(row), media, shard.labels().get(row), Map.of("split", shard.splits().get(row)));
    }

    /** The split a sample was given when the shards were written. */
    public String split(long i) {
        int k = shardOf(i);
        return index.shards().get(k).splits().get((int) (i - starts[k]));
    }

    /**
     * The samples of one split, in order ({@code train}, {@code test}, …: the names the index's samples carry).
     *
     * @throws IllegalArgumentException when no sample is in that split
     */
    public Source split(String name) {
        long[] members = LongStream.range(0, size()).filter(i -> split(i).equals(name)).toArray();
        if (members.length == 0) {
            throw new IllegalArgumentException(dir + " holds no sample of split '" + name + "' (the shards' splits are "
                    + index.split().keySet() + ") — preprocess with a recipe whose dataset.split has " + name);
        }
        return new Source() {
            @Override
            public long size() {
                return members.length;
            }

            @Override
            public Sample get(long i) {
                return ShardSource.this.get(members[(int) i]);
            }

            @Override
            public String describe() {
                return ShardSource.this.describe() + ", split " + name + " (" + members.length + " of " + ShardSource.this.size() + ")";
            }
        };
    }

    /**
     * The stored view tensors of a sample of {@link StoreMode#VIEWS} shards, view name → tensor (a fresh copy).
     *
     * @throws IllegalArgumentException when the shards hold decoded media, or no sample of that id
     */
    public Map<String, ViewTensor> views(String id) {
        if (store() != StoreMode.VIEWS) {
            throw new IllegalArgumentException(dir + " holds decoded media, not views");
        }
        Long i = byId.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no sample '" + id + "' in " + dir);
        }
        int k = shardOf(i);
        int row = (int) (i - starts[k]);
        var out = new LinkedHashMap<String, ViewTensor>();
        for (var a : index.shards().get(k).arrays().entrySet()) {
            out.put(a.getKey(), new ViewTensor(floats(slice(k, a.getKey(), row)), a.getValue().shapes()[row].clone()));
        }
        return out;
    }

    @Override
    public String describe() {
        return "shards " + dir + " (" + size() + " samples; " + index.store() + ": " + String.join(", ", index.arrays().keySet()) + ")";
    }

    private int shardOf(long i) {
        int k = Arrays.binarySearch(starts, i);
        // an exact hit may be the end of empty shards before it: take the last shard starting there
        if (k >= 0) {
            while (k + 1 < starts.length - 1 && starts[k + 1] == i) {
                k++;
            }
            return k;
        }
        return -k - 2;
    }

    /** Row {@code row}'s elements of one array of shard k, as a read-only little-endian buffer. */
    private ByteBuffer slice(int k, String array, int row) {
        var info = index.shards().get(k).arrays().get(array);
        int size = Dtype.of(info.dtype()).size();
        long from = info.offsets()[row] * size;
        long to = info.offsets()[row + 1] * size;
        return mapped.get(k).get(array).slice((int) from, (int) (to - from)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static float[] floats(ByteBuffer bytes) {
        var out = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(out);
        return out;
    }

    private ByteBuffer map(ShardEntry.ArrayInfo info, int count) throws IOException {
        var file = dir.resolve(info.file());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is missing — the shards folder is incomplete; run ./viewpair"
                    + " preprocess again (it keeps the shards that are complete)");
        }
        if (info.offsets().length != count + 1 || info.shapes().length != count) {
            throw new IllegalArgumentException(dir.resolve(ShardIndex.FILE) + ": " + info.file() + " lists "
                    + info.offsets().length + " offsets and " + info.shapes().length + " shapes for " + count + " samples");
        }
        long offset = Npy.dataOffset(file);
        long bytes = info.offsets()[count] * Dtype.of(info.dtype()).size();
        if (Files.size(file) != offset + bytes) {
            throw new IllegalArgumentException(file + " has " + Files.size(file) + " bytes, the index says "
                    + (offset + bytes) + " — it is truncated or from another run; run ./viewpair preprocess again");
        }
        try (var channel = FileChannel.open(file)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, bytes).asReadOnlyBuffer();
        }
    }
}
