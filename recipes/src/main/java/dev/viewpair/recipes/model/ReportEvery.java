package dev.viewpair.recipes.model;

/**
 * How often a run rewrites its plots and {@code report.html} while it trains ({@code train.report_every}): every so
 * many steps ({@code 500}; {@code 0} for only at the end) or every so much wall time ({@code 60s}, {@code 2m}).
 */
public sealed interface ReportEvery permits ReportEvery.Steps, ReportEvery.Seconds {
    /**
     * Once a minute: a 20-minute run shows twenty pages, each drawn on a thread of its own (a run of 3,000 steps: about
     * 0.1 to 0.4 s a page on a busy 2-core machine).
     */
    ReportEvery DEFAULT = new Seconds(60);

    /** Only the final report, after evaluation. */
    ReportEvery AT_END = new Steps(0);

    /** The value as a recipe writes it: a whole number of steps, or a time such as {@code 60s}. */
    Object written();

    /** Every {@code steps} steps; 0 for only at the end. */
    record Steps(int steps) implements ReportEvery {
        public Steps {
            if (steps < 0) {
                throw new IllegalArgumentException("train.report_every must be ≥ 0 steps, got " + steps);
            }
        }

        @Override
        public Object written() {
            return steps;
        }
    }

    /** Every {@code seconds} seconds of wall time, ≥ 1. */
    record Seconds(int seconds) implements ReportEvery {
        public Seconds {
            if (seconds < 1) {
                throw new IllegalArgumentException("train.report_every must be at least 1s, got " + seconds + "s");
            }
        }

        @Override
        public Object written() {
            return seconds + "s";
        }
    }
}
