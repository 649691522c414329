package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.recipes.model.OptimizerDecl;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.ReportEvery;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimizer, gradient clipping, non-finite and report settings of {@code train:}: read, written back, refused. */
class TrainSettingsTest {
    private static final String BASE = fixture("av-quickstart.yaml");
    private static final String OPTIMIZER = "optimizer: {type: adamw, lr: 1e-3, weight_decay: 1e-4}";

    @TempDir
    Path dir;

    /** The fixture with its optimizer replaced; {@code marker} is where the problem is expected (line 16). */
    private void assertOnly(String optimizerAndMore, String marker, String message, String hint) {
        var text = edit(BASE, OPTIMIZER, optimizerAndMore);
        var line = text.lines().toList().get(15);
        assertProblem(onlyProblem(dir, "recipe.yaml", text), 16, line.indexOf(marker) + 1, message, hint);
    }

    @Test
    void everyOptimizerReadsItsSettingsAndWritesThemBack() throws RecipeException {
        var sgd = RecipeFiles.load(dir, "sgd.yaml", edit(BASE, OPTIMIZER,
                "optimizer: {type: sgd, lr: 0.1, weight_decay: 5e-4, momentum: 0.8, nesterov: true}, clip_grad_norm: 1.5, "
                        + "on_nonfinite: skip"));
        assertEquals(new OptimizerDecl("sgd", 0.1, 5e-4, Map.of("momentum", 0.8, "nesterov", true)), sgd.train().optimizer());
        assertEquals(1.5, sgd.train().clipGradNorm());
        assertEquals("skip", sgd.train().onNonFinite());
        var lars = RecipeFiles.load(dir, "lars.yaml", edit(BASE, OPTIMIZER,
                "optimizer: {type: lars, lr: 0.3, weight_decay: 1e-6, trust_coefficient: 0.002}"));
        assertEquals(new OptimizerDecl("lars", 0.3, 1e-6, Map.of("momentum", 0.9, "trust_coefficient", 0.002)), lars.train().optimizer());
        assertEquals("stop", lars.train().onNonFinite());
        var adamw = RecipeFiles.load(dir, "adamw.yaml", edit(BASE, OPTIMIZER,
                "optimizer: {type: adamw, lr: 2e-3, betas: [0.85, 0.99], eps: 1e-6}"));
        assertEquals(new OptimizerDecl("adamw", 2e-3, 1e-4, Map.of("betas", List.of(0.85, 0.99), "eps", 1e-6)), adamw.train().optimizer());
        for (var recipe : List.of(sgd, lars, adamw)) {
            // the resolved recipe a run folder keeps reads back to the same recipe
            var again = RecipeFiles.load(dir, "again.yaml", recipe.toYaml());
            assertEquals(recipe.train(), again.train());
            assertEquals(recipe.hash(), again.hash());
        }
    }

    @Test
    void aSettingOfAnotherOptimizerNamesTheOnesItBelongsTo() {
        assertOnly("optimizer: {type: adamw, lr: 1e-3, momentum: 0.9}", "momentum",
                "'momentum' does not apply to optimizer adamw", "it is a setting of sgd and lars");
        assertOnly("optimizer: {type: lars, lr: 1e-3, nesterov: true}", "nesterov",
                "'nesterov' does not apply to optimizer lars", "choose type: sgd");
        assertOnly("optimizer: {type: sgd, lr: 1e-3, betas: [0.9, 0.99]}", "betas",
                "'betas' does not apply to optimizer sgd", "it is a setting of adamw");
    }

    @Test
    void misspelledKeysAndValuesGetASuggestion() {
        assertOnly("optimizer: {type: lars, lr: 1e-3, trust_coeficient: 0.001}", "trust_coeficient",
                "unknown key 'trust_coeficient' in train.optimizer", "did you mean 'trust_coefficient'?");
        assertOnly("optimizer: {type: sdg, lr: 1e-3}", "sdg", "train.optimizer.type: unknown optimizer 'sdg'",
                "did you mean 'sgd'?");
        assertOnly(OPTIMIZER + ", on_nonfinite: skipp", "skipp", "train.on_nonfinite: unknown on_nonfinite policy 'skipp'",
                "did you mean 'skip'?");
        assertOnly(OPTIMIZER + ", clip_grad_nrm: 1", "clip_grad_nrm", "unknown key 'clip_grad_nrm' in train",
                "did you mean 'clip_grad_norm'?");
    }

    @Test
    void outOfRangeSettingsSayTheRange() {
        assertOnly("optimizer: {type: sgd, lr: 1e-3, momentum: 1.2}", "1.2", "train.optimizer.momentum must be below 1",
                "[0, 1)");
        assertOnly("optimizer: {type: sgd, lr: 1e-3, momentum: 0, nesterov: true}", "true",
                "train.optimizer.nesterov needs a momentum above 0", "momentum: 0.9");
        assertOnly("optimizer: {type: sgd, lr: 1e-3, nesterov: yes please}", "yes", "train.optimizer.nesterov: expected true or false",
                "nesterov: true");
        assertOnly("optimizer: {type: adamw, lr: 1e-3, betas: [0.9]}", "[0.9]", "train.optimizer.betas needs two numbers",
                "[0.9, 0.999]");
        assertOnly("optimizer: {type: adamw, lr: 1e-3, betas: [0.9, 1]}", "1]", "train.optimizer.betas[1] must be below 1",
                "[0, 1)");
        assertOnly("optimizer: {type: adamw, lr: 1e-3, eps: 0}", "0}", "train.optimizer.eps must be > 0", "> 0");
        assertOnly("optimizer: {type: lars, lr: 1e-3, trust_coefficient: -1}", "-1", "train.optimizer.trust_coefficient must be > 0",
                "> 0");
        assertOnly(OPTIMIZER + ", clip_grad_norm: -1", "-1", "train.clip_grad_norm must be ≥ 0", "≥ 0");
    }
    @Test
    void reportEveryTakesStepsOrATimeAndLeavesTheHashAlone() throws RecipeException {
        var base = RecipeFiles.load(dir, "base.yaml", BASE);
        assertEquals(ReportEvery.DEFAULT, base.train().reportEvery());
        assertEquals(new ReportEvery.Seconds(60), ReportEvery.DEFAULT);
        var written = Map.of("500", new ReportEvery.Steps(500), "0", ReportEvery.AT_END, "30s", new ReportEvery.Seconds(30),
                "2m", new ReportEvery.Seconds(120), "' 90 s '", new ReportEvery.Seconds(90));
        for (var c : written.entrySet()) {
            var recipe = RecipeFiles.load(dir, "r.yaml", edit(BASE, OPTIMIZER, OPTIMIZER + ", report_every: " + c.getKey()));
            assertEquals(c.getValue(), recipe.train().reportEvery(), c.getKey());
            // how often a run shows itself is not what it computes: a run may be resumed with another
            assertEquals(base.hash(), recipe.hash());
            // the resolved recipe a run folder keeps has it, and reads back to it
            var again = RecipeFiles.load(dir, "again.yaml", recipe.toYaml());
            assertEquals(recipe.train(), again.train());
        }
        assertTrue(base.toYaml().contains("report_every: \"60s\""), base.toYaml());
    }

    @Test
    void aBadReportEveryIsRefusedWhereItStands() {
        assertOnly(OPTIMIZER + ", report_every: often", "often",
                "train.report_every: expected a number of steps or a time such as 60s or 2m, got 'often'",
                "write a number of steps (report_every: 500), a time (60s or 2m), or 0 for only at the end");
        assertOnly(OPTIMIZER + ", report_every: -5", "-5", "train.report_every must be ≥ 0, got -5", "≥ 0");
        assertOnly(OPTIMIZER + ", report_every: 0s", "0s", "train.report_every must be at least 1s, got '0s'",
                "0 steps (report_every: 0) writes the report only at the end");
        assertOnly(OPTIMIZER + ", report_every: 2.5", "2.5", "train.report_every: expected a whole number, got 2.5", "≥ 0");
        assertOnly(OPTIMIZER + ", report_evry: 10", "report_evry", "unknown key 'report_evry' in train",
                "did you mean 'report_every'?");
    }
}
