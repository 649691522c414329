package dev.viewpair.datasets.shards;

import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes every shard of a plan on this machine, one shard after another, the samples of a shard encoded on a pool
 * of threads. Finished shards of an earlier, interrupted run are kept ({@link ShardWriter#writeOrKeep}).
 */
public final class ShardJob {
    private ShardJob() {}

    /**
     * What a job did.
     *
     * @param entries every shard, in order
     * @param kept how many shards were kept from an earlier run
     */
    public record Result(List<ShardEntry> entries, int kept) {}

    /** Told of progress: samples done so far (written, skipped or kept). */
    @FunctionalInterface
    public interface Progress {
        void samplesDone(long total);
    }

    /**
     * Writes (or keeps) every shard of the writer's plan; the caller writes the index after.
     *
     * @param threads how many samples are encoded at once
     */
    public static Result run(Source source, ShardWriter writer, ShardFolder folder, int threads, Progress progress)
            throws IOException {
        var plan = writer.plan();
        if (plan.samples() != source.size()) {
            throw new IllegalArgumentException("the plan is for " + plan.samples() + " samples, the source has " + source.size());
        }
        var counter = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            var t = new Thread(r, "viewpair-shards-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        var done = new java.util.concurrent.atomic.AtomicLong();
        try {
            var entries = new ArrayList<ShardEntry>();
            int kept = 0;
            for (int k = 0; k < plan.shards(); k++) {
                var samples = samples(source, plan, k);
                var old = writer.finished(k, samples, folder);
                if (old.isPresent()) {
                    kept++;
                    entries.add(old.get());
                    progress.samplesDone(done.addAndGet(samples.size()));
                } else {
                    entries.add(writer.write(k, samples, folder, pool, () -> progress.samplesDone(done.incrementAndGet())));
                }
            }
            return new Result(entries, kept);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The samples the plan puts in shard k, read from the source. */
    public static List<Sample> samples(Source source, ShardPlan plan, int k) {
        var out = new ArrayList<Sample>(plan.count(k));
        for (long i = plan.first(k), end = i + plan.count(k); i < end; i++) {
            out.add(source.get(i));
        }
        return out;
    }
}
