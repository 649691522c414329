import ai.djl.Device;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.mi.JensenShannon;
import dev.viewpair.encoders.mi.SeparableMlp;
import dev.viewpair.encoders.nn.ConvEncoder;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.encoders.train.OptimizerConfig;
import dev.viewpair.encoders.train.PairSpec;
import dev.viewpair.encoders.train.SharedTrainer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;

/**
 * The cost of a local–global pair: recipes/dim.yaml's training step (a conv encoder of widths 32, 64, 256, dim 256,
 * projection 64, on 3 × 28 × 28 views, batch 128, AdamW) with its two pairs, with the SimCLR pair alone, and with the
 * local pair alone (a's 7 × 7 × 64 second stage against a's projection, separable critic, JS), on a fixed batch of
 * random views made before the clock starts: only the step is timed.
 *
 * <pre>
 * java -Dai.djl.pytorch.num_threads=2 -cp CLASSPATH bench/dim/DimStepBench.java global|local|both WARMUP ROUNDS STEPS
 * </pre>
 *
 * Prints one line: {@code <median ms per step> <ms per step of each round, comma-separated>}.
 */
public class DimStepBench {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: DimStepBench global|local|both WARMUP ROUNDS STEPS");
            System.exit(2);
        }
        String variant = args[0];
        int warmup = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        int batch = 128;
        var random = new Random(1);
        var views = new ViewPair(batch, random(random, batch * 3 * 28 * 28), random(random, batch * 3 * 28 * 28),
                new long[] {batch, 3, 28, 28});
        var encoder = ConvEncoder.builder().widths(32, 64, 256).dim(256).projection(256, 64).build();
        var builder = SharedTrainer.builder().encoder("image", encoder, "a", "b")
                .optimizer(OptimizerConfig.constant(2e-3, 1e-4)).seed(1).device(Device.cpu());
        if (!variant.equals("local")) {
            builder.pair(new PairSpec("simclr", "a", "b", new Cosine(0.2, false), new InfoNce(true), 1));
        }
        if (!variant.equals("global")) {
            builder.pair(new PairSpec("local", "a", "b", new SeparableMlp(64, 64, 64, new int[0]), new JensenShannon(),
                    0.5, null, "stage2", EncoderLayer.PROJECTION));
        }
        try (var trainer = builder.build()) {
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
            for (int i = 0; i < warmup; i++) {
                epoch.next();
            }
            var millis = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    var metrics = epoch.next();
                    if (!Double.isFinite(metrics.loss())) {
                        throw new IllegalStateException("the loss is not finite: " + metrics);
                    }
                }
                millis[r] = (System.nanoTime() - start) / 1e6 / steps;
            }
            var sorted = millis.clone();
            Arrays.sort(sorted);
            double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
            System.out.printf("%.1f %s%n", median,
                    String.join(",", Arrays.stream(millis).mapToObj(x -> String.format("%.1f", x)).toList()));
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
}
