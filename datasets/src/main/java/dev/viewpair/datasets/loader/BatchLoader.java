package dev.viewpair.datasets.loader;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewTensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Prepares batches of views on a pool of worker threads while the consumer computes: samples are
 * decoded and viewed ahead of use (a bounded window of whole batches), assembled in a fixed order, and
 * stacked with one bulk copy per view and sample. A sample whose media cannot be read is skipped and
 * reported to the bad-input listener (on the consumer's thread, so a listener that throws stops the epoch);
 * the batch is filled from the samples after it. An epoch that yields no batch because samples were skipped
 * fails with an {@link IllegalArgumentException} that says so, rather than ending silently empty.
 */
public final class BatchLoader implements AutoCloseable {
    private final Source source;
    private final SampleViews views;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean keepPartial;
    private final long seed;
    private final int prefetchBatches;
    private final ExecutorService pool;
    private final Consumer<BadInput> badInputs;
    private volatile long waitNanos;

    private BatchLoader(Builder b) {
        this.source = b.source;
        this.views = b.views;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.keepPartial = b.keepPartial;
        this.seed = b.seed;
        this.prefetchBatches = b.prefetchBatches;
        this.badInputs = b.badInputs;
        var counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(b.workers, r -> {
            var t = new Thread(r, "viewpair-views-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder(Source source, SampleViews views) {
        return new Builder(source, views);
    }

    /** Full batches per epoch, at most (fewer when bad inputs are skipped). */
    public long batchesPerEpoch() {
        return source.size() / batchSize;
    }

    /** Seconds the consumer has spent waiting for batches that were not ready, since this loader was made. */
    public double waitSeconds() {
        return waitNanos / 1e9;
    }

    /** The sample order of one epoch: a seeded shuffle (Fisher–Yates), or the source order. */
    long[] order(int epoch) {
        var idx = new long[(int) source.size()];
        Arrays.setAll(idx, i -> i);
        if (shuffle) {
            var rng = Rng.forAnchor(seed, epoch, "loader-order");
            for (int i = idx.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                long t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    /**
     * The batches of one epoch: full batches, and the last partial one if the loader keeps it. The
     * iterator must be consumed on one thread; views are made on the workers.
     */
    public Iterator<ViewBatch> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /**
     * The rest of an epoch from a position in its sample order: the batches that follow once {@code fromSample}
     * samples of the order (bad ones included) have been consumed, without decoding those. Resuming a run needs
     * nothing more, since the order is a function of (seed, epoch).
     *
     * @param fromSample how many samples of this epoch's order to pass over, 0 to the source's size
     */
    public Iterator<ViewBatch> epoch(int epoch, long fromSample) {
        long[] order = order(epoch);
        if (fromSample < 0 || fromSample > order.length) {
            throw new IllegalArgumentException("cannot start epoch " + epoch + " at sample " + fromSample + " of "
                    + order.length);
        }
        return new EpochIterator(epoch, Arrays.copyOfRange(order, (int) fromSample, order.length));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** The outcome of viewing one sample: its views, or the bad input that stopped it. */
    private record Prepared(Sample sample, Map<String, ViewTensor> views, BadInput bad) {}

    private final class EpochIterator implements Iterator<ViewBatch> {
        private final int epoch;
        private final long[] order;
        private final ArrayDeque<Future<Prepared>> inFlight = new ArrayDeque<>();
        private int submitted;
        private int yielded;
        private int skipped;
        private ViewBatch next;

        EpochIterator(int epoch, long[] order) {
            this.epoch = epoch;
            this.order = order;
            fill();
        }

        private void fill() {
            int window = prefetchBatches * batchSize;
            while (inFlight.size() < window && submitted < order.length) {
                long index = order[submitted++];
                inFlight.add(pool.submit(() -> prepare(index)));
            }
        }

        private Prepared prepare(long index) {
            Sample s = source.get(index);
            try {
                return new Prepared(s, views.views(s, epoch), null);
            } catch (MediaException | IllegalArgumentException e) {
                String file = e instanceof BadMediaException b ? b.file()
                        : s.media().values().stream().map(MediaRef::name).collect(Collectors.joining(" + "));
                return new Prepared(s, null, new BadInput(s.id(), file, String.valueOf(e.getMessage())));
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = assemble();
                yielded += next == null ? 0 : 1;
            }
            return next != null;
        }

        @Override
        public ViewBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            var b = next;
            next = null;
            return b;
        }

        private ViewBatch assemble() {
            var members = new ArrayList<Prepared>(batchSize);
            while (members.size() < batchSize) {
                var f = inFlight.poll();
                if (f == null) {
                    // the rest of the epoch cannot fill a batch
                    if (keepPartial && !members.isEmpty()) {
                        return stack(members);
                    }
                    if (yielded == 0 && skipped > 0) {
                        throw new IllegalArgumentException(skipped == order.length
                                ? "none of the " + order.length + " samples could be read (each is reported as a bad input)"
                                        + " — check the dataset's files; viewpair datasets inspect shows why each fails"
                                : "no batch can be made: " + skipped + " of the " + order.length + " samples could not be read"
                                        + " (each is reported as a bad input), and the " + (order.length - skipped)
                                        + " readable ones are fewer than one batch of " + batchSize
                                        + " — fix or remove the unreadable files, or lower the batch size");
                    }
                    return null;
                }
                Prepared p = await(f);
                fill();
                if (p.bad() != null) {
                    skipped++;
                    badInputs.accept(p.bad());
                } else {
                    members.add(p);
                }
            }
            return stack(members);
        }

        private Prepared await(Future<Prepared> f) {
            long t0 = System.nanoTime();
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for views", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a view worker failed: " + e.getCause(), e.getCause());
            } finally {
                waitNanos += System.nanoTime() - t0;
            }
        }
    }

    private ViewBatch stack(List<Prepared> members) {
        var ids = new ArrayList<String>(members.size());
        var labels = new ArrayList<String>(members.size());
        var data = new LinkedHashMap<String, float[]>();
        var shapes = new LinkedHashMap<String, long[]>();
        var first = members.get(0).views();
        for (var e : first.entrySet()) {
            int[] s = e.getValue().shape();
            var shape = new long[s.length + 1];
            shape[0] = members.size();
            for (int i = 0; i < s.length; i++) {
                shape[i + 1] = s[i];
            }
            shapes.put(e.getKey(), shape);
            data.put(e.getKey(), new float[members.size() * e.getValue().data().length]);
        }
        for (int i = 0; i < members.size(); i++) {
            var p = members.get(i);
            ids.add(p.sample().id());
            labels.add(p.sample().label());
            for (var e : p.views().entrySet()) {
                float[] src = e.getValue().data();
                float[] dst = data.get(e.getKey());
                if (!Arrays.equals(e.getValue().shape(), first.get(e.getKey()).shape())) {
                    // a user's error, not the loader's: the view's ops or the dataset's files make shapes that differ
                    throw new IllegalArgumentException("view '" + e.getKey() + "' of sample '" + p.sample().id()
                            + "' has shape " + Arrays.toString(e.getValue().shape()) + ", but that of sample '"
                            + members.get(0).sample().id() + "' (first in its batch) has shape "
                            + Arrays.toString(first.get(e.getKey()).shape()) + ": a batch stacks one shape per view — fix"
                            + " the view's size with its ops (resize and center_crop or random_resized_crop for an image,"
                            + " clip for sound, after any op that changes the length), or make the dataset's files one size");
                }
                System.arraycopy(src, 0, dst, i * src.length, src.length);
            }
        }
        return new ViewBatch(ids, labels, data, shapes);
    }

    /** Configuration of a {@link BatchLoader}. */
    public static final class Builder {
        private final Source source;
        private final SampleViews views;
        private int batchSize = 64;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private boolean shuffle = true;
        private boolean keepPartial;
        private long seed;
        private int prefetchBatches = 2;
        private Consumer<BadInput> badInputs = b -> {};

        private Builder(Source source, SampleViews views) {
            this.source = source;
            this.views = views;
        }

        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        public Builder shuffle(boolean on) {
            this.shuffle = on;
            return this;
        }

        /** Also yield the last, smaller batch of an epoch (for evaluation); training drops it. */
        public Builder keepPartialLast(boolean on) {
            this.keepPartial = on;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** How many whole batches are prepared ahead of the consumer. */
        public Builder prefetchBatches(int n) {
            this.prefetchBatches = n;
            return this;
        }

        /** Told of every sample that is skipped. */
        public Builder onBadInput(Consumer<BadInput> listener) {
            this.badInputs = listener;
            return this;
        }

        public BatchLoader build() {
            if (batchSize < 1 || workers < 1 || prefetchBatches < 1) {
                throw new IllegalArgumentException("batch size, workers and prefetch must be ≥ 1");
            }
            return new BatchLoader(this);
        }
    }
}
