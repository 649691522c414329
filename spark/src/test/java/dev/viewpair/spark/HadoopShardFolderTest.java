package dev.viewpair.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Hadoop folder on {@code file:} URIs: what {@code ShardWriter} relies on, and the trip to an executor. */
class HadoopShardFolderTest {
    @TempDir
    Path dir;

    @Test
    void writesRenamesOverAnOldFileAndReadsBack() throws Exception {
        var target = dir.resolve("new/shards");
        var folder = new HadoopShardFolder(target.toUri(), new Configuration());
        assertEquals(-1, folder.size("a.npy"));
        assertThrows(IOException.class, () -> folder.open("a.npy"));

        write(folder, "a.npy.tmp", "first");
        folder.commit("a.npy.tmp", "a.npy");
        write(folder, "a.npy.tmp", "second, longer");
        folder.commit("a.npy.tmp", "a.npy");

        assertEquals("second, longer", Files.readString(target.resolve("a.npy")));
        assertEquals(14, folder.size("a.npy"));
        try (var in = folder.open("a.npy")) {
            assertEquals("second, longer", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        // a folder is not a file; and the local file system's .crc files are not written
        Files.createDirectories(target.resolve("sub"));
        assertEquals(-1, folder.size("sub"));
        try (var files = Files.list(target)) {
            assertEquals(List.of("a.npy", "sub"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void travelsToAnExecutorWithItsHadoopSettings() throws Exception {
        var conf = new Configuration();
        conf.set("viewpair.test.setting", "kept");
        var folder = new HadoopShardFolder(dir.toUri(), conf);
        write(folder, "x.json", "{}");

        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(folder);
        }
        HadoopShardFolder copy;
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (HadoopShardFolder) in.readObject();
        }
        assertEquals(folder.uri(), copy.uri());
        assertEquals("kept", copy.configuration().get("viewpair.test.setting"));
        assertEquals(2, copy.size("x.json"));
    }

    private static void write(HadoopShardFolder folder, String name, String text) throws IOException {
        try (var out = folder.create(name)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
