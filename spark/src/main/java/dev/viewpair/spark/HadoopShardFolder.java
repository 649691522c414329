package dev.viewpair.spark;

import dev.viewpair.datasets.shards.ShardFolder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A {@link ShardFolder} on any Hadoop file system: {@code hdfs://…}, {@code s3a://…}, {@code file:/…}. It is
 * {@link Serializable} with its Hadoop settings, so a Spark job sends it to the executors with the driver's
 * configuration ({@code spark.hadoop.*} included).
 *
 * <p>Replacing a file by rename is a delete and a rename here (Hadoop's {@code FileSystem.rename} never replaces):
 * not atomic, but safe for shards, whose JSON entry is written after their arrays and marks a shard complete.
 */
public final class HadoopShardFolder implements ShardFolder, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String dir;
    private transient Configuration conf;
    private transient FileSystem fs;

    /**
     * A folder by its URI (created on the first write).
     *
     * @param dir the folder: a URI with a scheme, or a path of the configuration's default file system
     * @param conf the Hadoop settings (Spark's {@code JavaSparkContext.hadoopConfiguration()})
     */
    public HadoopShardFolder(URI dir, Configuration conf) {
        this.dir = dir.toString();
        this.conf = new Configuration(conf);
    }

    /** The folder's URI, as given. */
    public URI uri() {
        return URI.create(dir);
    }

    /** The Hadoop settings it reaches the file system with (a copy of those given). */
    public Configuration configuration() {
        return conf;
    }

    @Override
    public OutputStream create(String name) throws IOException {
        return fs().create(path(name), true);
    }

    @Override
    public void commit(String tempName, String name) throws IOException {
        var target = path(name);
        fs().delete(target, false);
        if (!fs().rename(path(tempName), target)) {
            throw new IOException("could not rename " + path(tempName) + " to " + target);
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        return fs().open(path(name));
    }

    @Override
    public long size(String name) throws IOException {
        try {
            var status = fs().getFileStatus(path(name));
            return status.isFile() ? status.getLen() : -1;
        } catch (FileNotFoundException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return dir;
    }

    private Path path(String name) {
        return new Path(new Path(dir), name);
    }

    private FileSystem fs() throws IOException {
        if (fs == null) {
            var any = new Path(dir).getFileSystem(conf);
            // the local file system would add a hidden .crc file beside every array: write through its raw one
            fs = any instanceof LocalFileSystem local ? local.getRawFileSystem() : any;
        }
        return fs;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        conf.write(out);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        conf = new Configuration(false);
        conf.readFields(in);
    }
}
