package dev.viewpair.recipes.run;

import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.ReportEvery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The report of a run while it trains ({@code train.report_every}): after the first step and then whenever one is due,
 * the plots and an in-progress {@code report.html} are rewritten from a copy of the records so far, on a thread of
 * their own, so a step never waits for a plot; a rewrite that would start while the last is still drawing its plots is
 * left out. When training ends, one more page shows every step while evaluation runs; the final report replaces it.
 */
final class LiveReport implements AutoCloseable {
    private final Recipe recipe;
    private final Path runDir;
    private final Consumer<String> printer;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        var t = new Thread(r, "viewpair-report");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    /**
     * Whether a rewrite is under way: from its start until its plots are written. Its page is written after, so once
     * a page can be seen the next rewrite may start (behind it on the one worker thread: pages never overtake).
     */
    private final AtomicBoolean busy = new AtomicBoolean();
    private boolean failureShown;
    private Future<?> pending = CompletableFuture.completedFuture(null);
    private long lastStart = System.nanoTime();
    private boolean started;

    /** @param printer where a rewrite that failed is reported (once; training goes on) */
    LiveReport(Recipe recipe, Path runDir, Consumer<String> printer) {
        this.recipe = recipe;
        this.runDir = runDir;
        this.printer = printer;
    }

    private boolean enabled() {
        return !recipe.train().reportEvery().equals(ReportEvery.AT_END);
    }

    /** After step {@code step} (from 0), with the records so far: starts a rewrite when one is due and none is running. */
    void afterStep(long step, List<Map<String, Object>> records) {
        showFailure();
        if (!enabled() || busy.get() || !due(step)) {
            return;
        }
        started = true;
        lastStart = System.nanoTime();
        submit(records);
    }

    /** When training has ended: the page with every step, written before evaluation starts. */
    void trained(List<Map<String, Object>> records) {
        if (!enabled()) {
            return;
        }
        await();
        submit(records);
        await();
        showFailure();
    }

    private boolean due(long step) {
        if (!started) {
            return true;
        }
        var every = recipe.train().reportEvery();
        if (every instanceof ReportEvery.Seconds s) {
            return System.nanoTime() - lastStart >= TimeUnit.SECONDS.toNanos(s.seconds());
        }
        return (step + 1) % ((ReportEvery.Steps) every).steps() == 0;
    }

    /** Starts a rewrite from a copy of the records so far. */
    private void submit(List<Map<String, Object>> records) {
        busy.set(true);
        var snapshot = List.copyOf(records);
        pending = worker.submit(() -> {
            var plotted = new AtomicBoolean();
            try {
                RunReport.inProgress(recipe, snapshot, runDir, () -> {
                    plotted.set(true);
                    busy.set(false);
                });
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
                if (!plotted.get()) {
                    busy.set(false);
                }
            }
        });
    }

    private void showFailure() {
        var e = failure.get();
        if (e != null && !failureShown) {
            failureShown = true;
            printer.accept("warning: could not rewrite " + runDir.resolve(RunReport.PAGE) + " while training (" + e
                    + "); training goes on, and the final report is written at the end");
        }
    }

    /** Waits for the rewrite under way, if any. */
    private void await() {
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            failure.compareAndSet(null, e); // the rewrite catches what it can; anything else is reported the same way
        }
    }

    /** Waits for the rewrite under way, so that nothing rewrites the page after the final report. */
    @Override
    public void close() {
        await();
        worker.shutdown();
    }
}
