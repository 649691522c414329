package dev.viewpair.datasets.folder;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.SampleList;
import dev.viewpair.views.Modality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The files under {@code root} of the given modalities.
     *
     * @throws IllegalArgumentException when {@code root} is not a folder or holds no such file
     * @throws IOException when the tree cannot be listed
     */
    public static FolderSource open(Path root, Set<Modality> only) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a folder; a folder dataset is root/<label>/<file>");
        }
        var base = root.toAbsolutePath().normalize();
        var samples = new ArrayList<Sample>();
        try (var files = Files.walk(base)) {
            for (var file : files.filter(p -> !isHidden(base, p) && Files.isRegularFile(p)).toList()) {
                var modality = modalityOf(file);
                if (modality.isPresent() && only.contains(modality.get())) {
                    var relative = base.relativize(file);
                    var label = relative.getNameCount() > 1 ? relative.getName(0).toString() : null;
                    var id = relative.toString().replace('\\', '/');
                    samples.add(new Sample(id, Map.of(modality.get(), new MediaRef.FileMedia(file)), label, Map.of()));
                }
            }
        }
        if (samples.isEmpty()) {
            var kinds = only.stream().map(Modality::recipeName).collect(Collectors.joining(" or "));
            throw new IllegalArgumentException(root + " holds no " + kinds + " files (by extension: " + extensionsOf(only)
                    + "); a folder dataset is root/<label>/<file>");
        }
        samples.sort(Comparator.comparing(Sample::id));
        return new FolderSource(root, Set.copyOf(only), List.copyOf(samples));
    }

    /** The modality a file's extension names (case-insensitive), or empty for another extension. */
    public static Optional<Modality> modalityOf(Path file) {
        var name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
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
