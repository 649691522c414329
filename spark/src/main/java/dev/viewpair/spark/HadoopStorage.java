package dev.viewpair.spark;

import dev.viewpair.datasets.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * A {@link Storage} on any Hadoop file system ({@code hdfs://…}, {@code s3a://…}, any scheme the configuration
 * names with {@code fs.<scheme>.impl}): datasets are listed and read through Hadoop's {@code FileSystem}.
 *
 * <p>Its {@link Provider} is found by the datasets module with {@link java.util.ServiceLoader}, on the driver before
 * the Spark job starts and on every executor when it opens the dataset. Both take the Hadoop settings Spark gives
 * its jobs: the {@code *-site.xml} files on the classpath, overridden by the application's {@code spark.hadoop.*}
 * settings ({@code spark-submit --conf}, or {@code -Dspark.hadoop.…} system properties).
 */
public final class HadoopStorage implements Storage {
    private final Configuration conf;

    /** @param conf the Hadoop settings the file systems are reached with */
    public HadoopStorage(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public List<String> files(URI folder) throws IOException {
        var path = new Path(folder);
        var fs = path.getFileSystem(conf);
        // listed paths come qualified (hdfs://namenode:8020/…): cut the folder's qualified path off them
        var root = fs.makeQualified(path).toUri().getPath();
        var prefix = root.endsWith("/") ? root : root + "/";
        var files = new ArrayList<String>();
        var listing = fs.listFiles(path, true);
        while (listing.hasNext()) {
            var file = listing.next().getPath().toUri().getPath();
            if (file.startsWith(prefix)) {
                files.add(file.substring(prefix.length()));
            }
        }
        return files;
    }

    @Override
    public boolean isFile(URI location) throws IOException {
        return status(location).map(FileStatus::isFile).orElse(false);
    }

    @Override
    public boolean isFolder(URI location) throws IOException {
        return status(location).map(FileStatus::isDirectory).orElse(false);
    }

    @Override
    public InputStream open(URI location) throws IOException {
        var path = new Path(location);
        return path.getFileSystem(conf).open(path);
    }

    private Optional<FileStatus> status(URI location) throws IOException {
        var path = new Path(location);
        try {
            return Optional.of(path.getFileSystem(conf).getFileStatus(path));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The Hadoop settings of this JVM's Spark application, or of the one about to start (the driver before its context). */
    static Configuration sparkHadoopSettings() {
        var env = SparkEnv.get();
        var spark = env != null ? env.conf() : new SparkConf();
        var conf = new Configuration();
        for (var setting : spark.getAllWithPrefix("spark.hadoop.")) {
            conf.set(setting._1(), setting._2());
        }
        return conf;
    }

    /** Gives a {@link HadoopStorage} for every URI scheme Hadoop has a file system for, with Spark's Hadoop settings. */
    public static final class Provider implements Storage.Provider {
        @Override
        public String describe() {
            return "Hadoop, for the schemes its settings know (hdfs, s3a, file, fs.<scheme>.impl)";
        }

        @Override
        public Optional<Storage> storage(URI location) {
            if (location.getScheme() == null) {
                return Optional.empty();
            }
            var conf = sparkHadoopSettings();
            try {
                FileSystem.getFileSystemClass(location.getScheme(), conf);
            } catch (IOException e) {
                return Optional.empty(); // no file system for the scheme
            }
            return Optional.of(new HadoopStorage(conf));
        }
    }
}
