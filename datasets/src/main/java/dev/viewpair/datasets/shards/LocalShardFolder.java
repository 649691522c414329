package dev.viewpair.datasets.shards;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A {@link ShardFolder} on the local file system; the folder is created when missing.
 *
 * @param dir the folder
 */
public record LocalShardFolder(Path dir) implements ShardFolder {
    @Override
    public OutputStream create(String name) throws IOException {
        Files.createDirectories(dir);
        return new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), 1 << 16);
    }

    @Override
    public void commit(String tempName, String name) throws IOException {
        try {
            Files.move(dir.resolve(tempName), dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(dir.resolve(tempName), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(dir.resolve(name));
    }

    @Override
    public long size(String name) throws IOException {
        var file = dir.resolve(name);
        return Files.isRegularFile(file) ? Files.size(file) : -1;
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
