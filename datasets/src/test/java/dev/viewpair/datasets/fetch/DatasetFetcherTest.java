package dev.viewpair.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.viewpair.datasets.fetch.DatasetFetcher.Fetched.Action;
import dev.viewpair.datasets.fetch.DatasetFetcher.KnownFile;
import dev.viewpair.datasets.idx.IdxSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a real HTTP server the test starts, serving small gzipped IDX files the test writes. */
class DatasetFetcherTest {
    private static final String IMAGES = "train-images-idx3-ubyte.gz";
    private static final String LABELS = "train-labels-idx1-ubyte.gz";

    @TempDir
    Path dir;

    private HttpServer server;
    /** Path on the server → bytes served; a path not here answers 404. */
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private byte[] images;
    private byte[] labels;
    private DatasetFetcher fetcher;

    @BeforeEach
    void serveTwoIdxFiles() throws IOException {
        var pixels = new byte[3 * 4 * 5];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (17 * i + 3);
        }
        images = gzip(ByteBuffer.allocate(16 + pixels.length).putInt(0x803).putInt(3).putInt(4).putInt(5).put(pixels).array());
        labels = gzip(ByteBuffer.allocate(8 + 3).putInt(0x801).putInt(3).put(new byte[] {2, 0, 9}).array());
        served.put("/data/" + IMAGES, images);
        served.put("/data/" + LABELS, labels);
        fetcher = new DatasetFetcher("test-set", List.of(known(IMAGES, images), known(LABELS, labels)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            synchronized (requests) {
                requests.add(exchange.getRequestURI().getPath());
            }
            var body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/data");
    }

    /** The file's hash and its content's, computed here independently of the fetcher's own digest loop. */
    private static KnownFile known(String name, byte[] gz) throws IOException {
        var content = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
        return new KnownFile(name, hex(gz), hex(content));
    }

    private static String hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void downloadsEveryFileVerifiedWithProgressAndTheIdxReaderOpensThem() throws IOException {
        var out = dir.resolve("fm");
        var finalCounts = new ConcurrentHashMap<String, long[]>();
        var fetched = fetcher.download(base(), out, (file, done, total) -> finalCounts.put(file, new long[] {done, total}));
        assertEquals(List.of(Action.DOWNLOADED, Action.DOWNLOADED), fetched.stream().map(f -> f.action()).toList());
        assertArrayEquals(images, Files.readAllBytes(out.resolve(IMAGES)));
        assertArrayEquals(labels, Files.readAllBytes(out.resolve(LABELS)));
        assertArrayEquals(new long[] {images.length, images.length}, finalCounts.get(IMAGES));
        try (var left = Files.list(out)) {
            assertEquals(2, left.count(), "no .part file stays behind");
        }
        var source = IdxSource.open(out);
        assertEquals(3, source.size());
        assertEquals("9", source.get(2).label());
    }

    @Test
    void aWrongHashIsRefusedTheFileDeletedAndTheMessageSaysWhichAndBothHashes() throws IOException {
        var tampered = images.clone();
        tampered[tampered.length - 9] ^= 1; // a bit of the content: its CRC no longer matches either
        served.put("/data/" + IMAGES, tampered);
        var out = dir.resolve("fm");
        var e = assertThrows(DatasetFetcher.FetchException.class, () -> fetcher.download(base(), out, (f, d, t) -> {}));
        assertTrue(e.getMessage().startsWith(IMAGES + " from " + base() + "/" + IMAGES), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256 " + hex(tampered) + ", expected " + hex(images)), e.getMessage());
        assertTrue(e.getMessage().contains("deleted"), e.getMessage());
        assertFalse(Files.exists(out.resolve(IMAGES)));
        assertFalse(Files.exists(out.resolve(IMAGES + ".part")));
    }

    @Test
    void aRecompressedCopyWithTheSameContentIsAccepted() throws IOException {
        // same IDX bytes, other gzip header and compression level: what Debian's package does to the files
        var content = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(labels)).readAllBytes();
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            gz.write(content);
        }
        var repacked = out.toByteArray();
        repacked[4] = 42; // another mtime
        assumeTrue(!java.util.Arrays.equals(repacked, labels));
        var from = Files.createDirectories(dir.resolve("mirror"));
        Files.write(from.resolve(IMAGES), images);
        Files.write(from.resolve(LABELS), repacked);
        var fetched = fetcher.copy(from, dir.resolve("fm"), (f, d, t) -> {});
        assertEquals(List.of(Action.COPIED, Action.COPIED), fetched.stream().map(f -> f.action()).toList());
        assertArrayEquals(repacked, Files.readAllBytes(dir.resolve("fm").resolve(LABELS)));
    }

    @Test
    void filesAlreadyPresentWithTheRightHashAreNotDownloadedAgainButAWrongOneIs() throws IOException {
        var out = Files.createDirectories(dir.resolve("fm"));
        Files.write(out.resolve(IMAGES), images);
        Files.write(out.resolve(LABELS), new byte[] {1, 2, 3}); // a broken earlier attempt
        var fetched = fetcher.download(base(), out, (f, d, t) -> {});
        assertEquals(List.of(Action.ALREADY_PRESENT, Action.DOWNLOADED), fetched.stream().map(f -> f.action()).toList());
        assertEquals(List.of("/data/" + LABELS), requests);
        assertArrayEquals(labels, Files.readAllBytes(out.resolve(LABELS)));
    }

    @Test
    void aMissingFileOnTheServerIsAClearErrorNamingTheUrlAndStatus() {
        served.remove("/data/" + LABELS);
        var out = dir.resolve("fm");
        var e = assertThrows(DatasetFetcher.FetchException.class, () -> fetcher.download(base(), out, (f, d, t) -> {}));
        assertTrue(e.getMessage().startsWith(base() + "/" + LABELS + " answered HTTP 404; check the base URL"), e.getMessage());
        assertTrue(Files.exists(out.resolve(IMAGES)), "the file verified before the failure stays");
        assertFalse(Files.exists(out.resolve(LABELS + ".part")));
    }

    @Test
    void anUnreachableServerSaysToCopyALocalCopyInstead() throws IOException {
        var base = base();
        server.stop(0);
        var e = assertThrows(DatasetFetcher.FetchException.class, () -> fetcher.download(base, dir.resolve("fm"), (f, d, t) -> {}));
        assertTrue(e.getMessage().startsWith("could not reach " + base + "/" + IMAGES), e.getMessage());
        assertTrue(e.getMessage().contains("--from DIR"), e.getMessage());
    }

    @Test
    void aLocalFolderWithoutTheFilesIsAClearError() throws IOException {
        var empty = Files.createDirectories(dir.resolve("empty"));
        var e = assertThrows(DatasetFetcher.FetchException.class, () -> fetcher.copy(empty, dir.resolve("fm"), (f, d, t) -> {}));
        assertEquals(empty + " has no " + IMAGES + "; give the folder that holds " + IMAGES + ", " + LABELS, e.getMessage());
    }

    @Test
    void debiansCopyIsFoundOnlyWhenItHoldsEveryFile() throws IOException {
        var root = Files.createDirectories(dir.resolve("usr-share-datasets"));
        var folder = Files.createDirectories(root.resolve("test-set"));
        assertTrue(fetcher.debianCopy(root).isEmpty(), "an empty folder");
        Files.write(folder.resolve(IMAGES), images);
        assertTrue(fetcher.debianCopy(root).isEmpty(), "one file of two");
        Files.write(folder.resolve(LABELS), labels);
        assertEquals(folder, fetcher.debianCopy(root).orElseThrow());
        assertTrue(fetcher.debianCopy(dir.resolve("nowhere")).isEmpty());
    }

    /** The real constants accept Debian's repackaged Fashion-MNIST, where it is installed. */
    @Test
    void debiansFashionMnistPassesTheRealConstants() throws IOException {
        var debian = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isRegularFile(debian.resolve("t10k-labels-idx1-ubyte.gz")), "apt-get install dataset-fashion-mnist");
        var fashion = DatasetFetcher.fashionMnist();
        for (var file : fashion.files()) {
            var check = DatasetFetcher.verify(file, debian.resolve(file.name()));
            assertTrue(check.accepted(), file.name() + " " + check.actual());
            // Debian rewrote the gzip header, so only the content hash can have matched
            assertFalse(check.actual().equals(file.sha256()), file.name());
        }
    }
}
