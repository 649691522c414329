package dev.viewpair.datasets.shards;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where shards are written, by relative file name ({@code shard-00003.image.npy}): a local folder
 * ({@link LocalShardFolder}) or any file system that can create, rename and read files (a Hadoop
 * {@code FileSystem} path, for a cluster job). Files are written under a temporary name and renamed when complete,
 * so a reader never sees half a file under its final name.
 */
public interface ShardFolder {
    /** A new file (an existing one of that name is replaced) to write from the start. */
    OutputStream create(String name) throws IOException;

    /** Renames {@code tempName} to {@code name}, replacing a file of that name. */
    void commit(String tempName, String name) throws IOException;

    /** Reads a file; throws {@link java.nio.file.NoSuchFileException} (or another {@link IOException}) when absent. */
    InputStream open(String name) throws IOException;

    /** The size of a file in bytes, or -1 when there is none. */
    long size(String name) throws IOException;
}
