package dev.viewpair.recipes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No module or package imports upward: every main source file of every module (read from the repository, so the
 * Spark module above this one counts too) may import viewpair packages of lower layers only, never of its own layer
 * or above, so the packages form no cycle. Maven's dependencies already keep modules apart; this adds the order
 * inside them. A new package goes into {@link #LAYERS} where its imports put it.
 */
class LayeringTest {
    /** The repository root (tests run in the recipes module's folder). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Bottom first; a package may import the packages of the layers before its own. */
    private static final List<List<String>> LAYERS = List.of(
            List.of("dev.viewpair.catalog"),
            // views: what every op shares, media reading and signal processing, descriptors, ops, assembled views
            List.of("dev.viewpair.views"),
            List.of("dev.viewpair.views.audio.io"),
            List.of("dev.viewpair.views.audio.dsp", "dev.viewpair.views.video.io"),
            List.of("dev.viewpair.views.catalog"),
            List.of("dev.viewpair.views.audio", "dev.viewpair.views.image", "dev.viewpair.views.video",
                    "dev.viewpair.views.compose"),
            List.of("dev.viewpair.views.chain"),
            // encoders
            List.of("dev.viewpair.encoders.onnx"),
            List.of("dev.viewpair.encoders.mi", "dev.viewpair.encoders.nn", "dev.viewpair.encoders.eval"),
            List.of("dev.viewpair.encoders.train"),
            List.of("dev.viewpair.encoders.estimate"),
            // datasets: storage and formats, the dataset contract, manifests, the dataset types, loading, shards
            List.of("dev.viewpair.datasets.storage", "dev.viewpair.datasets.npy", "dev.viewpair.datasets.fetch"),
            List.of("dev.viewpair.datasets"),
            List.of("dev.viewpair.datasets.manifest"),
            List.of("dev.viewpair.datasets.folder", "dev.viewpair.datasets.idx", "dev.viewpair.datasets.jsonl",
                    "dev.viewpair.datasets.split", "dev.viewpair.datasets.synth"),
            List.of("dev.viewpair.datasets.loader"),
            List.of("dev.viewpair.datasets.shards"),
            List.of("dev.viewpair.datasets.types"),
            // recipes
            List.of("dev.viewpair.recipes.model"),
            List.of("dev.viewpair.recipes.validate"),
            List.of("dev.viewpair.recipes.run"),
            List.of("dev.viewpair.recipes.api"),
            List.of("dev.viewpair.recipes.cli"),
            // the Spark engine, a plug-in of recipes
            List.of("dev.viewpair.spark"));

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.viewpair\\.[\\w.]+);", Pattern.MULTILINE);

    @Test
    void noPackageImportsItsOwnLayerOrAbove() throws IOException {
        var problems = new ArrayList<String>();
        var sources = mainSources();
        assertTrue(sources.size() > 100, "found only " + sources.size() + " main sources under " + ROOT);
        for (var file : sources) {
            var text = Files.readString(file);
            var matcher = PACKAGE.matcher(text);
            assertTrue(matcher.find(), file + " has no package line");
            String from = matcher.group(1);
            int fromLayer = layer(from);
            if (fromLayer < 0) {
                problems.add(ROOT.relativize(file) + ": package " + from + " is in no layer — add it to LayeringTest.LAYERS"
                        + " above every package it imports");
                continue;
            }
            var imports = IMPORT.matcher(text);
            while (imports.find()) {
                String to = packageOf(imports.group(1));
                int toLayer = layer(to);
                if (!to.equals(from) && toLayer >= fromLayer) {
                    problems.add(ROOT.relativize(file) + " imports " + imports.group(1) + ": " + from + " (layer " + fromLayer
                            + ") may not import " + to + " (layer " + toLayer + ") — move the class to the layer it belongs to");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The main Java sources of every module (each folder of the root with a {@code src/main/java}). */
    private static List<Path> mainSources() throws IOException {
        var sources = new ArrayList<Path>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (var main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
                }
            }
        }
        return sources;
    }

    /** The package of an imported name: the segments before the first that starts with a capital letter. */
    private static String packageOf(String imported) {
        var segments = imported.split("\\.");
        int i = 0;
        while (i < segments.length && !Character.isUpperCase(segments[i].charAt(0))) {
            i++;
        }
        return String.join(".", List.of(segments).subList(0, i));
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }
}
