package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.synth.SynthAv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never costs a run: real runs through the command line over good files mixed with a corpus of broken
 * ones ({@link BadCorpus}) — empty, truncated, random, lying about their extension, claiming gigapixels, of
 * unknown codecs, missing — for images, sounds and videos, from a manifest and from folders.
 */
class BadInputRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path data;
    /** Absolute path → a phrase its reason must hold, for every broken file the manifest lists. */
    static final Map<Path, String> BROKEN = new LinkedHashMap<>();

    @BeforeAll
    static void corpus() throws Exception {
        data = dir.resolve("av");
        var manifest = SynthAv.generate(data, 48, 9);
        var rows = Files.readAllLines(manifest); // id,image,audio,label
        var first = rows.get(1).split(",");
        var jpg = rows.stream().skip(1).map(r -> r.split(",")[1]).filter(p -> p.endsWith(".jpg")).findFirst().orElseThrow();
        var flac = rows.stream().skip(1).map(r -> r.split(",")[2]).filter(p -> p.endsWith(".flac")).findFirst().orElseThrow();
        var goodPng = data.resolve(first[1]);
        var goodWav = data.resolve(first[2]);
        var lines = new StringBuilder(String.join("\n", rows)).append('\n');
        var images = BadCorpus.images(data.resolve("bad-images"), data.resolve(jpg), goodPng, goodWav);
        images.forEach((name, phrase) -> {
            lines.append("bad-").append(name).append(",bad-images/").append(name).append(',').append(first[2]).append(',').append(first[3]).append('\n');
            BROKEN.put(data.resolve("bad-images").resolve(name).toAbsolutePath().normalize(), phrase);
        });
        var sounds = BadCorpus.sounds(data.resolve("bad-sounds"), goodWav, data.resolve(flac), goodPng);
        sounds.forEach((name, phrase) -> {
            lines.append("bad-").append(name).append(',').append(first[1]).append(",bad-sounds/").append(name).append(',').append(first[3]).append('\n');
            BROKEN.put(data.resolve("bad-sounds").resolve(name).toAbsolutePath().normalize(), phrase);
        });
        Files.writeString(data.resolve("mixed.csv"), lines);
    }

    private static Path recipe(String name, String dataset, String views, String encoders, String pairs, String rest) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                seed: 4
                dataset: %s
                views: %s
                encoders: %s
                pairs: %s
                %s
                """.formatted(name, dataset, views, encoders, pairs, rest));
    }

    private static Path avRecipe(String name, String dataset, String rest) throws IOException {
        return recipe(name, dataset,
                "{img: {from: image, ops: [random_resized_crop: {size: 16, scale: [0.6, 1]}, normalize]},"
                        + " sound: {from: audio, ops: [clip: {seconds: 0.5, at: anchor}, log_mel: {mels: 16, n_fft: 256, hop: 256}]}}",
                "{image: {type: conv, widths: [8], dim: 8, views: [img]}, audio: {type: conv, widths: [8], dim: 8, downsample: stride, views: [sound]}}",
                "[{name: image-sound, views: [img, sound], bound: infonce, critic: cosine}]", rest);
    }

    private static Path imageRecipe(String name, String dataset) throws IOException {
        return recipe(name, dataset, "{img_a: {from: image, ops: [random_resized_crop: {size: 16, scale: [0.5, 1]}, normalize]}, img_b: {like: img_a}}",
                "{image: {type: conv, widths: [8], dim: 8, views: [img_a, img_b]}}",
                "[{name: image-image, views: [img_a, img_b], bound: infonce, critic: cosine}]",
                "train: {epochs: 1, batch: 4, workers: 2}");
    }

    /** bad_inputs.jsonl as file → reason, checking that no file is listed twice. */
    private static Map<Path, String> badInputs(Path run) throws IOException {
        var lines = Files.readAllLines(run.resolve("bad_inputs.jsonl"));
        var byFile = new LinkedHashMap<Path, String>();
        for (var line : lines) {
            var record = JSON.readValue(line, Map.class);
            var previous = byFile.put(Path.of((String) record.get("file")), (String) record.get("reason"));
            assertEquals(null, previous, "listed twice: " + line);
            assertTrue(record.get("id") instanceof String, line);
        }
        return byFile;
    }

    @SuppressWarnings("unchecked")
    private static long summaryBadInputs(Path run) throws IOException {
        var summary = JSON.readValue(run.resolve("summary.json").toFile(), Map.class);
        return ((Number) ((Map<String, Object>) summary.get("data")).get("bad_inputs")).longValue();
    }

    private static void assertNamesEach(Map<Path, String> expected, Map<Path, String> listed) {
        assertEquals(expected.keySet(), listed.keySet());
        expected.forEach((file, phrase) -> {
            var reason = listed.get(file);
            assertTrue(reason.contains(file.getFileName().toString()), "the reason names the file: " + reason);
            assertTrue(reason.contains(phrase), file.getFileName() + ": '" + phrase + "' in: " + reason);
            assertTrue(reason.chars().noneMatch(c -> c < 0x20), "printable: " + reason);
        });
    }

    @Test
    void aManifestOfImagesAndSoundsTrainsPastEveryBrokenFileAndListsEachOnce() throws Exception {
        var recipe = avRecipe("skip", "{type: manifest, path: av/mixed.csv, split: {train: 0.75, test: 0.25}}",
                "train: {epochs: 2, batch: 8, workers: 2}\neval: {linear_probe: {label: label}}");
        var run = dir.resolve("runs/skip");
        var r = CliRun.of("train", recipe.toString(), "--out", run.toString());
        assertEquals(0, r.exit(), r.err() + r.out());

        // two epochs and two evaluations meet every broken file: each is listed once, with its own reason
        var listed = badInputs(run);
        assertNamesEach(BROKEN, listed);
        assertEquals(BROKEN.size(), summaryBadInputs(run));
        assertTrue(r.out().contains("skipped " + BROKEN.size() + " unreadable files"), r.out());
        assertTrue(r.out().contains(run.resolve("bad_inputs.jsonl").toString()), r.out());
        // the good partner of a broken file is never blamed for it
        assertFalse(listed.keySet().stream().anyMatch(f -> f.startsWith(data.resolve("images")) || f.startsWith(data.resolve("audio"))));
        var steps = Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> l.contains("\"type\":\"step\"")).count();
        assertTrue(steps >= 2, "trained " + steps + " steps");

        // inspect finds the same files unreadable, each named
        var inspect = CliRun.of("datasets", "inspect", "--all", data.resolve("mixed.csv").toString());
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("unreadable: " + BROKEN.size() + "\n"), inspect.out());
        for (var file : BROKEN.keySet()) {
            assertTrue(inspect.out().contains(file.toString()), file + " in\n" + inspect.out());
        }
    }

    @Test
    void failFastStopsAtTheFirstBrokenFileWithExitTwoAndKeepsWhatWasWritten() throws Exception {
        // the good samples and one broken image: the run trains until the seeded order reaches it
        var rows = Files.readAllLines(data.resolve("mixed.csv"));
        var oneBad = rows.stream().filter(l -> !l.startsWith("bad-") || l.startsWith("bad-truncated.jpg,")).collect(Collectors.joining("\n"));
        Files.writeString(data.resolve("one-bad.csv"), oneBad + "\n");
        var recipe = avRecipe("fail", "{type: manifest, path: av/one-bad.csv, on_bad_input: fail_fast}",
                "train: {epochs: 1, batch: 8, workers: 2, checkpoint_every: 1}");
        var run = dir.resolve("runs/fail");
        var r = CliRun.of("train", recipe.toString(), "--out", run.toString());

        assertEquals(Main.USER_ERROR, r.exit(), r.err());
        var listed = badInputs(run);
        assertEquals(1, listed.size(), listed.toString());
        var file = listed.keySet().iterator().next();
        assertEquals(data.resolve("bad-images/truncated.jpg"), file);
        assertTrue(r.err().contains(file.toString()) && r.err().contains("fail_fast"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        // what the run wrote before the stop is whole: the recipe, every step record, the last checkpoint
        assertTrue(Files.size(run.resolve("recipe.yaml")) > 0);
        var records = Files.readAllLines(run.resolve("metrics.jsonl"));
        for (var line : records) {
            JSON.readTree(line);
        }
        long steps = records.stream().filter(l -> l.contains("\"type\":\"step\"")).count();
        assertTrue(steps >= 1, "the seeded order meets the first broken file after " + steps + " steps");
        assertTrue(Files.isRegularFile(run.resolve("checkpoint/checkpoint.properties")), "the checkpoint of step " + steps);
        assertFalse(Files.exists(run.resolve("summary.json")), "no summary for a run that did not finish");
    }

    @Test
    void aFolderWithBrokenImagesAndSymlinksTrains() throws Exception {
        var root = dir.resolve("folder");
        var good = Files.createDirectories(root.resolve("shapes"));
        try (var images = Files.list(data.resolve("images"))) {
            for (var image : images.sorted().limit(16).toList()) {
                Files.copy(image, good.resolve(image.getFileName()));
            }
        }
        var expected = new LinkedHashMap<Path, String>();
        var bad = root.resolve("broken");
        BadCorpus.images(bad, data.resolve("images/s00001.jpg"), data.resolve("images/s00000.png"), data.resolve("audio/s00000.wav"))
                .forEach((name, phrase) -> {
                    if (!name.equals("missing.png")) { // a folder lists only what exists
                        expected.put(bad.resolve(name).toAbsolutePath().normalize(), phrase);
                    }
                });
        // a link inside the tree is followed; a link to nothing is a bad input
        Files.createSymbolicLink(root.resolve("shapes/linked.png"), good.resolve("s00000.png"));
        Files.createSymbolicLink(bad.resolve("dangling.png"), root.resolve("nowhere.png"));
        expected.put(bad.resolve("dangling.png").toAbsolutePath().normalize(), "does not exist");

        var recipe = imageRecipe("folder", "{type: folder, path: folder}");
        var run = dir.resolve("runs/folder");
        var r = CliRun.of("train", recipe.toString(), "--out", run.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains(" 25 train"), "16 images, 1 link, 7 broken, 1 dangling link: " + r.out());
        assertNamesEach(expected, badInputs(run));
        assertEquals(expected.size(), summaryBadInputs(run));

        var inspect = CliRun.of("datasets", "inspect", "--all", root.toString());
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("image: 25 files; checked 25, 17 readable"), inspect.out());
        expected.keySet().forEach(f -> assertTrue(inspect.out().contains(f.toString()), f + " in\n" + inspect.out()));
    }

    @Test
    void aVideoFolderTrainsPastBrokenVideos() throws Exception {
        var root = dir.resolve("videos");
        for (int i = 0; i < 8; i++) {
            BadCorpus.writeVideo(root.resolve("clips/v" + i + ".mp4"), i);
        }
        var expected = new LinkedHashMap<Path, String>();
        var bad = root.resolve("broken");
        BadCorpus.videos(bad, root.resolve("clips/v0.mp4"), data.resolve("images/s00000.png"))
                .forEach((name, phrase) -> expected.put(bad.resolve(name).toAbsolutePath().normalize(), phrase));

        var recipe = recipe("video", "{type: video_folder, path: videos}",
                "{frame: {from: video, ops: [frame: {size: 16}, normalize]}, later: {from: video, ops: [frame: {size: 16, at: anchor + 0.3s}, normalize]}}",
                "{vision: {type: conv, widths: [8], dim: 8, views: [frame, later]}}",
                "[{name: frame-later, views: [frame, later], bound: infonce, critic: cosine}]",
                "train: {epochs: 1, batch: 4, workers: 2}");
        var run = dir.resolve("runs/video");
        var r = CliRun.of("train", recipe.toString(), "--out", run.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        assertNamesEach(expected, badInputs(run));
        assertEquals(expected.size(), summaryBadInputs(run));

        var inspect = CliRun.of("datasets", "inspect", root.toString());
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("video: 13 files; checked 13, 8 readable"), inspect.out());
        assertTrue(inspect.out().contains("unreadable: 5\n"), inspect.out());
    }

    @Test
    void pathsOutOfTheDatasetAreRefusedUnlessTheRecipeAllowsThem() throws Exception {
        var root = Files.createDirectories(dir.resolve("escape/data"));
        var outside = Files.copy(data.resolve("images/s00000.png"), dir.resolve("escape/outside.png"));
        Files.createSymbolicLink(root.resolve("link.png"), outside);
        Files.copy(data.resolve("images/s00002.png"), root.resolve("inside.png"));
        var cases = Map.of("dotdot", "../../../../../../etc/passwd", "absolute", outside.toString(), "symlink", "link.png");
        for (var c : cases.entrySet()) {
            var manifest = Files.writeString(root.resolve(c.getKey() + ".csv"), "image,label\ninside.png,a\n" + c.getValue() + ",b\n");
            var refused = CliRun.of("train", imageRecipe("esc-" + c.getKey(), "{type: manifest, path: escape/data/" + c.getKey() + ".csv}").toString(),
                    "--out", dir.resolve("runs/esc-" + c.getKey()).toString());
            assertEquals(Main.USER_ERROR, refused.exit(), c.getKey() + ": " + refused.out());
            assertTrue(refused.err().contains(manifest + ":3:") && refused.err().contains("leads out of the dataset folder")
                    && refused.err().contains("dataset.allow_outside_root: true"), refused.err());
            if (c.getKey().equals("symlink")) {
                assertTrue(refused.err().contains("symbolic link to " + outside.toRealPath()), refused.err());
            }
        }
        // allowed, the files are read: /etc/passwd is no image, so it is reported as unreadable, not read as one
        var allowed = imageRecipe("esc-allowed", "{type: manifest, path: escape/data/dotdot.csv, allow_outside_root: true}");
        var inspect = CliRun.of("datasets", "inspect", allowed.toString());
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("checked 2, 1 readable") && inspect.out().contains("/etc/passwd"), inspect.out());

        // a folder with a link out of it: refused, or read with --allow-outside-root
        var folder = imageRecipe("esc-folder", "{type: folder, path: escape/data}");
        var r = CliRun.of("train", folder.toString(), "--out", dir.resolve("runs/esc-folder").toString());
        assertEquals(Main.USER_ERROR, r.exit(), r.out());
        assertTrue(r.err().contains("link.png is a symbolic link to " + outside.toRealPath()) && r.err().contains("allow_outside_root"), r.err());
        var lenient = CliRun.of("datasets", "inspect", "--allow-outside-root", root.toString());
        assertEquals(0, lenient.exit(), lenient.err());
        assertTrue(lenient.out().contains("image: 2 files; checked 2, 2 readable"), lenient.out());
    }

    @Test
    void aMalformedJsonlLineIsNamedByItsLineNumber() throws Exception {
        var jsonl = Files.writeString(data.resolve("broken.jsonl"), """
                {"image": "images/s00000.png", "label": "a"}

                {"image": "images/s00002.png", "label": "b"
                """);
        var r = CliRun.of("train", imageRecipe("jsonl", "{type: jsonl, path: av/broken.jsonl}").toString(), "--out", dir.resolve("runs/jsonl").toString());
        assertEquals(Main.USER_ERROR, r.exit(), r.out());
        assertTrue(r.err().contains(jsonl + ":3: not valid JSON"), r.err());
    }

    @Test
    void aDatasetWhoseEveryFileIsBrokenEndsWithAClearMessage() throws Exception {
        var rows = Files.readAllLines(data.resolve("mixed.csv"));
        var onlyBad = rows.get(0) + "\n" + rows.stream().filter(l -> l.startsWith("bad-")).collect(Collectors.joining("\n")) + "\n";
        Files.writeString(data.resolve("only-bad.csv"), onlyBad);
        var recipe = avRecipe("allbad", "{type: manifest, path: av/only-bad.csv}", "train: {epochs: 1, batch: 4, workers: 2}");
        var run = dir.resolve("runs/allbad");
        var r = CliRun.of("train", recipe.toString(), "--out", run.toString());
        assertEquals(Main.USER_ERROR, r.exit(), r.out());
        assertTrue(r.err().contains("none of the " + BROKEN.size() + " samples could be read"), r.err());
        assertEquals(BROKEN.keySet(), badInputs(run).keySet());
        assertFalse(r.err().contains("internal error"), r.err());
        // the count stays with the run: no summary, but the list is whole
        assertTrue(List.copyOf(badInputs(run).keySet()).size() == BROKEN.size());
    }
}
