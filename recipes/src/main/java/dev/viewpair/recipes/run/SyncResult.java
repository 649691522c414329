package dev.viewpair.recipes.run;

import dev.viewpair.encoders.eval.DesignEffect;
import dev.viewpair.encoders.eval.WilsonInterval;
import dev.viewpair.views.Window;
import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * How a pair's critic told in-sync from shifted views at one signed offset, over all trials (test samples × anchors).
 * A trial is a tie when nothing in it can tell the two apart: where the dataset lists its event times
 * ({@value #ONSETS}), when neither sound window — in sync or shifted — holds an event's onset; elsewhere when the
 * critic gives both the very same score. Ties are counted apart and left out of the accuracy. A sample's trials (its
 * anchors) are not independent — they share its sources and overlap — so the interval counts them by sample, with the
 * design effect of the wins across samples ({@link DesignEffect}).
 *
 * @param offset the shift in seconds (positive: the shifted window is later)
 * @param trials the trials scored
 * @param ties the trials that were ties
 * @param wins the trials, ties left out, in which in sync scored higher (an equal score on a trial that is not a tie
 *     counts half)
 * @param tiesBy how ties were told: {@value #BY_ONSETS}, {@value #BY_SCORES}, or {@value #BY_BOTH} (onsets where a
 *     sample lists them, equal scores elsewhere)
 * @param samples the samples (videos) the trials came from
 * @param designEffect Kish's design effect of the wins over the samples' trials that were not ties, at least 1; 1
 *     where no model scored the trials ({@link SyncEvaluation#ties()})
 */
record SyncResult(double offset, long trials, long ties, double wins, String tiesBy, int samples, double designEffect) {
    /** The sample field listing the times (seconds, separated by {@code ;}) at which a sound of a seen event starts. */
    static final String ONSETS = "onsets";
    static final String BY_ONSETS = "onsets";
    static final String BY_SCORES = "equal scores";
    static final String BY_BOTH = "onsets, else equal scores";

    /** The trials that were not ties. */
    long decided() {
        return trials - ties;
    }

    /** How often in sync won among the trials that were not ties (chance 0.5); NaN when there were none. */
    double accuracy() {
        return decided() == 0 ? Double.NaN : wins / decided();
    }

    /**
     * The 95 % interval of {@link #accuracy()}: Wilson's over the trials that were not ties, counted as
     * decided / {@link #designEffect()} independent ones.
     */
    WilsonInterval interval() {
        return WilsonInterval.of95(wins, decided(), designEffect);
    }

    /** Wilson's 95 % interval of {@link #accuracy()} with every trial that was not a tie counted as independent. */
    WilsonInterval independentInterval() {
        return WilsonInterval.of95(wins, decided());
    }

    /** The accuracy over all trials with every tie a coin toss (counted half), as a single number over the whole set. */
    double withTies() {
        return trials == 0 ? Double.NaN : (wins + ties / 2.0) / trials;
    }

    /** What a model that wins every trial but the ties reaches on {@link #withTies()}: 1 − ties / (2 · trials). */
    double ceiling() {
        return trials == 0 ? Double.NaN : 1 - ties / (2.0 * trials);
    }

    /**
     * Scores trials: {@code inSync[i]} against {@code shifted[i]}, trial i of sample {@code samples[i]}, a tie where
     * {@code silent[i]} says so, or, where it is {@code null} (no event times known), where the two scores are equal.
     */
    static SyncResult score(double offset, float[] inSync, float[] shifted, Boolean[] silent, String[] samples) {
        long ties = 0;
        boolean byOnsets = false;
        boolean byScores = false;
        var bySample = new LinkedHashMap<String, double[]>(); // sample → {wins, trials that were not ties}
        for (int i = 0; i < inSync.length; i++) {
            boolean tie = isTie(silent[i], inSync[i], shifted[i]);
            byOnsets |= silent[i] != null;
            byScores |= silent[i] == null;
            var counts = bySample.computeIfAbsent(samples[i], id -> new double[2]);
            if (tie) {
                ties++;
            } else {
                counts[0] += inSync[i] > shifted[i] ? 1 : inSync[i] == shifted[i] ? 0.5 : 0;
                counts[1]++;
            }
        }
        var wins = bySample.values().stream().mapToDouble(c -> c[0]).toArray();
        var decided = bySample.values().stream().mapToLong(c -> (long) c[1]).toArray();
        return new SyncResult(offset, inSync.length, ties, Arrays.stream(wins).sum(),
                byOnsets && byScores ? BY_BOTH : byOnsets ? BY_ONSETS : BY_SCORES, bySample.size(), DesignEffect.of(wins, decided));
    }

    /** Whether a trial is a tie: as {@code silent} says, or where it is {@code null} (no onsets known), an even score. */
    static boolean isTie(Boolean silent, float inSync, float shifted) {
        return silent != null ? silent : inSync == shifted;
    }

    /** Whether no onset lies in the window [start, end). */
    static boolean silent(double[] onsets, Window window) {
        for (double t : onsets) {
            if (t >= window.start() && t < window.end()) {
                return false;
            }
        }
        return true;
    }

    /** The onsets a sample lists in its {@value #ONSETS} field ({@code 0.4;1.2667}; empty text for none). */
    static double[] parseOnsets(String field, String sampleId) {
        var text = field.trim();
        if (text.isEmpty()) {
            return new double[0];
        }
        var parts = text.split(";");
        var out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sample '" + sampleId + "': field " + ONSETS + " should list seconds"
                        + " separated by ';' (0.4;1.2667), got '" + field + "' — fix or remove the column", e);
            }
        }
        return out;
    }
}
