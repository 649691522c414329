package dev.viewpair.views.catalog;

import dev.viewpair.views.audio.AudioOps;
import dev.viewpair.views.image.ImageOps;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every op a recipe can name, by name. {@link #standard()} holds the image and audio catalogues. */
public final class OpCatalog {
    private final Map<String, OpDescriptor> ops = new LinkedHashMap<>();

    private OpCatalog(List<OpDescriptor> descriptors) {
        for (var d : descriptors) {
            if (ops.put(d.name(), d) != null) {
                throw new IllegalStateException("op '" + d.name() + "' is declared twice");
            }
        }
    }

    private static final OpCatalog STANDARD = of(ImageOps.descriptors(), AudioOps.descriptors());

    /** The built-in catalogue. */
    public static OpCatalog standard() {
        return STANDARD;
    }

    @SafeVarargs
    public static OpCatalog of(List<OpDescriptor>... families) {
        var all = new java.util.ArrayList<OpDescriptor>();
        for (var f : families) {
            all.addAll(f);
        }
        return new OpCatalog(all);
    }

    public Optional<OpDescriptor> find(String name) {
        return Optional.ofNullable(ops.get(name));
    }

    public Collection<String> names() {
        return Collections.unmodifiableSet(ops.keySet());
    }

    public Collection<OpDescriptor> descriptors() {
        return Collections.unmodifiableCollection(ops.values());
    }
}
