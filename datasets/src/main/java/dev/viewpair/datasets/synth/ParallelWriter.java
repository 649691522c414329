package dev.viewpair.datasets.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** Writes the planned items of a generated dataset on a pool of threads, reporting progress as they finish. */
final class ParallelWriter {
    private ParallelWriter() {}

    /**
     * @param outDir the dataset folder, for messages
     * @param items what to write; each item's files depend only on the item, so the thread count changes nothing
     * @param threads worker threads (≥ 1)
     * @param progress told the number of items finished so far, from the worker threads
     * @param write writes one item (an {@link UncheckedIOException} surfaces as its {@link IOException})
     */
    static <T> void writeAll(Path outDir, List<T> items, int threads, IntConsumer progress, Consumer<T> write)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        var done = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<?>>();
            for (var item : items) {
                futures.add(pool.submit(() -> {
                    write.accept(item);
                    progress.accept(done.incrementAndGet());
                }));
            }
            for (var future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("generation of " + outDir + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException("could not generate " + outDir + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
