package dev.viewpair.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A family's members by name, in the order they were declared: what validation looks names up in, what
 * listings and docs print, and where the run finds how to build one.
 *
 * @param <E> the family's entry type
 */
public final class Catalog<E extends Entry> {
    private final String family;
    private final Map<String, E> entries;

    /**
     * @param family how messages name a member of the family: {@code bound}, {@code encoder type}
     * @throws IllegalStateException when two entries share a name
     */
    public Catalog(String family, List<E> entries) {
        this.family = family;
        var byName = new LinkedHashMap<String, E>();
        for (var e : entries) {
            if (byName.putIfAbsent(e.name(), e) != null) {
                throw new IllegalStateException(family + " '" + e.name() + "' is declared twice");
            }
        }
        this.entries = Collections.unmodifiableMap(byName);
    }

    /** How messages name a member: {@code bound}. */
    public String family() {
        return family;
    }

    /** The member of this name, if any. */
    public Optional<E> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /**
     * The member of this name.
     *
     * @throws IllegalArgumentException naming the unknown name and the closest known one, or all of them
     */
    public E get(String name) {
        var e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown " + family + " '" + name + "': " + unknownHint(name));
        }
        return e;
    }

    /** The names, in declaration order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The members, in declaration order. */
    public Collection<E> entries() {
        return entries.values();
    }

    /** What to tell a user who gave an unknown name: the closest known name, or all of them. */
    public String unknownHint(String name) {
        var suggestion = Suggest.closest(name, entries.keySet());
        return suggestion != null ? "did you mean '" + suggestion + "'?" : "known: " + String.join(", ", entries.keySet());
    }
}
