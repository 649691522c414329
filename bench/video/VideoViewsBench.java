import dev.viewpair.recipes.api.Views;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

/**
 * Every view of a recipe made from every sample of its dataset on {@code threads} threads, as training workers
 * make them (thread t takes samples t, t + threads, …): clips per wall-clock second and the threads' CPU
 * milliseconds per clip (FFmpeg decodes on the calling thread, so the CPU time holds the decoding). The first
 * pass warms the JIT up and is not measured; the measured passes count together. Prints one JSON line.
 *
 * <p>Arguments: the recipe file, the number of measured passes, the number of threads (default 1).
 */
public final class VideoViewsBench {
    public static void main(String[] args) throws Exception {
        var views = Views.fromRecipe(Path.of(args[0]));
        int passes = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        var samples = views.dataset();
        var cpu = ManagementFactory.getThreadMXBean();
        var pool = Executors.newFixedThreadPool(threads);
        try {
            for (int warm = 0; warm <= 1; warm++) {
                int first = warm == 0 ? 0 : 1;
                int last = warm == 0 ? 0 : passes;
                var work = new ArrayList<Callable<Long>>();
                for (int t = 0; t < threads; t++) {
                    int offset = t;
                    work.add(() -> {
                        long before = cpu.getCurrentThreadCpuTime();
                        for (int pass = first; pass <= last; pass++) {
                            for (long i = offset; i < samples.size(); i += threads) {
                                views.apply(samples.get(i), pass);
                            }
                        }
                        return cpu.getCurrentThreadCpuTime() - before;
                    });
                }
                long wall = System.nanoTime();
                long cpuNanos = 0;
                for (var done : pool.invokeAll(work)) {
                    cpuNanos += done.get();
                }
                double seconds = (System.nanoTime() - wall) / 1e9;
                long clips = samples.size() * (long) (last - first + 1);
                if (warm == 1) {
                    System.out.printf(Locale.ROOT, "{\"side\": \"viewpair\", \"config\": \"viewpair, %d thread%s\", "
                            + "\"clips_per_s\": %.1f, \"cpu_ms_per_clip\": %.2f, \"clips\": %d, \"views\": %d}%n",
                            threads, threads == 1 ? "" : "s", clips / seconds, cpuNanos / 1e6 / clips, clips,
                            views.names().size());
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
