package dev.viewpair.recipes.run;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * A progress bar written to a log instead of a terminal: every few seconds one whole line,
 * {@code train 30/100 steps (30%) in 0:00:05, 6.4 steps/s, 0:00:11 left — loss -2.911 …}, never cut to a terminal's width;
 * a line is written only when the count moved since the last one (the bar's closing refresh repeats none).
 */
final class ProgressLog implements ProgressBarRenderer, ProgressBarConsumer {
    private final String task;
    private final String unit;
    private final Consumer<String> log;
    private long lastCurrent = -1;

    /**
     * @param task what is done ("train", a file's name)
     * @param unit what is counted ("steps")
     * @param log where each line goes
     */
    ProgressLog(String task, String unit, Consumer<String> log) {
        this.task = task;
        this.unit = unit;
        this.log = log;
    }

    /** The line, or nothing when the count has not moved since the last line. */
    @Override
    public synchronized String render(ProgressState state, int maxLength) {
        long current = state.getCurrent();
        if (current == lastCurrent) {
            return "";
        }
        lastCurrent = current;
        long max = state.getMax();
        var line = new StringBuilder();
        line.append(task).append(' ').append(current).append('/').append(max).append(' ').append(unit);
        if (max > 0) {
            line.append(" (").append(100 * current / max).append("%)");
        }
        var elapsed = state.getElapsedAfterStart();
        line.append(" in ").append(clock(state.getTotalElapsed()));
        double seconds = elapsed.toMillis() / 1000.0;
        long done = current - state.getStart();
        if (seconds > 0 && done > 0) {
            double speed = done / seconds;
            line.append(String.format(Locale.ROOT, speed < 100 ? ", %.1f %s/s" : ", %.0f %s/s", speed, unit));
            if (max > current) {
                line.append(", ").append(clock(Duration.ofSeconds(Math.round((max - current) / speed)))).append(" left");
            }
        }
        var message = state.getExtraMessage();
        if (message != null && !message.isBlank()) {
            line.append(" — ").append(message.strip());
        }
        return line.toString();
    }

    private static String clock(Duration d) {
        long s = d.getSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    @Override
    public int getMaxRenderedLength() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void accept(String line) {
        if (!line.isEmpty()) {
            log.accept(line);
        }
    }

    @Override
    public void close() {
        // the log stays open: it is the application's
    }
}
