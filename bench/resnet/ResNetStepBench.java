import ai.djl.Device;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.nn.ProjectionHead;
import dev.viewpair.encoders.nn.ResNet;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.encoders.train.OptimizerConfig;
import dev.viewpair.encoders.train.PairSpec;
import dev.viewpair.encoders.train.SharedTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;

/**
 * viewpair's side of the ResNet training-step benchmark: one SimCLR-style step of a ResNet-18 shared by two views
 * (projection head Linear(512)–ReLU–Linear(128), cosine critic at temperature 0.2, one-sided InfoNCE, AdamW at a
 * constant rate) on a fixed batch of random views, through {@link SharedTrainer} as a recipe's training runs it.
 * The batch is made once, before the clock starts: only the step is timed. Threads come from
 * {@code -Dai.djl.pytorch.num_threads}.
 *
 * <pre>
 * java -Dai.djl.pytorch.num_threads=2 -cp CLASSPATH bench/resnet/ResNetStepBench.java STEM SIZE BATCH WARMUP ROUNDS STEPS
 * </pre>
 *
 * Prints one line: {@code <median steps/s> <steps/s of each round, comma-separated> <RSS before the first step, MiB>
 * <peak RSS, MiB>}.
 */
public class ResNetStepBench {
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: ResNetStepBench imagenet|cifar SIZE BATCH WARMUP ROUNDS STEPS");
            System.exit(2);
        }
        var stem = ResNet.Stem.valueOf(args[0].toUpperCase());
        int size = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int steps = Integer.parseInt(args[5]);

        var encoder = ResNet.builder().depth(18).stem(stem).head(ProjectionHead.mlp(512, 128)).build();
        var random = new Random(1);
        var views = new ViewPair(batch, random(random, batch * 3 * size * size), random(random, batch * 3 * size * size),
                new long[] {batch, 3, size, size});
        try (var trainer = SharedTrainer.builder()
                .encoder("image", encoder, "a", "b")
                .pair(new PairSpec("ab", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1))
                .optimizer(OptimizerConfig.constant(1e-3, 1e-4))
                .seed(1)
                .device(Device.cpu())
                .build()) {
            Iterator<BatchData> same = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public BatchData next() {
                    return views;
                }
            };
            var epoch = trainer.steps(0, same);
            double before = memoryMib("VmRSS");
            for (int i = 0; i < warmup; i++) {
                epoch.next();
            }
            var rates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    var metrics = epoch.next();
                    if (!Double.isFinite(metrics.loss())) {
                        throw new IllegalStateException("the loss is not finite: " + metrics);
                    }
                }
                rates[r] = steps / ((System.nanoTime() - start) / 1e9);
            }
            var sorted = rates.clone();
            Arrays.sort(sorted);
            double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
            var each = String.join(",", Arrays.stream(rates).mapToObj(x -> String.format("%.4f", x)).toList());
            System.out.printf("%.4f %s %.1f %.1f%n", median, each, before, memoryMib("VmHWM"));
        }
    }

    /** The two views of one batch, the same arrays every step. */
    private record ViewPair(int size, float[] a, float[] b, long[] viewShape) implements BatchData {
        @Override
        public float[] view(String name) {
            return switch (name) {
                case "a" -> a;
                case "b" -> b;
                default -> throw new IllegalArgumentException("no view " + name);
            };
        }

        @Override
        public long[] shape(String name) {
            return viewShape.clone();
        }
    }

    private static float[] random(Random random, int n) {
        var values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** A line of /proc/self/status ({@code VmRSS}, {@code VmHWM}: resident now, at its peak), in MiB. */
    private static double memoryMib(String field) throws Exception {
        for (var line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("/proc/self/status has no " + field);
    }
}
