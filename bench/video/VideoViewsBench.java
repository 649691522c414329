import dev.viewpair.recipes.api.Views;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Every view of a recipe made from every sample of its dataset on one thread, as a training worker makes them:
 * samples per wall-clock second and the thread's CPU milliseconds per sample (FFmpeg decodes on the calling
 * thread, so the CPU time holds the decoding). The first pass warms the JIT up and is not reported.
 *
 * <p>Arguments: the recipe file, the number of measured passes.
 */
public final class VideoViewsBench {
    public static void main(String[] args) throws Exception {
        var views = Views.fromRecipe(Path.of(args[0]));
        int passes = Integer.parseInt(args[1]);
        var samples = views.dataset();
        var threads = ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass <= passes; pass++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            for (long i = 0; i < samples.size(); i++) {
                views.apply(samples.get(i), pass);
            }
            double seconds = (System.nanoTime() - wall) / 1e9;
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / samples.size();
            if (pass > 0) {
                System.out.printf("pass %d: %d samples, %s views each: %.0f samples/s, %.2f ms CPU per sample%n", pass,
                        samples.size(), views.names().size(), samples.size() / seconds, cpuMs);
            }
        }
    }
}
