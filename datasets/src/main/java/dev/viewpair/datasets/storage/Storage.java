package dev.viewpair.datasets.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A file system that datasets are read from by URI ({@code hdfs://…}, {@code s3a://…}): what a source needs to list
 * a folder, read a manifest and the media it names, and hand FFmpeg a seekable copy of a video. Paths of this
 * machine are read with java.nio as before; a storage for a URI scheme comes from a {@link Provider} found with
 * {@link ServiceLoader} (the Hadoop one is in {@code viewpair-spark}), so this module depends on no file
 * system library.
 */
public interface Storage {
    /**
     * The files under a folder, at any depth (not the folders themselves), as paths relative to it with {@code /}
     * separators, in no particular order.
     *
     * @throws IOException when the folder cannot be listed
     */
    List<String> files(URI folder) throws IOException;

    /** Whether a file is at the location. */
    boolean isFile(URI location) throws IOException;

    /** Whether a folder is at the location. */
    boolean isFolder(URI location) throws IOException;

    /**
     * The file's bytes, from the start.
     *
     * @throws java.io.FileNotFoundException when there is no such file
     */
    InputStream open(URI location) throws IOException;

    /** The whole file. */
    default byte[] read(URI location) throws IOException {
        try (var in = open(location)) {
            return in.readAllBytes();
        }
    }

    /**
     * A copy of the file in this machine's temporary folder, with the file's extension, for readers that seek (FFmpeg
     * in a video): the caller deletes it.
     */
    default Path localCopy(URI location) throws IOException {
        var name = location.getPath();
        int dot = name.lastIndexOf('.');
        var copy = Files.createTempFile("viewpair-", dot > name.lastIndexOf('/') ? name.substring(dot) : "");
        try (var in = open(location)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }

    /** Makes storages for URI schemes; listed in {@code META-INF/services/dev.viewpair.datasets.storage.Storage$Provider}. */
    interface Provider {
        /** What it reads, for messages: "Hadoop (hdfs, s3a, … any scheme its configuration knows)". */
        String describe();

        /** A storage that reads this location, or empty when its scheme is not one this provider knows. */
        Optional<Storage> storage(URI location);
    }

    /**
     * Whether a dataset location is a URI with a scheme ({@code hdfs://…}, {@code file:/…}) rather than a path; one
     * letter before the colon is a Windows drive ({@code C:\data}), not a scheme.
     */
    static boolean isUri(String location) {
        return location.matches("(?s)[a-zA-Z][a-zA-Z0-9+.-]+:.*");
    }

    /** The storage that reads this URI, from the first installed provider that knows its scheme. */
    static Optional<Storage> of(URI location) {
        for (var provider : ServiceLoader.load(Provider.class)) {
            var storage = provider.storage(location);
            if (storage.isPresent()) {
                return storage;
            }
        }
        return Optional.empty();
    }

    /**
     * The storage that reads this URI.
     *
     * @throws IllegalArgumentException naming the URI and what to do, when no installed provider knows its scheme
     */
    static Storage require(URI location) {
        return of(location).orElseThrow(() -> new IllegalArgumentException(unreadable(location)));
    }

    /** Why no storage reads a URI, and what to do: for messages when {@link #of} finds none. */
    static String unreadable(URI location) {
        var installed = new ArrayList<String>();
        ServiceLoader.load(Provider.class).forEach(p -> installed.add(p.describe()));
        return installed.isEmpty()
                ? "no file system for '" + location.getScheme() + ":' URIs is installed (" + location + "): datasets are read by"
                        + " URI through Hadoop, in the Spark module (viewpair-spark) — run ./viewpair preprocess with"
                        + " --engine spark, or give a path of this machine"
                : "no installed file system reads '" + location.getScheme() + ":' URIs (" + location + "; installed: "
                        + String.join(", ", installed) + ") — check the scheme, or configure Hadoop for it (fs."
                        + location.getScheme() + ".impl)";
    }

    /** How a URI is written in messages and reports: scheme, authority and path, unescaped. */
    static String display(URI location) {
        return location.getScheme() + ":" + (location.getRawAuthority() != null ? "//" + location.getAuthority() : "")
                + location.getPath();
    }
}
