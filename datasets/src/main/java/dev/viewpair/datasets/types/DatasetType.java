package dev.viewpair.datasets.types;

import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.storage.Storage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One dataset type of the catalogue ({@link DatasetTypes#standard()}): the name a recipe's {@code dataset.type} uses
 * and how to open a dataset of it.
 *
 * @param name the name a recipe uses ({@code manifest})
 * @param doc one line for listings and the tables in docs/
 * @param local opens a dataset on this machine's files
 * @param stored opens one read by URI through a storage, or {@code null} for a type read only from this machine
 * @param folder whether its {@code path} is a folder (else a file): what a storage checks before opening it
 */
public record DatasetType(String name, String doc, LocalOpener local, StoredOpener stored, boolean folder) implements Entry {
    /** Opens a dataset at a path of this machine. */
    @FunctionalInterface
    public interface LocalOpener {
        Source open(Path path, boolean allowOutsideRoot) throws IOException;
    }

    /** Opens a dataset by URI through the storage installed for its scheme. */
    @FunctionalInterface
    public interface StoredOpener {
        Source open(Storage storage, URI location, boolean allowOutsideRoot) throws IOException;
    }

    /** A dataset's settings (path, split, …) are the {@code dataset} section's, the same for every type. */
    @Override
    public List<Param> params() {
        return List.of();
    }

    /** How to open it by URI, if it can be. */
    public Optional<StoredOpener> byUri() {
        return Optional.ofNullable(stored);
    }
}
