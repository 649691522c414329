package dev.viewpair.views.catalog;

import dev.viewpair.views.audio.AudioOps;
import dev.viewpair.views.image.ImageOps;
import dev.viewpair.views.video.VideoOps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every op a recipe can name, by name. One name may serve several stages ({@code normalize} of an
 * image and of a spectrogram), never twice the same stage. {@link #standard()} holds the image,
 * audio and video catalogues.
 */
public final class OpCatalog {
    private final Map<String, List<OpDescriptor>> ops = new LinkedHashMap<>();

    private OpCatalog(List<OpDescriptor> descriptors) {
        for (var d : descriptors) {
            var same = ops.computeIfAbsent(d.name(), k -> new ArrayList<>());
            if (same.stream().anyMatch(o -> o.input() == d.input())) {
                throw new IllegalStateException("op '" + d.name() + "' is declared twice for " + d.input());
            }
            same.add(d);
        }
    }

    private static final OpCatalog STANDARD = of(ImageOps.descriptors(), AudioOps.descriptors(), VideoOps.descriptors());

    /** The built-in catalogue. */
    public static OpCatalog standard() {
        return STANDARD;
    }

    @SafeVarargs
    public static OpCatalog of(List<OpDescriptor>... families) {
        var all = new ArrayList<OpDescriptor>();
        for (var f : families) {
            all.addAll(f);
        }
        return new OpCatalog(all);
    }

    /** The op of this name that takes this stage. */
    public Optional<OpDescriptor> find(String name, Stage input) {
        return ops.getOrDefault(name, List.of()).stream().filter(d -> d.input() == input).findFirst();
    }

    /** Every op of this name, whatever stage it takes (empty when the name is unknown). */
    public List<OpDescriptor> find(String name) {
        return Collections.unmodifiableList(ops.getOrDefault(name, List.of()));
    }

    public Collection<String> names() {
        return Collections.unmodifiableSet(ops.keySet());
    }

    public List<OpDescriptor> descriptors() {
        return ops.values().stream().flatMap(List::stream).toList();
    }
}
