package dev.viewpair.datasets;

import dev.viewpair.views.Modality;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The samples of a source that holds them all in memory (manifests, folder trees), with what the
 * {@link Source} methods need: bounds-checked access and a one-line description.
 *
 * @param kind the source kind for messages ({@code manifest}, {@code jsonl}, {@code folder})
 * @param where the file or folder the samples were read from (a path, or a URI), as messages show it
 * @param samples the samples, in the source's order
 */
public record SampleList(String kind, String where, List<Sample> samples) {
    public SampleList {
        samples = List.copyOf(samples);
    }

    /** The samples read from a file or folder of this machine. */
    public SampleList(String kind, Path where, List<Sample> samples) {
        this(kind, where.toString(), samples);
    }

    public long size() {
        return samples.size();
    }

    public Sample get(long i) {
        if (i < 0 || i >= samples.size()) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + samples.size() + " in " + where);
        }
        return samples.get((int) i);
    }

    /** The modalities at least one sample has. */
    public Set<Modality> modalities() {
        var present = EnumSet.noneOf(Modality.class);
        samples.forEach(s -> present.addAll(s.media().keySet()));
        return present;
    }

    /** "manifest data/m.csv (2000 samples; image, audio)". */
    public String describe() {
        var media = modalities().stream().map(Modality::recipeName).collect(Collectors.joining(", "));
        return kind + " " + where + " (" + samples.size() + " samples; " + media + ")";
    }

    /** A {@link Source} whose samples are a {@link SampleList}: the list answers for it. */
    public interface Backed extends Source {
        SampleList list();

        @Override
        default long size() {
            return list().size();
        }

        @Override
        default Sample get(long i) {
            return list().get(i);
        }

        @Override
        default String describe() {
            return list().describe();
        }
    }
}
