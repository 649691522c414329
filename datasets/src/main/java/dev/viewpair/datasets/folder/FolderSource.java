package dev.viewpair.datasets.folder;

import dev.viewpair.datasets.DatasetRoot;
import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.SampleList;
import dev.viewpair.datasets.storage.Storage;
import dev.viewpair.datasets.storage.StoredFolder;
import dev.viewpair.views.Modality;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A dataset that is a folder tree, one class per subfolder ({@code root/<label>/<file>}, as torchvision's
 * {@code ImageFolder}): one sample per media file, of the modality its extension names (images: jpg jpeg png
 * bmp webp tif tiff; audio: wav flac mp3 ogg opus m4a aac; video: mp4 mkv avi mov webm). The label is the
 * top-level subfolder's name (files deeper down belong to it too); files directly under the root have none.
 * The id is the path relative to the root with {@code /} separators, so it survives moving the tree.
 *
 * <p>Samples are in the order of their ids (sorted), so the same tree gives the same dataset on every OS.
 * Hidden files and folders (names starting with {@code .}) and files of other extensions are skipped.
 * Symbolic links are followed within the root; one that leads out of it is refused (see {@link DatasetRoot}).
 */
public final class FolderSource implements SampleList.Backed {
    private static final Map<String, Modality> EXTENSIONS = extensions();

    private final Path root;
    private final Set<Modality> only;
    private final SampleList list;

    private FolderSource(Path root, Set<Modality> only, List<Sample> samples) {
        this.root = root;
        this.only = only;
        this.list = new SampleList(only.equals(Set.of(Modality.VIDEO)) ? "video_folder" : "folder", root, samples);
    }

    /** Every image, audio and video file under {@code root}. */
    public static FolderSource open(Path root) throws IOException {
        return open(root, EnumSet.allOf(Modality.class));
    }

    /** The video files under {@code root} only (the recipe type {@code video_folder}). */
    public static FolderSource videos(Path root) throws IOException {
        return open(root, EnumSet.of(Modality.VIDEO));
    }

    /** The files under {@code root} of the given modalities, all inside it. */
    public static FolderSource open(Path root, Set<Modality> only) throws IOException {
        return open(root, only, false);
    }

    /**
     * The files under {@code root} of the given modalities. Symbolic links are followed (a link to a file is a
     * sample under the link's name, a link to a folder is walked; a loop is walked once); a link whose target
     * lies outside the root is refused unless {@code allowOutsideRoot}. A link whose target is missing is kept:
     * reading it fails later as a bad input.
     *
     * @throws IllegalArgumentException when {@code root} is not a folder, holds no such file, or links out of
     *     itself without {@code allowOutsideRoot}
     * @throws IOException when the tree cannot be listed
     */
    public static FolderSource open(Path root, Set<Modality> only, boolean allowOutsideRoot) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a folder; a folder dataset is root/<label>/<file>");
        }
        var guard = new DatasetRoot(root);
        var base = guard.path();
        var samples = new ArrayList<Sample>();
        Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(base) || !isHidden(base, dir) && inside(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                // a link whose target is missing arrives with the link's own attributes
                var modality = modalityOf(file);
                if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && !isHidden(base, file) && modality.isPresent()
                        && only.contains(modality.get()) && inside(file)) {
                    var id = base.relativize(file).toString().replace('\\', '/');
                    samples.add(sample(id, modality.get(), new MediaRef.FileMedia(file)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE; // a link to a folder above it: its files are listed already
                }
                throw e;
            }

            private boolean inside(Path p) {
                var escape = allowOutsideRoot ? Optional.<Path>empty() : guard.escape(p);
                if (escape.isPresent()) {
                    throw new IllegalArgumentException(p + " is a symbolic link to " + escape.get() + ", outside the dataset folder "
                            + base + " — " + DatasetRoot.HOW_TO_ALLOW + ", or copy the files in");
                }
                return true;
            }
        });
        return new FolderSource(root, Set.copyOf(only), sorted(root.toString(), only, samples));
    }

    /**
     * The files of the given modalities under a folder in a {@link Storage} ({@code hdfs://…/images}), read through
     * it; the rules are those of a folder of this machine (a storage's file systems are not walked through links,
     * so every file listed lies inside the folder).
     *
     * @throws IllegalArgumentException when {@code root} is not a folder or holds no such file
     * @throws IOException when the tree cannot be listed
     */
    public static SampleList.Backed open(Storage storage, URI root, Set<Modality> only) throws IOException {
        var folder = new StoredFolder(root);
        if (!storage.isFolder(folder.uri())) {
            throw new IllegalArgumentException(folder + " is not a folder; a folder dataset is root/<label>/<file>");
        }
        var samples = new ArrayList<Sample>();
        for (var id : storage.files(folder.uri())) {
            var modality = modalityOf(id);
            if (!isHidden(id) && modality.isPresent() && only.contains(modality.get())) {
                samples.add(sample(id, modality.get(), new MediaRef.StoredMedia(storage, folder.child(id))));
            }
        }
        var list = new SampleList(only.equals(Set.of(Modality.VIDEO)) ? "video_folder" : "folder", folder.toString(),
                sorted(folder.toString(), only, samples));
        return () -> list;
    }

    /** One file's sample: its id is its path under the root, its label the top-level folder it is in. */
    private static Sample sample(String id, Modality modality, MediaRef media) {
        int slash = id.indexOf('/');
        return new Sample(id, Map.of(modality, media), slash > 0 ? id.substring(0, slash) : null, Map.of());
    }

    /** The samples in the order of their ids, refused when there are none. */
    private static List<Sample> sorted(String root, Set<Modality> only, List<Sample> samples) {
        if (samples.isEmpty()) {
            var kinds = only.stream().map(Modality::recipeName).collect(Collectors.joining(" or "));
            throw new IllegalArgumentException(root + " holds no " + kinds + " files (by extension: " + extensionsOf(only)
                    + "); a folder dataset is root/<label>/<file>");
        }
        samples.sort(Comparator.comparing(Sample::id));
        return List.copyOf(samples);
    }

    /** The modality a file's extension names (case-insensitive), or empty for another extension. */
    public static Optional<Modality> modalityOf(Path file) {
        return modalityOf(file.getFileName().toString());
    }

    private static Optional<Modality> modalityOf(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < name.lastIndexOf('/')) {
            return Optional.empty();
        }
        return dot < 0 ? Optional.empty() : Optional.ofNullable(EXTENSIONS.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    @Override
    public SampleList list() {
        return list;
    }

    /** The root folder. */
    public Path root() {
        return root;
    }

    /** The modalities at least one file has. */
    public Set<Modality> modalities() {
        return list.modalities();
    }

    private static boolean isHidden(Path base, Path p) {
        for (var part : base.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHidden(String relative) {
        return relative.startsWith(".") || relative.contains("/.");
    }

    private static String extensionsOf(Set<Modality> only) {
        return EXTENSIONS.entrySet().stream().filter(e -> only.contains(e.getValue())).map(Map.Entry::getKey)
                .sorted().collect(Collectors.joining(" "));
    }

    private static Map<String, Modality> extensions() {
        var map = new HashMap<String, Modality>();
        List.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff").forEach(e -> map.put(e, Modality.IMAGE));
        List.of("wav", "flac", "mp3", "ogg", "opus", "m4a", "aac").forEach(e -> map.put(e, Modality.AUDIO));
        List.of("mp4", "mkv", "avi", "mov", "webm").forEach(e -> map.put(e, Modality.VIDEO));
        return Map.copyOf(map);
    }
}
