package dev.viewpair.recipes.run;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.LoggerFactory;

/** Progress bars for long work: drawn in place on a terminal, a log line every few seconds otherwise. */
public final class Progress {
    private Progress() {}

    /** A bar counting {@code total} things called {@code unit} ("steps", "samples"). */
    public static ProgressBar bar(String task, long total, String unit) {
        return bar(task, total, unit, 0);
    }

    /** A bar that starts at {@code done} of {@code total} (a resumed run); the speed counts from there. */
    public static ProgressBar bar(String task, long total, String unit, long done) {
        var b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .showSpeed().setUnit(" " + unit, 1).startsFrom(done, java.time.Duration.ZERO);
        if (System.console() == null) {
            // one logger for all bars: a task may hold dots (a file's name), which a logger's name would split at
            var log = new ProgressLog(task, unit, LoggerFactory.getLogger("viewpair.progress")::info);
            b.setRenderer(log).setConsumer(log).setUpdateIntervalMillis(10_000);
        }
        return b.build();
    }

    /**
     * Shows {@code message} after the bar's count and speed ({@code loss -2.911 …}), set apart from them on a
     * terminal (the bar's renderer writes it right after the speed) and in a log.
     */
    public static ProgressBar message(ProgressBar bar, String message) {
        return bar.setExtraMessage(" " + message);
    }

    /** Prints a line above a bar that is drawing on this terminal: the bar's line is cleared first. */
    public static void println(java.io.PrintStream out, String line) {
        if (System.console() != null) {
            System.err.print("\r\033[K");
            System.err.flush();
        }
        out.println(line);
    }
}
