package dev.viewpair.datasets.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A dataset's folder in a {@link Storage}, by URI: it resolves the media paths a manifest lists (relative to it, or
 * absolute on its file system, or whole URIs) and tells whether a file lies inside it, as
 * {@link dev.viewpair.datasets.DatasetRoot} does for a folder of this machine. File systems reached by URI are not
 * walked through symbolic links, so a normalized path is the whole story.
 *
 * @param uri the folder: a hierarchical URI whose path names it, with no trailing {@code /}
 */
public record StoredFolder(URI uri) {
    public StoredFolder {
        if (uri.getScheme() == null || uri.isOpaque() || uri.getPath() == null || uri.getPath().isEmpty()) {
            throw new IllegalArgumentException("'" + uri + "' is not a folder URI; write it as scheme://host/path or scheme:/path");
        }
        var path = uri.normalize().getPath();
        uri = at(uri, path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /** The folder a file (a manifest) is in. */
    public static StoredFolder of(URI file) {
        var path = file.normalize().getPath();
        return new StoredFolder(at(file, path.substring(0, Math.max(1, path.lastIndexOf('/')))));
    }

    /**
     * A media path of a manifest, resolved: a URI as it is, an absolute path on the folder's file system, a
     * relative path against the folder; normalized.
     *
     * @throws URISyntaxException when it is not a valid path or URI
     */
    public URI resolve(String path) throws URISyntaxException {
        if (Storage.isUri(path)) {
            return new URI(path).normalize();
        }
        var absolute = path.startsWith("/") ? path : (uri.getPath().equals("/") ? "" : uri.getPath()) + "/" + path;
        return new URI(uri.getScheme(), uri.getAuthority(), absolute, null, null).normalize();
    }

    /** The file at a path relative to the folder ({@code /} separators). */
    public URI child(String relative) {
        try {
            return resolve(relative);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + relative + "' under " + Storage.display(uri) + ": " + e.getReason(), e);
        }
    }

    /** Whether a (normalized) file lies inside the folder: same scheme and authority, and a path under its path. */
    public boolean contains(URI file) {
        var path = file.getPath();
        return file.getScheme() != null && file.getScheme().toLowerCase(Locale.ROOT).equals(uri.getScheme().toLowerCase(Locale.ROOT))
                && Objects.equals(file.getAuthority(), uri.getAuthority()) && path != null
                && path.startsWith(prefix()) && path.length() > prefix().length();
    }

    /** A file's path relative to the folder ({@code /} separators) when it lies inside, else its whole URI. */
    public String relative(URI file) {
        return contains(file) ? file.getPath().substring(prefix().length()) : Storage.display(file);
    }

    @Override
    public String toString() {
        return Storage.display(uri);
    }

    private String prefix() {
        return uri.getPath().equals("/") ? "/" : uri.getPath() + "/";
    }

    private static URI at(URI like, String path) {
        try {
            return new URI(like.getScheme(), like.getAuthority(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + like + "' is not a valid URI: " + e.getReason(), e);
        }
    }
}
