package dev.viewpair.recipes.cli;

import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.recipes.run.Progress;
import java.nio.file.Path;
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

    /** {@code viewpair datasets make synth-av --out DIR [--size N] [--seed S]}. */
    @Command(name = "make", description = "Generate a dataset of real media files with a CSV manifest.")
    static final class Make implements Callable<Integer> {
        @Parameters(paramLabel = "KIND", description = "synth-av: images and sounds of 8 categories, paired")
        String kind;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write")
        Path out;

        @Option(names = "--size", defaultValue = "2000", description = "number of samples (default ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() throws Exception {
            if (!"synth-av".equals(kind)) {
                throw new UserError("unknown dataset kind '" + kind + "' — available: synth-av");
            }
            if (size < 1) {
                throw new UserError("--size must be at least 1, got " + size);
            }
            var manifest = make(out, size, seed);
            System.out.println("wrote " + size + " samples: " + manifest);
            return 0;
        }

        static Path make(Path out, int size, long seed) throws Exception {
            try (var bar = Progress.bar("synth-av", size, "samples")) {
                return SynthAv.generate(out, size, seed, Runtime.getRuntime().availableProcessors(), done -> bar.stepTo(done));
            }
        }
    }
}
