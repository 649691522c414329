package dev.viewpair.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release's start script, {@code bin/viewpair} (dist/src/bin), in a release's layout under a folder whose name has
 * spaces, with a stand-in Java ({@code JAVA_HOME}) that writes the arguments it was given and exits with status 3:
 * the arguments reach the command line as they were typed, the exit status comes back, and the release's folder is
 * found through a symbolic link too. The real release runs in CI (.ci/run).
 */
class ReleaseScriptTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String MAIN = "dev.viewpair.recipes.cli.Main";

    @TempDir
    Path dir;
    private Path release;
    private Path javaHome;
    private Path args;

    @BeforeEach
    void release() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/env")) && Files.isExecutable(Path.of("/bin/bash")), "bash");
        release = Files.createDirectories(dir.resolve("viewpair release 1.0"));
        var bin = Files.createDirectories(release.resolve("bin"));
        executable(bin.resolve("viewpair"), Files.readString(ROOT.resolve("dist/src/bin/viewpair")));
        Files.copy(ROOT.resolve("dist/src/bin/viewpair-java.sh"), bin.resolve("viewpair-java.sh"));
        executable(release.resolve("viewpair"), Files.readString(ROOT.resolve("dist/src/root/viewpair")));
        // a jar in lib/: the classpath's lib/* must reach Java as it is, not expanded by the shell
        Files.createFile(Files.createDirectories(release.resolve("lib")).resolve("a.jar"));
        javaHome = Files.createDirectories(dir.resolve("jre 17"));
        args = dir.resolve("args");
        executable(Files.createDirectories(javaHome.resolve("bin")).resolve("java"),
                "#!/bin/bash\nprintf '%s\\0' \"$@\" >\"$ARGS_OUT\"\nexit 3\n");
    }

    @Test
    void argumentsReachTheCommandLineAsTypedAndItsExitStatusComesBack() throws Exception {
        var typed = List.of("validate", "my recipes/quick start.yaml", "", "*", "--set", "name=a b");
        assertEquals(3, run(release.resolve("bin/viewpair"), typed, Map.of()));
        var java = javaArgs();
        assertEquals(typed, java.subList(java.indexOf(MAIN) + 1, java.size()));
        assertTrue(java.contains("-Dviewpair.home=" + release), () -> "the release's folder is viewpair.home: " + java);
        assertEquals(release + "/lib/*", java.get(java.indexOf("-cp") + 1));
        assertTrue(java.contains("-Dai.djl.offline=true"), () -> "the launcher's options: " + java);
    }

    @Test
    void viewpairJavaOptsAreSplitAtSpacesBeforeTheClasspath() throws Exception {
        assertEquals(3, run(release.resolve("bin/viewpair"), List.of("--version"), Map.of("VIEWPAIR_JAVA_OPTS", "-Xmx8g -Da=b")));
        var java = javaArgs();
        assertTrue(java.indexOf("-Xmx8g") >= 0 && java.indexOf("-Da=b") == java.indexOf("-Xmx8g") + 1
                && java.indexOf("-Da=b") < java.indexOf("-cp"), () -> java.toString());
    }

    @Test
    void theReleaseIsFoundThroughALinkAndFromItsOwnFolder() throws Exception {
        var link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("my bin")).resolve("viewpair"),
                release.resolve("bin/viewpair"));
        for (var script : List.of(link, release.resolve("viewpair"))) {
            assertEquals(3, run(script, List.of("list", "encoders"), Map.of()));
            var java = javaArgs();
            assertTrue(java.contains("-Dviewpair.home=" + release), () -> script + ": " + java);
            assertEquals(List.of("list", "encoders"), java.subList(java.indexOf(MAIN) + 1, java.size()));
        }
    }

    @Test
    void sparkJarsJoinTheClasspathOfPreprocessOnlyAndOnlyWhenShipped() throws Exception {
        run(release.resolve("bin/viewpair"), List.of("preprocess", "r.yaml"), Map.of());
        assertEquals(release + "/lib/*", classpath());
        Files.createDirectories(release.resolve("lib/spark"));
        run(release.resolve("bin/viewpair"), List.of("preprocess", "r.yaml"), Map.of());
        assertEquals(release + "/lib/*:" + release + "/lib/spark/*", classpath());
        run(release.resolve("bin/viewpair"), List.of("train", "r.yaml"), Map.of());
        assertEquals(release + "/lib/*", classpath());
    }

    @Test
    void withoutJavaItSaysWhatToInstall() throws Exception {
        javaHome = dir.resolve("no java here");
        var out = dir.resolve("out.txt");
        assertEquals(1, run(release.resolve("bin/viewpair"), List.of("--version"), Map.of(), out));
        var said = Files.readString(out);
        assertTrue(said.contains("no Java runtime") && said.contains("JAVA_HOME"), said);
    }

    private int run(Path script, List<String> arguments, Map<String, String> env) throws Exception {
        return run(script, arguments, env, dir.resolve("out.txt"));
    }

    private int run(Path script, List<String> arguments, Map<String, String> env, Path out) throws Exception {
        Files.deleteIfExists(args);
        var command = new ArrayList<>(List.of(script.toString()));
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().remove("VIEWPAIR_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("ARGS_OUT", args.toString());
        builder.environment().putAll(env);
        var process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script ends");
        return process.exitValue();
    }

    /** The arguments the stand-in Java was started with. */
    private List<String> javaArgs() throws IOException {
        var text = new String(Files.readAllBytes(args), StandardCharsets.UTF_8);
        return Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
    }

    private String classpath() throws IOException {
        var java = javaArgs();
        return java.get(java.indexOf("-cp") + 1);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
