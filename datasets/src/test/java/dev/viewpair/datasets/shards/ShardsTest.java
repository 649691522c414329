package dev.viewpair.datasets.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.loader.DecodedViews;
import dev.viewpair.datasets.loader.MediaDecoder;
import dev.viewpair.datasets.manifest.ManifestSource;
import dev.viewpair.datasets.npy.Npy;
import dev.viewpair.datasets.split.Splits;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.chain.OpCatalog;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards written with the real decoders from images and WAVs the test writes, read back memory-mapped. */
class ShardsTest {
    private static final int RATE = 16_000;
    private static final int N = 10;
    private static final int BROKEN = 4;
    private static final Splits SPLITS = Splits.of(Map.of("train", 0.7, "test", 0.3), 5);

    @TempDir
    static Path dir;
    static Source files;

    @BeforeAll
    static void data() throws Exception {
        files = ManifestSource.open(ShardFiles.write(dir.resolve("data"), N, BROKEN));
    }

    private static ViewSet viewSet() {
        return ViewSet.build(List.of(
                new ViewSpec("crop", Modality.IMAGE, List.of(
                        new OpSpec("random_resized_crop", Map.of("size", 12, "scale", List.of(0.3, 1.0))),
                        OpSpec.of("hflip"), new OpSpec("color_jitter", Map.of("p", 0.8)))),
                new ViewSpec("sound", Modality.AUDIO, List.of(
                        new OpSpec("clip", Map.of("seconds", 0.3, "at", "anchor")),
                        new OpSpec("log_mel", Map.of("mels", 16, "n_fft", 256, "hop", 128)))),
                new ViewSpec("later", Modality.AUDIO, List.of(new OpSpec("clip", Map.of("seconds", 0.2, "at", "anchor + 0.1s"))))),
                OpCatalog.standard(), 9);
    }

    private static ShardWriter decodedWriter(int shardSize) {
        return new ShardWriter(new ShardPlan(files.size(), shardSize), "fp-decoded",
                SampleEncoder.decoded(Set.of(Modality.IMAGE, Modality.AUDIO), RATE), SPLITS::assign);
    }

    private static ShardSource write(Path out, ShardWriter writer) throws Exception {
        var folder = new LocalShardFolder(out);
        var result = ShardJob.run(files, writer, folder, 2, done -> {});
        ShardIndex.of(StoreMode.DECODED, "test", "hash", "fp-decoded", 5, RATE, Map.of("train", 0.7, "test", 0.3),
                writer.plan().shardSize(), SampleEncoder.decoded(Set.of(Modality.IMAGE, Modality.AUDIO), RATE).arrays(),
                result.entries()).write(folder);
        return ShardSource.open(out);
    }

    @Test
    void decodedShardsHoldTheDecodedMediaAndGiveTheSameViews() throws Exception {
        var shards = write(dir.resolve("decoded"), decodedWriter(4));
        assertEquals(N - 1, shards.size(), "the broken sample is left out");
        int row = 0;
        var views = new DecodedViews(viewSet(), RATE);
        for (var fileSample : files) {
            if (fileSample.id().equals(String.format("s%02d", BROKEN))) {
                continue;
            }
            var shardSample = shards.get(row++);
            assertEquals(fileSample.id(), shardSample.id());
            assertEquals(fileSample.label(), shardSample.label());
            try (var scope = new PointerScope()) {
                var fromFile = (Mat) MediaDecoder.decode(Modality.IMAGE, fileSample.media().get(Modality.IMAGE), RATE);
                var image = (MediaRef.DecodedImage) shardSample.media().get(Modality.IMAGE);
                assertEquals(fromFile.rows(), image.height());
                assertEquals(fromFile.cols(), image.width());
                var expected = new byte[fromFile.rows() * fromFile.cols() * 3];
                ((ByteBuffer) fromFile.createBuffer()).get(expected);
                var actual = new byte[expected.length];
                image.pixels().duplicate().get(actual);
                assertArrayEquals(expected, actual, fileSample.id() + " pixels");
            }
            var sound = (Audio) MediaDecoder.decode(Modality.AUDIO, fileSample.media().get(Modality.AUDIO), RATE);
            var stored = ((MediaRef.DecodedAudio) shardSample.media().get(Modality.AUDIO)).audio();
            assertEquals(RATE, stored.sampleRate());
            assertArrayEquals(sound.samples(), stored.samples(), fileSample.id() + " PCM");
            // the view ops run on the stored media exactly as on the decoded files, epoch after epoch
            for (int epoch : new int[] {0, 3}) {
                assertEquals(views.views(fileSample, epoch), views.views(shardSample, epoch), fileSample.id() + " epoch " + epoch);
            }
            assertNotEquals(views.views(shardSample, 0).get("crop"), views.views(shardSample, 1).get("crop"),
                    "each epoch draws new views");
        }
    }

    @Test
    void indexListsIdsLabelsSplitsAndFlatArrays() throws Exception {
        var out = dir.resolve("index");
        var shards = write(out, decodedWriter(4));
        var index = shards.index();
        assertEquals(ShardIndex.FORMAT, index.format());
        assertEquals(1, index.version());
        assertEquals("decoded", index.store());
        assertEquals(RATE, index.sampleRate());
        assertEquals(List.of("image", "audio"), List.copyOf(index.arrays().keySet()), "modality order");
        assertEquals(Map.of("audio", "float32", "image", "uint8"), index.arrays());
        assertEquals(3, index.shards().size(), "10 samples in shards of 4");
        assertEquals(N - 1, index.samples());
        assertEquals(1, index.skipped());
        var ids = new ArrayList<String>();
        for (var shard : index.shards()) {
            ids.addAll(shard.ids());
            for (int i = 0; i < shard.count(); i++) {
                assertEquals(SPLITS.assign(shard.ids().get(i)), shard.splits().get(i));
                int n = Integer.parseInt(shard.ids().get(i).substring(1));
                assertEquals("c" + (n % 3), shard.labels().get(i));
                assertArrayEquals(new int[] {20 + 3 * n, 24 + 5 * n, 3}, shard.arrays().get("image").shapes()[i]);
                // the resampler may trim a few samples at the end: within 1 %
                assertEquals((0.6 + 0.05 * n) * RATE, shard.arrays().get("audio").shapes()[i][0], 0.01 * RATE);
                for (var a : shard.arrays().values()) {
                    long elements = java.util.Arrays.stream(a.shapes()[i]).asLongStream().reduce(1, (x, y) -> x * y);
                    assertEquals(elements, a.offsets()[i + 1] - a.offsets()[i], "offsets follow the shapes");
                }
            }
            for (var a : shard.arrays().values()) {
                var header = Npy.readHeader(out.resolve(a.file()));
                assertArrayEquals(new long[] {a.offsets()[shard.count()]}, header.shape(), "a flat 1-D array");
                assertEquals(a.dtype().equals("uint8") ? "|u1" : "<f4", header.descr());
                assertEquals(0, Npy.dataOffset(out.resolve(a.file())) % 64, "data aligned for mapping");
            }
        }
        var expected = new ArrayList<String>();
        files.forEach(s -> expected.add(s.id()));
        expected.remove(String.format("s%02d", BROKEN));
        assertEquals(expected, ids);
        var test = shards.split("test");
        assertTrue(test.size() > 0 && test.size() < shards.size());
        for (long i = 0; i < test.size(); i++) {
            assertEquals("test", SPLITS.assign(test.get(i).id()));
        }
        // the broken image is listed with its file and reason, in the shard and in bad_inputs.jsonl
        var skipped = index.shards().get(1).skipped();
        assertEquals(1, skipped.size());
        assertEquals("s04", skipped.get(0).id());
        assertTrue(skipped.get(0).file().endsWith("s04.png"), skipped.get(0).file());
        var bad = Files.readAllLines(out.resolve(ShardIndex.BAD_INPUTS));
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).contains("\"s04\"") && bad.get(0).contains("s04.png"), bad.get(0));
    }

    @Test
    void aRerunKeepsFinishedShardsAndRedoesTheRest() throws Exception {
        var out = dir.resolve("resume");
        write(out, decodedWriter(3)); // shards 0..3
        var old = FileTime.fromMillis(1_000_000_000L);
        for (var f : List.of("shard-00000.json", "shard-00000.image.npy", "shard-00000.audio.npy")) {
            Files.setLastModifiedTime(out.resolve(f), old);
        }
        var shard0 = Files.readAllBytes(out.resolve("shard-00002.image.npy"));
        // an interrupted run: shard 1 missing, shard 2's arrays renamed but its JSON still temporary, no index
        for (var f : List.of("shard-00001.json", "shard-00001.image.npy", "shard-00001.audio.npy", ShardIndex.FILE)) {
            Files.delete(out.resolve(f));
        }
        Files.move(out.resolve("shard-00002.json"), out.resolve("shard-00002.json.tmp"));
        assertThrows(IllegalArgumentException.class, () -> ShardSource.open(out), "no index: not readable yet");

        var writer = decodedWriter(3);
        var result = ShardJob.run(files, writer, new LocalShardFolder(out), 2, done -> {});
        assertEquals(2, result.kept(), "shards 0 and 3 are kept");
        for (var f : List.of("shard-00000.json", "shard-00000.image.npy", "shard-00000.audio.npy")) {
            assertEquals(old, Files.getLastModifiedTime(out.resolve(f)), f + " is not rewritten");
        }
        assertTrue(Files.exists(out.resolve("shard-00001.json")) && Files.exists(out.resolve("shard-00002.json")));
        assertArrayEquals(shard0, Files.readAllBytes(out.resolve("shard-00002.image.npy")));

        // another fingerprint (other settings): nothing is kept
        var other = new ShardWriter(writer.plan(), "fp-other", SampleEncoder.decoded(Set.of(Modality.IMAGE, Modality.AUDIO), RATE),
                SPLITS::assign);
        assertEquals(0, ShardJob.run(files, other, new LocalShardFolder(out), 2, done -> {}).kept());
        // a truncated array file: that shard is redone
        Files.write(out.resolve("shard-00003.audio.npy"), new byte[10]);
        assertEquals(3, ShardJob.run(files, other, new LocalShardFolder(out), 2, done -> {}).kept());
    }

    @Test
    void viewShardsStoreOneDrawOfEveryView() throws Exception {
        var out = dir.resolve("views");
        var encoder = SampleEncoder.views(viewSet(), RATE);
        var writer = new ShardWriter(new ShardPlan(files.size(), 6), "fp-views", encoder, SPLITS::assign);
        var folder = new LocalShardFolder(out);
        var result = ShardJob.run(files, writer, folder, 2, done -> {});
        ShardIndex.of(StoreMode.VIEWS, "test", "hash", "fp-views", 9, RATE, Map.of("train", 1.0), 6, encoder.arrays(),
                result.entries()).write(folder);
        var shards = ShardSource.open(out);
        assertEquals(StoreMode.VIEWS, shards.store());
        assertEquals(List.of("crop", "sound", "later"), List.copyOf(shards.index().arrays().keySet()));
        var decoded = new DecodedViews(viewSet(), RATE);
        var stored = new StoredViews(shards, List.of("crop", "later"));
        for (long i = 0; i < shards.size(); i++) {
            var s = shards.get(i);
            assertTrue(s.media().isEmpty());
            var v = stored.views(s, 5);
            assertEquals(List.of("crop", "later"), List.copyOf(v.keySet()));
            assertArrayEquals(new int[] {3, 12, 12}, v.get("crop").shape());
            assertArrayEquals(new int[] {1, (int) (0.2 * RATE)}, v.get("later").shape());
            assertArrayEquals(new int[] {1, 16}, java.util.Arrays.copyOf(shards.views(s.id()).get("sound").shape(), 2));
            var original = files.get(Long.parseLong(s.id().substring(1)));
            assertEquals(decoded.views(original, 0).get("crop"), v.get("crop"), "epoch 0's draw, whatever the epoch asked");
        }
        assertThrows(IllegalArgumentException.class, () -> new StoredViews(shards, List.of("nope")));
    }

    @Test
    void viewShardsStoreEveryMemberOfAFamily() throws Exception {
        var out = dir.resolve("family-views");
        var family = ViewSet.build(List.of(new ViewSpec("lab", Modality.IMAGE, List.of(
                new OpSpec("resize", Map.of("size", 8)), new OpSpec("center_crop", Map.of("size", 8)), OpSpec.of("lab_split")))), OpCatalog.standard(), 3);
        var encoder = SampleEncoder.views(family, RATE);
        assertEquals(List.of("lab.L", "lab.ab"), List.copyOf(encoder.arrays().keySet()));
        var writer = new ShardWriter(new ShardPlan(files.size(), 6), "fp-family", encoder, SPLITS::assign);
        var folder = new LocalShardFolder(out);
        var result = ShardJob.run(files, writer, folder, 2, done -> {});
        ShardIndex.of(StoreMode.VIEWS, "test", "hash", "fp-family", 9, RATE, Map.of("train", 1.0), 6, encoder.arrays(),
                result.entries()).write(folder);
        var shards = ShardSource.open(out);
        var decoded = new DecodedViews(family, RATE);
        var stored = new StoredViews(shards, List.of("lab.L", "lab.ab"));
        for (long i = 0; i < shards.size(); i++) {
            var s = shards.get(i);
            var v = stored.views(s, 1);
            var original = decoded.views(files.get(Long.parseLong(s.id().substring(1))), 0);
            assertArrayEquals(new int[] {1, 8, 8}, v.get("lab.L").shape());
            assertArrayEquals(new int[] {2, 8, 8}, v.get("lab.ab").shape());
            assertEquals(original.get("lab.L"), v.get("lab.L"));
            assertEquals(original.get("lab.ab"), v.get("lab.ab"));
        }
    }

    @Test
    void videoIsStoredOnlyAsViews() {
        var e = assertThrows(IllegalArgumentException.class, () -> SampleEncoder.decoded(Set.of(Modality.VIDEO), RATE));
        assertTrue(e.getMessage().contains("--store views"), e.getMessage());
    }

    @Test
    void planCutsConsecutiveRuns() {
        var plan = new ShardPlan(10, 4);
        assertEquals(3, plan.shards());
        assertEquals(8, plan.first(2));
        assertEquals(2, plan.count(2));
        assertEquals(0, new ShardPlan(0, 4).shards());
        assertEquals("shard-00002", ShardPlan.name(2));
    }
}
