package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.datasets.synth.SynthVideo;
import dev.viewpair.recipes.run.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code viewpair datasets …}: making and inspecting datasets. */
@Command(name = "datasets", description = "Make datasets.", subcommands = DatasetsCommand.Make.class)
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
                "synth-video: 4 s videos with sound, whose visual events sound at the same moments"})
        String kind;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write")
        Path out;

        @Option(names = "--size", defaultValue = "2000", description = "number of samples (default ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() throws Exception {
            if (!KINDS.contains(kind)) {
                throw new UserError("unknown dataset kind '" + kind + "' — available: " + String.join(", ", KINDS));
            }
            if (size < 1) {
                throw new UserError("--size must be at least 1, got " + size);
            }
            var manifest = make(kind, out, size, seed);
            System.out.println("wrote " + size + " samples: " + manifest);
            return 0;
        }

        /** Generates a dataset of one of {@link #KINDS} with a progress bar; returns its manifest. */
        static Path make(String kind, Path out, int size, long seed) throws Exception {
            int threads = Runtime.getRuntime().availableProcessors();
            try (var bar = Progress.bar(kind, size, "samples")) {
                return "synth-video".equals(kind)
                        ? SynthVideo.generate(out, size, seed, threads, done -> bar.stepTo(done))
                        : SynthAv.generate(out, size, seed, threads, done -> bar.stepTo(done));
            }
        }
    }
}
