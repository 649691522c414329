package dev.viewpair.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher {@code ./viewpair} builds once when two are started together, with flock(1) and, where there is none
 * (macOS), with its lock folder. The real launcher runs in a copy of the project's layout whose {@code mvn} and
 * {@code java} are stand-ins: {@code mvn} notes each build in a log, takes a second and writes the jars.
 */
class LauncherLockTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The tools the launcher calls, linked into a PATH of their own for the run without flock. */
    private static final List<String> TOOLS = List.of("dirname", "find", "mkdir", "mktemp", "rm", "cat", "sleep", "nproc", "env", "touch", "readlink");
    /** The file of Java options and environment the launcher sources. */
    private static final String JAVA_SH = "dist/src/bin/viewpair-java.sh";

    @ParameterizedTest(name = "flock: {0}")
    @ValueSource(booleans = {true, false})
    void twoLaunchersStartedTogetherBuildOnce(boolean flock, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "bash");
        var root = Files.createDirectories(dir.resolve("project"));
        Files.copy(ROOT.resolve("viewpair"), root.resolve("viewpair"));
        // the Java options it shares with the release's start script
        Files.createDirectories(root.resolve(JAVA_SH).getParent());
        Files.copy(ROOT.resolve(JAVA_SH), root.resolve(JAVA_SH));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        for (var module : List.of("catalog", "views", "encoders", "datasets", "recipes", "spark")) {
            Files.writeString(Files.createDirectories(root.resolve(module + "/src/main/java")).resolve("A.java"), "class A {}");
        }
        var bin = Files.createDirectories(dir.resolve("bin"));
        executable(bin.resolve("mvn"), """
                #!/bin/bash
                echo built >>"$BUILD_LOG"
                sleep 1
                mkdir -p recipes/target/lib spark/target/lib
                touch recipes/target/viewpair-recipes-0.1.0-SNAPSHOT.jar spark/target/viewpair-spark-0.1.0-SNAPSHOT.jar
                """);
        executable(bin.resolve("java"), "#!/bin/bash\nexit 0\n");
        var path = bin.toString();
        if (flock) {
            assumeTrue(which("flock") != null, "flock(1)");
            path += ":" + System.getenv("PATH");
        } else {
            for (var tool : TOOLS) {
                var found = which(tool);
                assumeTrue(found != null, tool);
                Files.createSymbolicLink(bin.resolve(tool), found);
            }
        }
        var log = dir.resolve("builds.log");
        Files.createFile(log);

        var first = launch(bash, root.resolve("viewpair"), path, log);
        var second = launch(bash, root.resolve("viewpair"), path, log);
        assertEquals(0, finish(first), () -> output(first));
        assertEquals(0, finish(second), () -> output(second));
        assertEquals(1, Files.readAllLines(log).size(), "two launchers started together build once");

        var third = launch(bash, root.resolve("viewpair"), path, log);
        assertEquals(0, finish(third), () -> output(third));
        assertEquals(1, Files.readAllLines(log).size(), "a built project is not built again");

        // started through a symbolic link elsewhere (~/.local/bin/viewpair), it still finds its project
        var link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("links")).resolve("viewpair"),
                root.resolve("viewpair"));
        var linked = launch(bash, link, path, log);
        assertEquals(0, finish(linked), () -> output(linked));
        assertEquals(1, Files.readAllLines(log).size(), "a launcher started through a link finds the built project");

        var source = root.resolve("views/src/main/java/A.java");
        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        var fourth = launch(bash, root.resolve("viewpair"), path, log);
        assertEquals(0, finish(fourth), () -> output(fourth));
        assertEquals(2, Files.readAllLines(log).size(), "a changed source is built");
    }

    private static Process launch(Path bash, Path launcher, String path, Path log) throws IOException {
        var builder = new ProcessBuilder(bash.toString(), launcher.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(launcher.getParent().resolveSibling("out-" + System.nanoTime() + ".txt").toFile());
        builder.environment().put("PATH", path);
        builder.environment().remove("JAVA_HOME"); // the stand-in java on the PATH, not a real one
        builder.environment().put("BUILD_LOG", log.toString());
        var process = builder.start();
        OUTPUTS.put(process, builder.redirectOutput().file().toPath());
        return process;
    }

    private static final java.util.Map<Process, Path> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static int finish(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String output(Process p) {
        try {
            return Files.readString(OUTPUTS.get(p));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The tool's path on this machine's PATH, or {@code null}. */
    private static Path which(String tool) {
        var found = new ArrayList<Path>();
        for (var d : System.getenv("PATH").split(":")) {
            var p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                found.add(p);
            }
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
