package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.MediaSniffer;
import dev.viewpair.datasets.fetch.DatasetFetcher;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.manifest.ManifestException;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.datasets.synth.SynthVideo;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.SyncCeiling;
import dev.viewpair.recipes.run.DataPlan;
import dev.viewpair.recipes.run.Progress;
import dev.viewpair.recipes.validate.RecipeLoader;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.audio.io.AudioDecoder;
import dev.viewpair.views.image.ImageDecoder;
import dev.viewpair.views.video.io.Video;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code viewpair datasets …}: making, fetching and inspecting datasets. */
@Command(name = "datasets", description = "Make, fetch and inspect datasets.", subcommands = {DatasetsCommand.Make.class, DatasetsCommand.Fetch.class,
        DatasetsCommand.Inspect.class, DatasetsCommand.SyncCeilingCommand.class})
final class DatasetsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code viewpair datasets make synth-av|synth-video --out DIR [--size N] [--seed S]}. */
    @Command(name = "make", description = "Generate a dataset of real media files with a CSV manifest.")
    static final class Make implements Callable<Integer> {
        /** The kinds {@code make} knows. */
        static final List<String> KINDS = List.of("synth-av", "synth-video");

        @Parameters(paramLabel = "KIND", description = {"synth-av: images and sounds of 8 categories, paired",
                "synth-video: videos with sound, whose visual events sound at the same moments (--variant timing:"
                        + " several sources sharing only timing with their sounds, distractors, onsets listed)"})
        String kind;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write")
        Path out;

        @Option(names = "--size", defaultValue = "2000", description = "number of samples (default ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--variant", defaultValue = "kinds", paramLabel = "kinds|timing", description = "synth-video only:"
                + " kinds, 4 s videos of one event kind each; timing, 6 s videos of several sources whose sight and sound"
                + " share timing only, with distractors, the onsets listed (default ${DEFAULT-VALUE})")
        String variant;

        @Override
        public Integer call() throws Exception {
            if (!KINDS.contains(kind)) {
                throw new UserError("unknown dataset kind '" + kind + "' — available: " + String.join(", ", KINDS));
            }
            if (size < 1) {
                throw new UserError("--size must be at least 1, got " + size);
            }
            var variants = Arrays.stream(SynthVideo.Variant.values()).map(SynthVideo.Variant::label).toList();
            if (!variants.contains(variant) || !"synth-video".equals(kind) && !variant.equals("kinds")) {
                throw new UserError("--variant " + variant + " is not a variant of " + kind + " — synth-video has "
                        + String.join(" and ", variants) + "; synth-av has none");
            }
            var manifest = make(kind, out, size, seed, SynthVideo.Variant.valueOf(variant.toUpperCase(Locale.ROOT)));
            System.out.println("wrote " + size + " samples: " + manifest);
            return 0;
        }

        /** Generates a dataset of one of {@link #KINDS} with a progress bar; returns its manifest. */
        static Path make(String kind, Path out, int size, long seed) throws Exception {
            return make(kind, out, size, seed, SynthVideo.Variant.KINDS);
        }

        /** {@link #make(String, Path, int, long)} of a variant (synth-video's; synth-av ignores it). */
        static Path make(String kind, Path out, int size, long seed, SynthVideo.Variant variant) throws Exception {
            int threads = Runtime.getRuntime().availableProcessors();
            try (var bar = Progress.bar(kind, size, "samples")) {
                return "synth-video".equals(kind)
                        ? SynthVideo.generate(out, size, seed, variant, threads, done -> bar.stepTo(done))
                        : SynthAv.generate(out, size, seed, threads, done -> bar.stepTo(done));
            }
        }
    }

    /** {@code viewpair datasets fetch fashion-mnist [--out DIR] [--base-url URL | --from DIR]}. */
    @Command(name = "fetch", description = {"Download a published dataset, each file verified by SHA-256 (files already"
            + " there with the right hash are kept).", "fashion-mnist: Zalando's Fashion-MNIST, four gzipped IDX files"
            + " (60 000 train and 10 000 test images, 28×28 gray, 10 classes)."})
    static final class Fetch implements Callable<Integer> {
        /** The datasets {@code fetch} knows. */
        static final List<String> DATASETS = List.of("fashion-mnist");

        @Parameters(paramLabel = "DATASET", description = "fashion-mnist")
        String dataset;

        @Option(names = "--out", paramLabel = "DIR", description = "the folder to write (default: data/<dataset> in the"
                + " project folder)")
        Path out;

        @Option(names = "--base-url", paramLabel = "URL", description = "where the files are (default "
                + "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/); given, they are downloaded even when"
                + " Debian's copy is there")
        URI baseUrl;

        @Option(names = "--from", paramLabel = "DIR", description = "copy the files from a local folder instead of"
                + " downloading them; without --from or --base-url, Debian's /usr/share/datasets/fashion-mnist"
                + " (apt-get install dataset-fashion-mnist) is used when it is there")
        Path from;

        @Override
        public Integer call() throws Exception {
            if (!DATASETS.contains(dataset)) {
                var suggestion = dev.viewpair.catalog.Suggest.closest(dataset, DATASETS);
                throw new UserError("unknown dataset '" + dataset + "'" + (suggestion != null ? " — did you mean '"
                        + suggestion + "'?" : " — available: " + String.join(", ", DATASETS)));
            }
            if (from != null && baseUrl != null) {
                throw new UserError("give --from DIR or --base-url URL, not both");
            }
            if (from != null && !Files.isDirectory(from)) {
                throw new UserError("--from " + from + " is not a folder; give the folder that holds the dataset's files");
            }
            var folder = out != null ? out : Path.of(System.getProperty("viewpair.home", ".")).resolve("data").resolve(dataset);
            var fetcher = DatasetFetcher.fashionMnist();
            if (from == null && baseUrl == null) {
                from = fetcher.debianCopy(DatasetFetcher.DEBIAN_DATASETS).orElse(null);
                if (from != null) {
                    System.out.println("using Debian's copy in " + from + " (package dataset-" + dataset + "): nothing is"
                            + " downloaded; --base-url URL downloads instead");
                }
            }
            var bars = new Bars();
            List<DatasetFetcher.Fetched> fetched;
            try {
                fetched = from != null ? fetcher.copy(from, folder, bars)
                        : fetcher.download(baseUrl != null ? baseUrl : DatasetFetcher.FASHION_MNIST_URL, folder, bars);
            } catch (DatasetFetcher.FetchException e) {
                throw new UserError(e.getMessage());
            } finally {
                bars.close();
            }
            for (var f : fetched) {
                System.out.println(f.name() + ": " + switch (f.action()) {
                    case DOWNLOADED -> "downloaded, SHA-256 verified";
                    case COPIED -> "copied from " + from + ", SHA-256 verified";
                    case ALREADY_PRESENT -> "already there, SHA-256 verified";
                });
            }
            System.out.println(dataset + " is in " + folder);
            return 0;
        }

        /** One progress bar per file, in bytes. */
        private static final class Bars implements DatasetFetcher.Listener, AutoCloseable {
            private String file;
            private me.tongfei.progressbar.ProgressBar bar;

            @Override
            public void progress(String name, long done, long total) {
                if (!name.equals(file)) {
                    close();
                    file = name;
                    bar = Progress.bar(name, total, "B");
                }
                bar.stepTo(done);
            }

            @Override
            public void close() {
                if (bar != null) {
                    bar.close();
                    bar = null;
                }
            }
        }
    }

    /** {@code viewpair datasets inspect SOURCE|RECIPE [--all]}: what a dataset holds and whether its files decode. */
    @Command(name = "inspect", description = "Report a dataset: counts per modality and class, and whether its files decode"
            + " (a sample of up to " + Inspect.CHECKED + " per modality, or all with --all).")
    static final class Inspect implements Callable<Integer> {
        /** Files checked per modality unless --all. */
        static final int CHECKED = 200;
        /** How many unreadable files are named one by one; the rest are only counted. */
        private static final int NAMED_UNREADABLE = 20;
        /** Any rate will do: the report only needs the duration. */
        private static final int AUDIO_RATE = 16_000;

        @Parameters(paramLabel = "SOURCE|RECIPE", description = "a recipe (.yaml, .yml, .json: its dataset), or a dataset: a .csv or"
                + " .jsonl manifest, a folder of IDX files, or a class-per-subfolder tree")
        Path target;

        @Option(names = "--all", description = "check every file, not a sample of " + CHECKED + " per modality, and name every"
                + " unreadable one")
        boolean all;

        @Option(names = "--allow-outside-root", description = "let a manifest or folder reach media outside its folder (a recipe"
                + " says so with dataset.allow_outside_root)")
        boolean allowOutsideRoot;

        @Override
        public Integer call() throws Exception {
            if (!Files.exists(target)) {
                throw new UserError(target + " does not exist — give a recipe, a manifest (.csv, .jsonl) or a dataset folder");
            }
            Source source;
            try {
                source = open(target);
            } catch (RecipeException e) {
                System.err.println(e.render());
                return Main.USER_ERROR;
            } catch (IllegalArgumentException | ManifestException e) {
                throw new UserError(e.getMessage());
            }
            report(source);
            return 0;
        }

        private Source open(Path target) throws IOException, RecipeException {
            var name = target.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
                var dataset = new RecipeLoader().load(target).dataset();
                boolean outside = dataset.allowOutsideRoot() || allowOutsideRoot;
                if (dataset.uri() != null) {
                    return DataPlan.open(dataset.type(), dataset.uri(), outside);
                }
                if (!Files.exists(dataset.path())) {
                    throw new UserError("the recipe's dataset " + dataset.path() + " does not exist — check dataset.path");
                }
                return DataPlan.open(dataset.type(), dataset.path(), outside);
            }
            return DataPlan.open(guessType(target), target, allowOutsideRoot);
        }

        /** The dataset type of a path: by extension for a file, by its content for a folder. */
        static String guessType(Path path) throws IOException {
            var name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isDirectory(path)) {
                try (var files = Files.list(path)) {
                    return files.anyMatch(f -> f.getFileName().toString().contains("idx3-ubyte")) ? "idx" : "folder";
                }
            }
            if (name.endsWith(".csv")) {
                return "manifest";
            }
            if (name.endsWith(".jsonl")) {
                return "jsonl";
            }
            if (name.contains("idx3-ubyte")) {
                return "idx";
            }
            throw new UserError("cannot tell what kind of dataset " + path + " is — give a .csv or .jsonl manifest, an"
                    + " *-images-idx3-ubyte file, a folder, or a recipe");
        }

        private void report(Source source) {
            var refs = new EnumMap<Modality, List<MediaRef>>(Modality.class);
            var classes = new TreeMap<String, Integer>();
            int unlabelled = 0;
            for (var sample : source) {
                sample.media().forEach((m, ref) -> refs.computeIfAbsent(m, k -> new ArrayList<>()).add(ref));
                if (sample.label() == null) {
                    unlabelled++;
                } else {
                    classes.merge(sample.label(), 1, Integer::sum);
                }
            }
            System.out.println(source.describe());
            System.out.println("samples: " + source.size());
            var unreadable = new ArrayList<String>();
            refs.forEach((modality, list) -> System.out.println(check(modality, list, unreadable)));
            System.out.println("classes: " + classes.size() + (unlabelled > 0 ? " (" + unlabelled + " samples without a label)" : ""));
            classes.forEach((label, n) -> System.out.printf("  %-24s %d%n", label, n));
            if (!unreadable.isEmpty()) {
                System.out.println("unreadable: " + unreadable.size());
                int named = all ? unreadable.size() : Math.min(NAMED_UNREADABLE, unreadable.size());
                unreadable.stream().limit(named).forEach(u -> System.out.println("  " + u));
                if (unreadable.size() > named) {
                    System.out.printf("  … and %d more (--all names every one)%n", unreadable.size() - named);
                }
            }
        }

        /** Decodes a sample of one modality's files (evenly spread over the dataset) and sums them up in one line. */
        private String check(Modality modality, List<MediaRef> list, List<String> unreadable) {
            int n = all ? list.size() : Math.min(CHECKED, list.size());
            var stats = new Stats();
            for (int k = 0; k < n; k++) {
                var ref = list.get((int) ((long) k * list.size() / n));
                try {
                    decode(modality, ref, stats);
                    stats.readable++;
                } catch (IOException | RuntimeException e) {
                    // any failure of one file is that file's problem, reported with it: the decoders parse untrusted
                    // bytes, and their messages name the file already
                    var reason = e instanceof java.nio.file.NoSuchFileException ? ref.name() + " does not exist"
                            : e instanceof MediaException || e instanceof IOException || e instanceof UncheckedIOException
                            ? String.valueOf(e.getMessage()) : "the decoder failed: " + e;
                    reason += MediaSniffer.mismatch(ref, modality).map(h -> "; " + h).orElse("");
                    unreadable.add(reason.contains(ref.name()) ? reason : ref.name() + ": " + reason);
                }
            }
            var line = new StringBuilder(String.format("%s: %d files; checked %d, %d readable", modality.recipeName(),
                    list.size(), n, stats.readable));
            if (stats.readable > 0) {
                if (modality == Modality.AUDIO) {
                    line.append(String.format(Locale.ROOT, "; durations %.2f–%.2f s", stats.minSeconds, stats.maxSeconds));
                } else {
                    line.append(String.format("; width %d–%d, height %d–%d", stats.minWidth, stats.maxWidth, stats.minHeight, stats.maxHeight));
                    if (modality == Modality.VIDEO) {
                        line.append(String.format(Locale.ROOT, "; durations %.2f–%.2f s", stats.minSeconds, stats.maxSeconds));
                    }
                }
            }
            line.append(String.format(Locale.ROOT, "; %.1f KiB in the checked files", stats.bytes / 1024.0));
            return line.toString();
        }

        /**
         * Decodes one file into {@code stats}; files are decoded from disk, so a long video is never read whole. Media
         * a shards folder holds decoded is only measured.
         */
        private static void decode(Modality modality, MediaRef ref, Stats stats) throws IOException {
            if (ref instanceof MediaRef.DecodedImage image) {
                stats.bytes += image.pixels().remaining();
                stats.size(image.width(), image.height());
                return;
            }
            if (ref instanceof MediaRef.DecodedAudio sound) {
                stats.bytes += 4L * sound.audio().samples().length;
                stats.seconds(sound.audio().durationSeconds());
                return;
            }
            var file = ref instanceof MediaRef.FileMedia f ? f.path() : null;
            stats.bytes += file != null ? Files.size(file) : ref.bytes().length;
            switch (modality) {
                case IMAGE -> {
                    try (var image = ImageDecoder.decode(ref.bytes(), ref.name())) {
                        stats.size(image.cols(), image.rows());
                    }
                }
                case AUDIO -> stats.seconds((file != null ? AudioDecoder.decode(file, AUDIO_RATE)
                        : AudioDecoder.decode(ref.bytes(), ref.name(), AUDIO_RATE)).durationSeconds());
                case VIDEO -> {
                    if (file == null) {
                        throw new MediaException("video '" + ref.name() + "' is held in memory; only video files can be checked");
                    }
                    try (var video = Video.open(file)) {
                        stats.size(video.width(), video.height());
                        stats.seconds(video.durationSeconds());
                    }
                }
            }
        }

        /** Ranges and totals over the readable files of one modality. */
        private static final class Stats {
            int readable;
            long bytes;
            int minWidth = Integer.MAX_VALUE;
            int maxWidth;
            int minHeight = Integer.MAX_VALUE;
            int maxHeight;
            double minSeconds = Double.POSITIVE_INFINITY;
            double maxSeconds;

            void size(int width, int height) {
                minWidth = Math.min(minWidth, width);
                maxWidth = Math.max(maxWidth, width);
                minHeight = Math.min(minHeight, height);
                maxHeight = Math.max(maxHeight, height);
            }

            void seconds(double s) {
                minSeconds = Math.min(minSeconds, s);
                maxSeconds = Math.max(maxSeconds, s);
            }
        }
    }

    /** {@code viewpair datasets sync-ceiling RECIPE}: what a perfect model reaches on the recipe's sync evaluation. */
    @Command(name = "sync-ceiling", description = {"What a perfect model reaches on a recipe's eval.sync: the same anchors and"
            + " shifted windows the evaluation draws on the test split, and how many trials no model can decide because"
            + " neither sound window holds an onset the dataset lists (column 'onsets', as synth-video --variant timing"
            + " writes)."})
    static final class SyncCeilingCommand implements Callable<Integer> {
        @Parameters(paramLabel = "RECIPE", description = "a recipe with eval.sync")
        Path recipe;

        @Mixin
        RecipeOverrides overrides;

        @Override
        public Integer call() throws Exception {
            return RunFolder.run(() -> {
                var loaded = overrides.loader().load(recipe);
                if (loaded.eval().sync().isEmpty()) {
                    throw new UserError(recipe + " has no eval.sync — add sync: {pair: PAIR, offsets: [0.25, 0.5, 1.0]} to its eval");
                }
                System.out.print(SyncCeiling.table(Families.standard(), loaded));
            });
        }
    }
}
