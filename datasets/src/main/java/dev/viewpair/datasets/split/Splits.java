package dev.viewpair.datasets.split;

import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.views.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic train/validation/test splits: a sample goes to a split by a hash of (seed, sample id),
 * so adding or removing other samples never moves it, and the same seed always gives the same split.
 */
public final class Splits {
    private final Map<String, Double> fractions;
    private final long seed;

    private Splits(Map<String, Double> fractions, long seed) {
        this.fractions = fractions;
        this.seed = seed;
    }

    /**
     * @param fractions split name → fraction, in a fixed order; fractions in (0, 1] adding up to 1
     * @throws IllegalArgumentException when they do not
     */
    public static Splits of(Map<String, Double> fractions, long seed) {
        double sum = 0;
        for (var e : fractions.entrySet()) {
            if (!(e.getValue() > 0 && e.getValue() <= 1)) {
                throw new IllegalArgumentException("split '" + e.getKey() + "' has fraction " + e.getValue() + "; give a number in (0, 1]");
            }
            sum += e.getValue();
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("split fractions add up to " + sum + ", not 1: " + fractions);
        }
        return new Splits(new LinkedHashMap<>(fractions), seed);
    }

    /** The split a sample id belongs to. */
    public String assign(String sampleId) {
        double u = Rng.forView(seed, 0, sampleId, "split").uniform();
        double edge = 0;
        String last = null;
        for (var e : fractions.entrySet()) {
            edge += e.getValue();
            last = e.getKey();
            if (u < edge) {
                return last;
            }
        }
        return last; // u within rounding of 1
    }

    /** The samples of one split, in the source's order. */
    public Source select(Source source, String split) {
        if (!fractions.containsKey(split)) {
            throw new IllegalArgumentException("no split '" + split + "'; splits: " + String.join(", ", fractions.keySet()));
        }
        var members = new ArrayList<Long>();
        for (long i = 0; i < source.size(); i++) {
            if (assign(source.get(i).id()).equals(split)) {
                members.add(i);
            }
        }
        return new Subset(source, split, List.copyOf(members));
    }

    private record Subset(Source source, String split, List<Long> members) implements Source {
        @Override
        public long size() {
            return members.size();
        }

        @Override
        public Sample get(long i) {
            return source.get(members.get((int) i));
        }

        @Override
        public String describe() {
            return source.describe() + " [" + split + "]";
        }
    }
}
