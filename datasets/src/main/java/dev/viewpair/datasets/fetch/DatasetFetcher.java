package dev.viewpair.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Downloads (or copies from a local folder) the files of a published dataset, each verified by SHA-256 before
 * it takes its final name: bytes go to {@code NAME.part} and are renamed only once their hash matches; a file
 * already present with the right hash is left alone.
 *
 * <p>A gzipped file is accepted when its own bytes have the published SHA-256, or when what it decompresses to
 * has the SHA-256 of the published file's content: repackagers (Debian's {@code dataset-fashion-mnist}) rewrite
 * the gzip header but keep the data, and what a reader sees is the content.
 */
public final class DatasetFetcher {
    /** Where Zalando publishes Fashion-MNIST. */
    public static final URI FASHION_MNIST_URL = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /**
     * The four Fashion-MNIST files. How the hashes were established (2026-11-27): the official MD5s are those of
     * Zalando's README and torchvision 0.14's {@code FashionMNIST.resources}. The two label files in Zalando's git
     * repository ({@code data/fashion/}) have those MD5s. Debian's {@code dataset-fashion-mnist} (0.0~git20200523)
     * ships all four with a rewritten gzip header (no file name, its own mtime) but byte-identical deflate streams:
     * putting back the original header (file name; the label files' mtime, 2017-08-31, for the image files too)
     * rebuilt all four files with exactly the official MD5s. Their SHA-256 ({@code sha256sum}) are the first
     * constants here, and agree with TensorFlow Datasets' {@code url_checksums/fashion_mnist.txt}; the second are
     * {@code zcat FILE | sha256sum} of the same files (Debian's give the same).
     */
    public static final List<KnownFile> FASHION_MNIST_FILES = List.of(
            new KnownFile("train-images-idx3-ubyte.gz",
                    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new KnownFile("train-labels-idx1-ubyte.gz",
                    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new KnownFile("t10k-images-idx3-ubyte.gz",
                    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new KnownFile("t10k-labels-idx1-ubyte.gz",
                    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    /** Where Debian's {@code dataset-*} packages put their files: {@code /usr/share/datasets/NAME}. */
    public static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    private static final int BUFFER = 1 << 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String dataset;
    private final List<KnownFile> files;

    /**
     * A fetcher for some files (tests name their own).
     *
     * @param dataset the dataset's name, for messages
     * @param files the files and their hashes
     */
    DatasetFetcher(String dataset, List<KnownFile> files) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.files = List.copyOf(files);
    }

    /** The fetcher of Fashion-MNIST's {@link #FASHION_MNIST_FILES}. */
    public static DatasetFetcher fashionMnist() {
        return new DatasetFetcher("fashion-mnist", FASHION_MNIST_FILES);
    }

    /**
     * Debian's copy of this dataset ({@code apt-get install dataset-NAME}) under {@code root}
     * ({@link #DEBIAN_DATASETS}), when it holds every file: what {@code fetch} copies instead of downloading.
     */
    public Optional<Path> debianCopy(Path root) {
        var folder = root.resolve(dataset);
        return files.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f.name()))) ? Optional.of(folder) : Optional.empty();
    }

    /** The files this fetcher gets. */
    public List<KnownFile> files() {
        return files;
    }

    /**
     * Downloads every file that {@code out} does not already hold with the right hash from {@code base + name}.
     *
     * @param base the folder URL ({@code http://host/path/}; a missing final slash is added)
     * @param out the folder to write (created when missing)
     * @param listener told how the bytes of each file arrive
     * @return one outcome per file, in order
     * @throws FetchException when a server is unreachable or answers with an error, or a file's hash is wrong; the
     *     file being fetched is deleted, files verified before it stay
     */
    public List<Fetched> download(URI base, Path out, Listener listener) throws IOException {
        var folder = base.toString().endsWith("/") ? base : URI.create(base + "/");
        var client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(TIMEOUT).build();
        return fetchAll(out, Fetched.Action.DOWNLOADED, file -> {
            var url = folder.resolve(file.name());
            var request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new FetchException("could not reach " + url + " (" + e + "); is this machine offline? Copy a local"
                        + " copy with --from DIR instead (Debian: apt-get install " + debianPackage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException("interrupted while downloading " + url);
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new FetchException(url + " answered HTTP " + response.statusCode() + "; check the base URL (it must"
                        + " hold " + names() + ")");
            }
            long length = response.headers().firstValueAsLong("content-length").orElse(-1);
            return new Origin(url.toString(), response.body(), length);
        }, listener);
    }

    /**
     * Copies every file that {@code out} does not already hold with the right hash from a local folder (a
     * mirror, or Debian's package), verifying each.
     *
     * @throws FetchException when {@code from} lacks a file or a file's hash is wrong
     */
    public List<Fetched> copy(Path from, Path out, Listener listener) throws IOException {
        return fetchAll(out, Fetched.Action.COPIED, file -> {
            var source = from.resolve(file.name());
            try {
                return new Origin(source.toString(), Files.newInputStream(source), Files.size(source));
            } catch (NoSuchFileException e) {
                throw new FetchException(from + " has no " + file.name() + "; give the folder that holds " + names());
            }
        }, listener);
    }

    private List<Fetched> fetchAll(Path out, Fetched.Action action, Opener opener, Listener listener) throws IOException {
        Files.createDirectories(out);
        var outcomes = new ArrayList<Fetched>();
        for (var file : files) {
            var target = out.resolve(file.name());
            if (Files.isRegularFile(target) && verify(file, target).accepted()) {
                outcomes.add(new Fetched(file.name(), target, Fetched.Action.ALREADY_PRESENT));
                continue;
            }
            var part = out.resolve(file.name() + ".part");
            try {
                var origin = opener.open(file);
                try (var in = origin.body(); var os = Files.newOutputStream(part)) {
                    transfer(file.name(), in, os, origin.length(), listener);
                } catch (IOException e) {
                    throw new FetchException(file.name() + " from " + origin.where() + ": the transfer failed (" + e
                            + "); run the command again");
                }
                var check = verify(file, part);
                if (!check.accepted()) {
                    throw new FetchException(file.name() + " from " + origin.where() + " has SHA-256 " + check.actual()
                            + ", expected " + file.sha256() + " (or gzipped content with SHA-256 " + file.contentSha256()
                            + "); the file was deleted. The transfer was damaged or the source holds other data: run again,"
                            + " or fetch from another copy (--base-url URL, --from DIR)");
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
            outcomes.add(new Fetched(file.name(), target, action));
        }
        return outcomes;
    }

    private static void transfer(String name, InputStream in, OutputStream out, long length, Listener listener) throws IOException {
        var buffer = new byte[BUFFER];
        long done = 0;
        listener.progress(name, 0, length);
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            done += n;
            listener.progress(name, done, length);
        }
    }

    /** The file's SHA-256, and whether it or (for a gzip file) its content matches the published hashes. */
    static Check verify(KnownFile file, Path path) throws IOException {
        String actual;
        try (var in = Files.newInputStream(path)) {
            actual = sha256(in);
        }
        if (actual.equals(file.sha256())) {
            return new Check(true, actual);
        }
        if (file.contentSha256() == null) {
            return new Check(false, actual);
        }
        try (var in = new GZIPInputStream(Files.newInputStream(path), BUFFER)) {
            return new Check(sha256(in).equals(file.contentSha256()), actual);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            return new Check(false, actual); // not (complete) gzip: only the file's own hash could have matched
        }
    }

    /** The lowercase hex SHA-256 of a stream's bytes. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        var buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String names() {
        return String.join(", ", files.stream().map(KnownFile::name).toList());
    }

    private String debianPackage() {
        return "dataset-" + dataset + "; its files are in " + DEBIAN_DATASETS.resolve(dataset);
    }

    /** A verification: whether the file is accepted, and its own SHA-256. */
    record Check(boolean accepted, String actual) {}

    /** Where one file's bytes come from: a description for messages, the stream, its length or −1. */
    private record Origin(String where, InputStream body, long length) {}

    @FunctionalInterface
    private interface Opener {
        Origin open(KnownFile file) throws IOException;
    }

    /**
     * One file of a published dataset.
     *
     * @param name the file name, on the server and on disk
     * @param sha256 the published file's SHA-256, lowercase hex
     * @param contentSha256 for a gzip file, the SHA-256 of what it decompresses to (accepted from repackaged
     *     copies); {@code null} when only the file's own hash counts
     */
    public record KnownFile(String name, String sha256, String contentSha256) {
        public KnownFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /**
     * What happened to one file.
     *
     * @param name the file name
     * @param path where it is now
     * @param action how it got there
     */
    public record Fetched(String name, Path path, Action action) {
        /** How a file got to its place. */
        public enum Action {
            DOWNLOADED, COPIED, ALREADY_PRESENT
        }
    }

    /** Told how the bytes of a file arrive. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param file the file name
         * @param done bytes so far
         * @param total the file's length, or −1 when the server does not say
         */
        void progress(String file, long done, long total);
    }

    /** A file could not be fetched: the message names it and what to do. */
    public static final class FetchException extends IOException {
        public FetchException(String message) {
            super(message);
        }
    }
}
