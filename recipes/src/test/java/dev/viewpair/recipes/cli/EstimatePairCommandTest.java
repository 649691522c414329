package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.npy.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viewpair estimate pair} on correlated Gaussians of known MI: x ~ N(0, 1), y = ρx + √(1−ρ²)·noise,
 * whose MI is −½ log(1 − ρ²) nats per dimension.
 */
class EstimatePairCommandTest {
    private static final double RHO = 0.8;
    private static final double TRUE_MI = -0.5 * Math.log(1 - RHO * RHO); // 0.511 nats


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Writes n pairs as x.npy (1-D) and y.npy (n×1), returning {x, y}. */
    private static Path[] gaussians(Path dir, int n) throws Exception {
        var random = new Random(11);
        float[] x = new float[n];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
            y[i][0] = (float) (RHO * x[i] + Math.sqrt(1 - RHO * RHO) * random.nextGaussian());
        }
        Path xs = dir.resolve("x.npy");
        Path ys = dir.resolve("y.npy");
        Npy.write(xs, x);
        Npy.write(ys, y);
        return new Path[] {xs, ys};
    }

    private static JsonNode json(CliRun r) throws Exception {
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().strip().lines().count(), "exactly one line of JSON: " + r.out());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void ksgReadsTheKnownMiWithoutAnInterval(@TempDir Path dir) throws Exception {
        var files = gaussians(dir, 2000);
        var out = json(run("estimate", "pair", "--x", files[0].toString(), "--y", files[1].toString(), "--method", "ksg",
                "--json"));
        assertEquals(TRUE_MI, out.get("mi_nats").asDouble(), 0.1, out.toString());
        assertTrue(out.get("ci95").isNull(), out.toString());
        assertEquals("ksg", out.get("method").asText());
        assertEquals(2000, out.get("n").asInt());
    }

    @Test
    void trainedCriticGivesAnIntervalNearTheTruth(@TempDir Path dir) throws Exception {
        var files = gaussians(dir, 4000); // 3 folds of 1333 rows, each read by a critic trained on the other 2667
        var out = json(run("estimate", "pair", "--x", files[0].toString(), "--y", files[1].toString(), "--bound", "infonce",
                "--steps", "300", "--folds", "3", "--json"));
        double mi = out.get("mi_nats").asDouble();
        double low = out.get("ci95").get(0).asDouble();
        double high = out.get("ci95").get(1).asDouble();
        assertTrue(low <= mi && mi <= high && high - low < 0.6, out.toString());
        // a lower bound after 300 steps: within 0.25 nats of the truth, its interval reaching within 0.2 of it
        assertEquals(TRUE_MI, mi, 0.25, out.toString());
        assertTrue(low < TRUE_MI + 0.2 && high > TRUE_MI - 0.2, out.toString());
        assertEquals("infonce", out.get("method").asText());
        assertEquals("bound", out.get("readout").asText()); // InfoNCE's critic is not the log ratio: its bound is read
        assertEquals(4000, out.get("n").asInt());
        assertTrue(out.get("detail").asText().startsWith("infonce with a separable_mlp critic, 3-fold cross-fitting of 4000 "
                + "rows"), out.toString());
    }

    @Test
    void humanLineFromCsv(@TempDir Path dir) throws Exception {
        var x = dir.resolve("x.csv");
        var y = dir.resolve("y.csv");
        var random = new Random(5);
        var xs = new StringBuilder("a,b\n");
        var ys = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            double a = random.nextGaussian();
            xs.append(a).append(',').append(random.nextGaussian()).append('\n');
            ys.append(a + 0.1 * random.nextGaussian()).append('\n');
        }
        Files.writeString(x, xs);
        Files.writeString(y, ys);
        var r = run("estimate", "pair", "--x", x.toString(), "--y", y.toString(), "--method", "ksg", "--k", "4");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s)MI ≈ \\d\\.\\d{3} nats \\(no interval\\), method ksg, gaussian-copula marginals, "
                + "n = 300\\n.*k = 4.*"), r.out());
    }

    /**
     * Rank scores see only each coordinate's order, so an increasing map of each side (x ↦ x³, y ↦ e^y), which
     * leaves the MI unchanged, leaves the estimate unchanged to the last digit; standardized columns do not.
     */
    @Test
    void rankTransformsMakeTheEstimateInvariantToIncreasingMaps(@TempDir Path dir) throws Exception {
        var random = new Random(13);
        int n = 1500;
        float[] x = new float[n];
        float[] y = new float[n];
        float[] xMapped = new float[n];
        float[] yMapped = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
            y[i] = (float) (RHO * x[i] + Math.sqrt(1 - RHO * RHO) * random.nextGaussian());
            xMapped[i] = x[i] * x[i] * x[i];
            yMapped[i] = (float) Math.exp(y[i]);
        }
        var files = new Path[4];
        float[][] arrays = {x, y, xMapped, yMapped};
        for (int i = 0; i < 4; i++) {
            files[i] = dir.resolve("a" + i + ".npy");
            Npy.write(files[i], arrays[i]);
        }
        for (String transform : new String[] {"rank", "gaussian-copula"}) {
            var plain = json(run("estimate", "pair", "--x", files[0].toString(), "--y", files[1].toString(), "--method", "ksg",
                    "--transform", transform, "--json"));
            var mapped = json(run("estimate", "pair", "--x", files[2].toString(), "--y", files[3].toString(), "--method",
                    "ksg", "--transform", transform, "--json"));
            assertEquals(plain.get("mi_nats").asDouble(), mapped.get("mi_nats").asDouble(), 0, transform);
            assertEquals(TRUE_MI, plain.get("mi_nats").asDouble(), 0.1, plain.toString());
            assertEquals(transform, plain.get("transform").asText());
        }
        var plain = json(run("estimate", "pair", "--x", files[0].toString(), "--y", files[1].toString(), "--method", "ksg",
                "--transform", "none", "--json"));
        var mapped = json(run("estimate", "pair", "--x", files[2].toString(), "--y", files[3].toString(), "--method", "ksg",
                "--transform", "none", "--json"));
        assertTrue(Math.abs(plain.get("mi_nats").asDouble() - mapped.get("mi_nats").asDouble()) > 0.02,
                plain + " " + mapped);
    }

    @Test
    void anUnknownTransformIsAUserErrorWithASuggestion(@TempDir Path dir) throws Exception {
        var files = gaussians(dir, 20);
        var r = run("estimate", "pair", "--x", files[0].toString(), "--y", files[1].toString(), "--transform", "gausian-copula");
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("unknown marginal transform 'gausian-copula'; known: none, rank, gaussian-copula — did "
                + "you mean 'gaussian-copula'?"), r.err());
    }

    @Test
    void theBenchmarkWritesItsTablesAndRefusesUnknownTasks(@TempDir Path dir) throws Exception {
        var r = run("estimate", "benchmark", "--out", dir.toString(), "--rows", "400", "--tasks", "gauss-1x1,asinh-1x1",
                "--transforms", "rank", "--steps", "30");
        assertEquals(0, r.exit(), r.err());
        String table = Files.readString(dir.resolve("mi-tasks.md"));
        assertTrue(table.contains("| gauss-1x1 | 1×1 | 0.413 |") && table.contains("| asinh-1x1 | 1×1 | 0.413 |"), table);
        // header, 4 methods per task: the critic read by the log ratio and by its bound, KSG on two scalings
        assertEquals(1 + 2 * 4, Files.readAllLines(dir.resolve("mi-tasks.csv")).size());
        r = run("estimate", "benchmark", "--out", dir.toString(), "--tasks", "gauss-3x3");
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("no known-MI task 'gauss-3x3'; known: gauss-1x1, "), r.err());
    }

    @Test
    void helpExplainsTheIntervalAndListsTheLowerBounds() {
        var r = run("estimate", "pair", "--help");
        assertEquals(0, r.exit(), r.err());
        String help = r.out().replaceAll("\\s+", " "); // undo picocli's line wrapping
        assertTrue(help.contains("the 95% interval a Student-t interval over them, so it holds the differences between "
                + "critics trained on different rows"), help);
        assertTrue(help.contains("dv, infonce, interpolated, js, mine, nwj, smile, tuba"), help);
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void mismatchedRowCountsNameBothFiles(@TempDir Path dir) throws Exception {
        var x = dir.resolve("x.npy");
        var y = dir.resolve("y.npy");
        Npy.write(x, new float[10]);
        Npy.write(y, new float[12][2]);
        var r = run("estimate", "pair", "--x", x.toString(), "--y", y.toString());
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains(x + " has 10 rows but --y " + y + " has 12"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void badBoundsAndFilesAreUserErrors(@TempDir Path dir) throws Exception {
        var files = gaussians(dir, 20);
        String x = files[0].toString();
        String y = files[1].toString();
        var r = run("estimate", "pair", "--x", x, "--y", y, "--bound", "smiel");
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("unknown bound 'smiel' — did you mean 'smile'?"), r.err());
        r = run("estimate", "pair", "--x", x, "--y", y, "--bound", "club");
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("'club' is an upper bound"), r.err());
        r = run("estimate", "pair", "--x", x, "--y", y, "--method", "ksg", "--bound", "nwj");
        assertEquals(Main.USER_ERROR, r.exit());
        r = run("estimate", "pair", "--x", x, "--y", y, "--bound", "infonce", "--readout", "log-ratio");
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("--readout log-ratio needs a critic trained toward the log density ratio"), r.err());
        r = run("estimate", "pair", "--x", x, "--y", y, "--readout", "log-ratoi");
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("unknown read-out 'log-ratoi'; known: bound, log-ratio — did you mean 'log-ratio'?"),
                r.err());
        r = run("estimate", "pair", "--x", x, "--y", y, "--folds", "1");
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("--folds must be at least 2"), r.err());

        var fortran = dir.resolve("f.npy");
        Files.copy(Path.of("../datasets/src/test/resources/npy/fortran_order.npy"), fortran);
        r = run("estimate", "pair", "--x", fortran.toString(), "--y", y);
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains(fortran + ": the array is stored in Fortran"), r.err());
        r = run("estimate", "pair", "--x", dir.resolve("missing.npy").toString(), "--y", y);
        assertEquals(Main.USER_ERROR, r.exit());
        assertTrue(r.err().contains("missing.npy: no such file"), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }
}
