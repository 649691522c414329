package dev.viewpair.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.folder.FolderSource;
import dev.viewpair.datasets.jsonl.JsonlManifestSource;
import dev.viewpair.datasets.loader.DecodedViews;
import dev.viewpair.datasets.loader.MediaDecoder;
import dev.viewpair.datasets.manifest.ManifestException;
import dev.viewpair.datasets.shards.LocalShardFolder;
import dev.viewpair.datasets.shards.ShardIndex;
import dev.viewpair.datasets.shards.StoreMode;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.datasets.synth.SynthVideo;
import dev.viewpair.recipes.cli.CliRun;
import dev.viewpair.recipes.run.DataPlan;
import dev.viewpair.recipes.run.Preprocessing;
import dev.viewpair.recipes.validate.RecipeLoader;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.video.io.Video;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets addressed by URI and read through Hadoop's {@code FileSystem}. The file system is Hadoop's local one under
 * a made-up scheme, {@code vptest:}, which java.nio does not know (so nothing can be read around Hadoop), registered
 * the way a user registers one: {@code spark.hadoop.fs.vptest.impl}. It records the files opened through it.
 */
class HadoopDatasetTest {
    private static final String SCHEME = "vptest";
    private static final String SETTING = "spark.hadoop.fs." + SCHEME + ".impl";

    @TempDir
    static Path dir;
    static Path data;
    static Path manifest;
    static String brokenFile;

    /** Hadoop's local file system under the scheme {@code vptest:}; it records the files opened through it. */
    public static final class RecordingFileSystem extends RawLocalFileSystem {
        static final Set<Path> OPENED = ConcurrentHashMap.newKeySet();

        @Override
        public URI getUri() {
            return URI.create(SCHEME + ":///");
        }

        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
            OPENED.add(pathToFile(f).toPath());
            return super.open(f, bufferSize);
        }

        // the local file system's statuses read permissions through java.io.File, which takes file: URIs only
        @Override
        public FileStatus[] listStatus(org.apache.hadoop.fs.Path f) throws IOException {
            return Arrays.stream(super.listStatus(f)).map(s -> new FileStatus(s.getLen(), s.isDirectory(), 1, s.getBlockSize(),
                    s.getModificationTime(), s.getPath())).toArray(FileStatus[]::new);
        }
    }

    @BeforeAll
    static void data() throws Exception {
        System.setProperty(SETTING, RecordingFileSystem.class.getName());
        manifest = SynthAv.generate(dir.resolve("data"), 20, 4, 2, done -> {});
        data = manifest.getParent();
        brokenFile = Files.readAllLines(manifest).get(3).split(",")[1];
        Files.writeString(data.resolve(brokenFile), "not an image");
        // hidden files are no samples, in a local folder and in a stored one alike
        Files.createDirectories(data.resolve(".cache"));
        Files.copy(data.resolve(brokenFile), data.resolve(".cache/x.png"));
    }

    @AfterAll
    static void forget() {
        System.clearProperty(SETTING);
    }

    /** A local path as a {@code vptest:} URI. */
    static String uri(Path local) {
        return SCHEME + "://" + local.toAbsolutePath();
    }

    @Test
    void sparkPreprocessesADatasetReadThroughHadoopIntoTheShardsOfTheLocalPath() throws Exception {
        var localRecipe = Files.writeString(dir.resolve("local.yaml"), SparkPreprocessingTest.recipeText("data/manifest.csv"));
        var local = dir.resolve("local-shards");
        Preprocessing.of(new RecipeLoader().load(localRecipe), StoreMode.DECODED, 8).run(new LocalShardFolder(local), 2, done -> {});

        RecordingFileSystem.OPENED.clear();
        var uriRecipe = Files.writeString(dir.resolve("uri.yaml"), SparkPreprocessingTest.recipeText(uri(manifest)));
        var stored = dir.resolve("uri-shards");
        var run = CliRun.of("preprocess", uriRecipe.toString(), "--out", stored.toString(), "--shard-size", "8",
                "--engine", "spark", "--master", "local[2]");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("manifest " + SCHEME + ":" + manifest.toAbsolutePath()), run.out());
        assertTrue(run.out().contains("wrote 3 shards (0 kept from an earlier run): 19 samples, 1 skipped"), run.out());

        // every file was read through Hadoop: the manifest and each medium, the corrupt image too (whose sound is
        // never read: a sample stops at its first bad medium)
        var media = Files.readAllLines(manifest).stream().skip(1).map(l -> l.split(","))
                .flatMap(f -> f[1].equals(brokenFile) ? Stream.of(f[1]) : Stream.of(f[1], f[2])).map(f -> data.resolve(f).toAbsolutePath());
        var expected = Stream.concat(media, Stream.of(manifest.toAbsolutePath())).collect(Collectors.toSet());
        assertTrue(RecordingFileSystem.OPENED.containsAll(expected), "not read through Hadoop: "
                + expected.stream().filter(f -> !RecordingFileSystem.OPENED.contains(f)).toList());

        // the same arrays, byte for byte; the JSON the same but for what names the dataset's location
        assertEquals(SparkPreprocessingTest.names(local), SparkPreprocessingTest.names(stored));
        for (var name : SparkPreprocessingTest.names(local)) {
            if (name.endsWith(".npy")) {
                assertArrayEquals(Files.readAllBytes(local.resolve(name)), Files.readAllBytes(stored.resolve(name)), name);
            } else {
                assertEquals(located(local.resolve(name)), located(stored.resolve(name)), name);
            }
        }
        // the corrupt file is named by its URI
        var bad = Files.readString(stored.resolve(ShardIndex.BAD_INPUTS));
        assertTrue(bad.contains("\"file\":\"" + SCHEME + ":" + data.resolve(brokenFile).toAbsolutePath() + "\""), bad);
    }

    /**
     * A shards file's JSON with the dataset's location taken out: the fingerprint and recipe hash (which include it)
     * dropped, the scheme taken off the URIs of files (in names and in messages).
     */
    private static JsonNode located(Path file) throws IOException {
        var json = new ObjectMapper();
        var text = Files.readString(file).replace(SCHEME + ":/", "/");
        if (file.getFileName().toString().endsWith(".jsonl")) {
            return json.valueToTree(text.lines().toList());
        }
        var tree = json.readTree(text);
        for (var key : List.of("fingerprint", "recipe_hash")) {
            tree.findParents(key).forEach(o -> ((ObjectNode) o).remove(key));
        }
        return tree;
    }

    @Test
    void folderAndJsonlDatasetsByUriGiveTheSamplesOfTheirLocalPaths() throws Exception {
        var localFolder = FolderSource.open(data);
        var storedFolder = DataPlan.open("folder", URI.create(uri(data)), false);
        assertSameSamples(localFolder, storedFolder);
        assertEquals("folder " + SCHEME + ":" + data.toAbsolutePath() + " (40 samples; image, audio)", storedFolder.describe());

        var jsonl = Files.writeString(data.resolve("data.jsonl"), Files.readAllLines(manifest).stream().skip(1)
                .map(l -> l.split(",")).map(f -> "{\"id\": \"" + f[0] + "\", \"image\": \"" + f[1] + "\", \"audio\": \""
                        + f[2] + "\", \"label\": \"" + f[3] + "\"}").collect(Collectors.joining("\n")));
        assertSameSamples(JsonlManifestSource.open(jsonl), DataPlan.open("jsonl", URI.create(uri(jsonl)), false));
    }

    private static void assertSameSamples(Source local, Source stored) throws IOException {
        assertEquals(local.size(), stored.size());
        for (long i = 0; i < local.size(); i++) {
            Sample a = local.get(i);
            Sample b = stored.get(i);
            assertEquals(List.of(a.id(), String.valueOf(a.label()), a.meta(), a.media().keySet()),
                    List.of(b.id(), String.valueOf(b.label()), b.meta(), b.media().keySet()));
            for (var m : a.media().keySet()) {
                var ref = assertInstanceOf(MediaRef.StoredMedia.class, b.media().get(m));
                assertEquals(SCHEME + ":" + ((MediaRef.FileMedia) a.media().get(m)).path(), ref.name());
                assertArrayEquals(a.media().get(m).bytes(), ref.bytes(), ref.name());
            }
        }
    }

    @Test
    void aManifestByUriKeepsItsMediaInsideItsFolderUnlessAllowed() throws Exception {
        var outside = Files.copy(data.resolve(brokenFile), dir.resolve("outside.png"));
        var escaping = Files.writeString(data.resolve("escaping.csv"), "id,image\na,../outside.png\n");
        var e = assertThrows(ManifestException.class, () -> DataPlan.open("manifest", URI.create(uri(escaping)), false));
        assertEquals(SCHEME + ":" + escaping.toAbsolutePath() + ":2: row 1, column image: '../outside.png' leads out of the"
                + " dataset folder " + SCHEME + ":" + data.toAbsolutePath() + "; paths are relative to the manifest's folder"
                + " — set dataset.allow_outside_root: true in the recipe to allow it", e.getMessage());
        var allowed = DataPlan.open("manifest", URI.create(uri(escaping)), true);
        assertEquals(SCHEME + ":" + outside.toAbsolutePath(), allowed.get(0).media().get(Modality.IMAGE).name());

        var none = dir.resolve("none.csv").toAbsolutePath();
        var missing = assertThrows(IllegalArgumentException.class, () -> DataPlan.open("manifest", URI.create(uri(none)), false));
        assertEquals("dataset " + SCHEME + ":" + none + " does not exist as a file — check dataset.path in the recipe",
                missing.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> DataPlan.open("manifest", URI.create("nosuch://host/m.csv"), false));
        assertTrue(unknown.getMessage().startsWith("no installed file system reads 'nosuch:' URIs (nosuch://host/m.csv;"
                + " installed: Hadoop"), unknown.getMessage());
    }

    @Test
    void aStoredVideoIsDecodedFromALocalCopyThatClosingDeletes() throws Exception {
        var videos = dir.resolve("videos-data");
        SynthVideo.generate(videos, 1, 5);
        var source = DataPlan.open("video_folder", URI.create(uri(videos)), false);
        assertEquals(1, source.size());
        var stored = source.get(0);
        var ref = stored.media().get(Modality.VIDEO);
        var local = new Sample(stored.id(), Map.of(Modality.VIDEO, new MediaRef.FileMedia(videos.resolve(stored.id()))), null, Map.of());

        var video = assertInstanceOf(Video.class, MediaDecoder.decode(Modality.VIDEO, ref, 16000));
        var copy = video.path();
        assertNotEquals(videos.resolve(stored.id()).toAbsolutePath(), copy.toAbsolutePath());
        assertArrayEquals(Files.readAllBytes(videos.resolve(stored.id())), Files.readAllBytes(copy));
        MediaDecoder.close(video, ref);
        assertFalse(Files.exists(copy), "the local copy is deleted on close");

        var views = new DecodedViews(ViewSet.build(List.of(new ViewSpec("frame", Modality.VIDEO,
                List.of(new OpSpec("frame", Map.of("size", 32)), OpSpec.of("normalize")))), OpCatalog.standard(), 1), 16000);
        assertArrayEquals(views.views(local, 0).get("frame").data(), views.views(stored, 0).get("frame").data());
        assertEquals(EnumSet.of(Modality.VIDEO), stored.media().keySet());
    }
}
