package dev.viewpair.views.chain;

import dev.viewpair.views.Onsets;
import dev.viewpair.views.Rng;
import dev.viewpair.views.Timed;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.AudioTimeline;
import dev.viewpair.views.audio.io.Sound;
import dev.viewpair.views.video.io.Video;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Places a sample's anchor on an onset of its sound, for views whose window is cut at {@code at: onset ± t}: the
 * onsets of the sound are found (of a sound file, or of a video's sound track, decoded at {@value #VIDEO_RATE} Hz),
 * and one of them is drawn with the sample's anchor stream, among those at which every anchored window fits when there
 * are any, else among all (the windows are then zero-padded past the ends). A file longer than
 * {@link AudioTimeline#WHOLE_SECONDS} is searched in {@value #SEARCH_SECONDS} s around the uniform anchor only, so an
 * hour of podcast is not decoded for one anchor.
 *
 * <p>The onsets of a sound searched whole depend on nothing but the sound and the detector, so they are found once per
 * sample and kept for the later epochs (for up to {@value #KEPT} samples; a sample id names one sound): the detector
 * costs about 6 ms per second of sound, 36 ms for a 6 s video, each epoch again otherwise.
 *
 * <p>A sample whose sound holds no onset (silence, a steady hum, a video without sound) keeps the uniform anchor; it
 * is counted ({@link #tally()}) and logged as a warning naming the sample, the first time and then at every power of
 * two.
 */
final class OnsetAnchors {
    private static final System.Logger LOG = System.getLogger(OnsetAnchors.class.getName());
    /** The rate a video's sound track is decoded at to find its onsets. */
    static final int VIDEO_RATE = 16000;
    /** How much of a long file is searched for onsets around the uniform anchor. */
    static final double SEARCH_SECONDS = 10;

    /** The most samples whose onsets are kept; the others are searched again each time. */
    static final int KEPT = 1 << 16;

    private final AtomicLong placed = new AtomicLong();
    /** Sample id → the onsets of its whole sound, for the detector settings they were found with. */
    private final Map<String, Found> kept = new ConcurrentHashMap<>();
    private final AtomicLong fellBack = new AtomicLong();

    /** A sample's onsets and the detector settings they were found with. */
    private record Found(Onsets onsets, double[] times) {}

    /**
     * How many anchors were placed on an onset, and how many samples held none and kept the uniform anchor.
     *
     * @param placed anchors placed on an onset
     * @param fellBack anchors drawn uniformly because the sound held no onset
     */
    record Tally(long placed, long fellBack) {}

    Tally tally() {
        return new Tally(placed.get(), fellBack.get());
    }

    /**
     * The anchor on an onset of {@code media}'s sound, or {@code uniform} (counted) when it has none.
     *
     * @param lo the earliest anchor at which every anchored window fits
     * @param hi the latest
     * @param uniform the anchor drawn uniformly in [lo, hi]
     * @param rng the sample's anchor stream, after the uniform draw
     */
    double anchor(Onsets onsets, Object media, double lo, double hi, double uniform, Rng rng, String sampleId) {
        var found = kept(onsets, media, uniform, sampleId);
        if (found.length == 0) {
            long n = fellBack.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                LOG.log(System.Logger.Level.WARNING, String.format(Locale.ROOT, "at: onset — sample '%s' has no onset in"
                        + " its sound, so its anchor is drawn uniformly (%d sample(s) so far, %d placed on onsets): lower"
                        + " the detector's threshold, or check the sound", sampleId, n, placed.get()));
            }
            return uniform;
        }
        placed.incrementAndGet();
        var fits = Arrays.stream(found).filter(t -> t >= lo && t <= hi).toArray();
        var pool = fits.length > 0 ? fits : found;
        return pool[rng.nextInt(pool.length)];
    }

    /** The onsets found before in the same sample's whole sound with the same settings, else {@link #find}. */
    private double[] kept(Onsets onsets, Object media, double uniform, String sampleId) {
        var before = kept.get(sampleId);
        if (before != null && before.onsets().equals(onsets)) {
            return before.times();
        }
        var found = find(onsets, media, uniform);
        if (searchedWhole(media) && kept.size() < KEPT) {
            kept.put(sampleId, new Found(onsets, found));
        }
        return found;
    }

    /** Whether {@link #find} searches the whole sound, not a stretch around the uniform anchor. */
    private static boolean searchedWhole(Object media) {
        return media instanceof Audio || media instanceof Timed t && t.durationSeconds() <= AudioTimeline.WHOLE_SECONDS;
    }

    /** The onsets of the sound around {@code uniform}, in seconds on the media's timeline. */
    private static double[] find(Onsets onsets, Object media, double uniform) {
        double duration;
        int rate;
        if (media instanceof Sound sound) {
            duration = sound.durationSeconds();
            rate = sound.sampleRate();
        } else if (media instanceof Video video && video.hasAudio()) {
            duration = video.durationSeconds();
            rate = VIDEO_RATE;
        } else {
            return new double[0];
        }
        double start = 0;
        double seconds = duration;
        if (!searchedWhole(media)) {
            seconds = SEARCH_SECONDS;
            start = Math.max(0, Math.min(duration - seconds, uniform - seconds / 2));
        }
        int length = Audio.samplesIn(seconds, rate);
        float[] samples = media instanceof Sound sound ? sound.window(start, length)
                : ((Video) media).audioWindow(start, seconds, rate).samples();
        double offset = start;
        return Arrays.stream(onsets.find(samples, rate)).map(t -> t + offset).toArray();
    }
}
