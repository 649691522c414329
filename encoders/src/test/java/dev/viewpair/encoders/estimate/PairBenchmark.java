package dev.viewpair.encoders.estimate;

import java.util.List;
import java.util.Locale;

/**
 * Not a test: the measurement in {@code docs/bounds.md} of {@link PairEstimator} (default options)
 * next to {@link Ksg} on correlated Gaussians of known MI, 5000 samples each. Run
 * with {@code java -cp encoders/target/test-classes:encoders/target/classes:<dependencies>
 * dev.viewpair.encoders.estimate.PairBenchmark}; prints a Markdown table.
 */
public final class PairBenchmark {
    private PairBenchmark() {}

    public static void main(String[] args) {
        var options = PairEstimator.Options.defaults();
        List<String> bounds = options.bounds();
        var header = new StringBuilder("| d | true MI | KSG |");
        bounds.forEach(bound -> header.append(' ').append(bound).append(" (95% CI) |"));
        System.out.println(header);
        System.out.println("|---:|---:|---:|" + "---:|".repeat(bounds.size()));
        long start = System.nanoTime();
        String method = "";
        for (int d : new int[] {1, 5, 20}) {
            for (double mi : new double[] {0.1, 0.5, 1, 2, 4}) {
                double rho = Math.sqrt(1 - Math.exp(-2 * mi / d));
                float[][][] data = KsgTest.gaussians(5000, d, rho, 100L * d + Math.round(mi * 10));
                double ksg = Ksg.estimate(data[0], data[1]);
                var row = new StringBuilder(String.format(Locale.ROOT, "| %d | %.1f | %.3f |", d, mi, ksg));
                for (var estimate : PairEstimator.estimateEach(data[0], data[1], options)) {
                    row.append(String.format(Locale.ROOT, " %.3f (%.3f, %.3f) |",
                            estimate.miNats(), estimate.ci95Low(), estimate.ci95High()));
                    method = estimate.method();
                }
                System.out.println(row);
            }
        }
        System.out.printf(Locale.ROOT, "%n%.0f s; last: %s%n", (System.nanoTime() - start) / 1e9, method);
    }
}
