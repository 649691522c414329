package dev.viewpair.encoders.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiBenchmarkTest {

    @Test
    void rankScoresRecoverTheMiOfACauchyPairThatStandardizedColumnsMiss(@TempDir Path dir) throws Exception {
        var task = MiTasks.named("student-t-1x1-nu1"); // Cauchy marginals: standardizing leaves mostly zeros
        var options = MiBenchmark.Options.defaults().withTasks(List.of(task)).withRows(3000)
                .withTransforms(List.of(MarginalTransform.NONE, MarginalTransform.RANK))
                .withEstimator(PairEstimator.Options.defaults().withSteps(600).withFolds(2));
        var result = MiBenchmark.run(options);
        var row = result.rows().get(0);
        double none = row.critic().get(0).miNats();
        double rank = row.critic().get(1).miNats();
        assertEquals(task.trueMi(), rank, 0.15, row.toString());
        // standardized Cauchy columns are mostly zeros with a few huge values: the critics read nothing or nonsense (the
        // two folds of this draw: −0.00 and 3.57), not the truth with a usable interval
        var noneEstimate = row.critic().get(0);
        assertTrue(Math.abs(none - task.trueMi()) > 0.2 || noneEstimate.ci95High() - noneEstimate.ci95Low() > 1,
                "standardized Cauchy columns hide the dependence: " + row);
        assertTrue(row.critic().get(1).method().endsWith("; rank marginals"), row.critic().get(1).method());
        assertEquals(Math.abs(rank - task.trueMi()), result.criticMae(1), 1e-12);
        assertEquals(1, result.studentTCoverage(1)[0]);

        var files = result.write(dir);
        List<String> csv = Files.readAllLines(files.get(0));
        assertEquals("task,family,dims,true_mi,method,estimate,ci95_low,ci95_high,error,detail", csv.get(0));
        // the default reads the log ratio; the first transform's critics are also read by their bound, a line of its own
        assertEquals(Set.of("critic-none", "critic-none-bound-readout", "critic-rank", "ksg-none",
                        "ksg-" + PairEstimator.DEFAULT_TRANSFORM.label()),
                csv.stream().skip(1).map(line -> line.split(",")[4]).collect(Collectors.toSet()));
        String markdown = Files.readString(files.get(1));
        assertTrue(markdown.contains("| student-t-1x1-nu1 | 1×1 | 0.368 |"), markdown);
        assertTrue(markdown.contains("| critic, rank |"), markdown);
        assertTrue(markdown.contains("| critic, none, bound read-out |"), markdown);
        assertEquals(Math.abs(row.boundReadout().miNats() - task.trueMi()), result.boundReadoutMae(), 1e-12);
        assertTrue(row.boundReadout().method().contains("; bound read-out, fold estimates "), row.boundReadout().method());
    }

    @Test
    void everyStandardTaskIsNamedOnceAndSpansOneToTwentyFiveDimensions() {
        var tasks = MiTasks.standard();
        assertEquals(tasks.size(), tasks.stream().map(MiTask::name).distinct().count());
        assertEquals(1, tasks.stream().mapToInt(MiTask::dimX).min().orElseThrow());
        assertEquals(25, tasks.stream().mapToInt(MiTask::dimX).max().orElseThrow());
        assertEquals(Set.of(1, 2, 3, 4, 5), tasks.stream().filter(t -> t.family().equals("student-t"))
                .map(t -> Integer.parseInt(t.name().replaceAll(".*-nu", ""))).collect(Collectors.toSet()));
        for (var task : tasks) {
            float[][][] xy = task.sample(5, 1);
            assertEquals(task.dimX(), xy[0][0].length, task.name());
            assertEquals(task.dimY(), xy[1][0].length, task.name());
            assertTrue(task.trueMi() > 0, task.name());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> MiTasks.named("gauss-2x2"));
        assertTrue(e.getMessage().contains("known: gauss-1x1"), e.getMessage());
    }
}
