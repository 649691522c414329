package dev.viewpair.datasets.split;

import dev.viewpair.datasets.Source;
import dev.viewpair.views.Rng;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * Assigns samples to named splits ({@code train: 0.9, test: 0.1}) by their id alone: the assignment depends
 * on nothing but (id, seed, fractions), so a sample keeps its split when the dataset grows, shrinks or is
 * reordered, on every machine.
 *
 * <p>Each id gets a uniform draw in [0, 1) from {@link Rng#forView} at epoch −1, a stream no training epoch
 * uses; the splits cover [0, 1) in consecutive intervals of their fractions, in alphabetical order of their
 * names, so the map's iteration order does not matter.
 */
public final class Splits {
    private static final double TOLERANCE = 1e-6;

    private final long seed;
    private final List<String> names;
    private final double[] upperBounds;

    private Splits(long seed, List<String> names, double[] upperBounds) {
        this.seed = seed;
        this.names = names;
        this.upperBounds = upperBounds;
    }

    /**
     * Splits with the given fractions.
     *
     * @param fractions split name → fraction of the samples; each in [0, 1], summing to 1 within 1e-6
     * @throws IllegalArgumentException when a name is blank or the fractions are out of range or do not sum to 1
     */
    public static Splits of(Map<String, Double> fractions, long seed) {
        if (fractions.isEmpty()) {
            throw new IllegalArgumentException("no splits given; name at least one, e.g. {train: 0.9, test: 0.1}");
        }
        var sorted = new TreeMap<String, Double>();
        double sum = 0;
        for (var entry : fractions.entrySet()) {
            var name = entry.getKey();
            var fraction = entry.getValue();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a split has no name; name each split, e.g. {train: 0.9, test: 0.1}");
            }
            if (fraction == null || !(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("split '" + name + "' has fraction " + fraction + "; each fraction must be between 0 and 1");
            }
            sorted.put(name, fraction);
            sum += fraction;
        }
        if (Math.abs(sum - 1) > TOLERANCE) {
            throw new IllegalArgumentException("split fractions " + sorted + " sum to " + sum + ", not 1; adjust them so they add up to 1");
        }
        var names = List.copyOf(sorted.keySet());
        var upperBounds = new double[names.size()];
        double cumulative = 0;
        for (int k = 0; k < names.size(); k++) {
            cumulative += sorted.get(names.get(k));
            upperBounds[k] = cumulative;
        }
        // The last interval ends at 1 exactly, so rounding in the sum can leave no draw unassigned.
        upperBounds[names.size() - 1] = 1;
        return new Splits(seed, names, upperBounds);
    }

    /** The split names, alphabetically. */
    public List<String> names() {
        return names;
    }

    /** The split a sample id belongs to. */
    public String assign(String id) {
        double u = Rng.forView(seed, -1, id, "split").uniform();
        for (int k = 0; k < names.size(); k++) {
            if (u < upperBounds[k]) {
                return names.get(k);
            }
        }
        return names.get(names.size() - 1);
    }

    /**
     * The samples of {@code source} that belong to split {@code name}, in the source's order. This reads every
     * sample's id once.
     *
     * @throws IllegalArgumentException when {@code name} is not one of the splits
     */
    public SplitSource select(Source source, String name) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("no split named '" + name + "'; the splits are " + names);
        }
        long[] indices = LongStream.range(0, source.size()).filter(i -> assign(source.get(i).id()).equals(name)).toArray();
        return new SplitSource(source, name, indices);
    }
}
