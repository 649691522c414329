package dev.viewpair.recipes.validate;

import static dev.viewpair.recipes.validate.RecipeFiles.assertProblem;
import static dev.viewpair.recipes.validate.RecipeFiles.edit;
import static dev.viewpair.recipes.validate.RecipeFiles.failure;
import static dev.viewpair.recipes.validate.RecipeFiles.fixture;
import static dev.viewpair.recipes.validate.RecipeFiles.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.model.RecipeProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed recipes, each the valid fixture with one mistake: the problem must name the mistake, point
 * at it (line:column counted in the text below) and say what to do.
 */
class RecipeProblemsTest {
    private static final String BASE = fixture("av-quickstart.yaml");

    @TempDir
    Path dir;

    private RecipeProblem only(String from, String to) {
        return onlyProblem(dir, "recipe.yaml", edit(BASE, from, to));
    }

    @Test
    void unknownTopLevelKeySuggestsTheKnownOne() {
        assertProblem(only("train: {epochs", "trian: {epochs"), 16, 1, "unknown key 'trian' in the recipe", "did you mean 'train'?");
    }

    @Test
    void misspelledOpSuggestsTheCatalogueName() {
        assertProblem(only("random_resized_crop", "random_resize_crop"), 5, 30,
                "unknown op 'random_resize_crop' in view 'img_a'", "did you mean 'random_resized_crop'?");
    }

    @Test
    void unknownOpParameterPointsAtItsKey() {
        assertProblem(only("color_jitter: {p: 0.8}", "color_jitter: {q: 0.8}"), 5, 102,
                "unknown parameter 'q' of op 'color_jitter' in view 'img_a'", "did you mean 'p'?");
    }

    @Test
    void opParameterOfTheWrongTypePointsAtItsValue() {
        // 'size: big' starts at column 52; its value at column 58
        assertProblem(only("{size: 64,", "{size: big,"), 5, 58, "'size' of op 'random_resized_crop' must be a whole number, got 'big'", "give a whole number");
    }

    @Test
    void wrongTypeSaysWhatWasExpected() {
        assertProblem(only("epochs: 10", "epochs: ten"), 16, 17, "train.epochs: expected a whole number, got 'ten'", "give a whole number ≥ 1");
    }

    @Test
    void outOfRangeValuesSayTheBound() {
        assertProblem(only("batch: 128", "batch: 1"), 16, 28, "train.batch must be ≥ 2, got 1", "≥ 2");
        assertProblem(only("lr: 1e-3", "lr: 0"), 16, 62, "train.optimizer.lr must be > 0, got 0", "give a number > 0");
        assertProblem(only("weight: 0.5", "weight: -1"), 15, 69, "pairs[2].weight must be > 0, got -1", "> 0");
    }

    @Test
    void undefinedViewInAPairSuggestsTheDeclaredOne() {
        assertProblem(only("[sound, later], bound", "[sound, latr], bound"), 15, 21, "pairs[2].views: unknown view 'latr'", "did you mean 'later'?");
    }

    @Test
    void undefinedViewInRetrievalAndEncoderSuggestsTheDeclaredOne() {
        assertProblem(only("retrieval: [[img_a, sound]]", "retrieval: [[img_a, sond]]"), 17, 58,
                "eval.retrieval[0]: unknown view 'sond'", "did you mean 'sound'?");
        // the misspelt name leaves img_b fed to no encoder, which is reported as well
        var problems = failure(dir, "recipe.yaml", edit(BASE, "views: [img_a, img_b]}", "views: [img_a, imgb]}")).problems();
        assertEquals(2, problems.size());
        assertProblem(problems.get(0), 10, 88, "encoders.image.views: unknown view 'imgb'", "did you mean 'img_b'?");
        assertProblem(problems.get(1), 13, 36, "view 'img_b' is used in a pair (pairs[0].views) but fed to no encoder",
                "e.g. encoders.image.views");
    }

    @Test
    void likeOfAnUndefinedView() {
        assertProblem(only("{like: img_a}", "{like: img_c}"), 6, 17, "view 'img_b' is like 'img_c', which is not a view", "did you mean 'img_a'?");
    }

    @Test
    void likeCycleIsReportedOnce() {
        var p = only("{from: image, ops: [random_resized_crop: {size: 64, scale: [0.2, 1]}, hflip, color_jitter: {p: 0.8}]}", "{like: img_b}");
        assertProblem(p, 5, 17, "'like' goes round in a circle: img_a → img_b → img_a", "give one of them 'from' and 'ops'");
    }

    @Test
    void unknownBoundSuggestsTheVocabularyName() {
        assertProblem(only("bound: infonce, critic: bilinear", "bound: infonse, critic: bilinear"), 14, 36,
                "pairs[1].bound: unknown bound 'infonse'", "did you mean 'infonce'?");
    }

    @Test
    void unknownCriticSuggestsTheVocabularyName() {
        assertProblem(only("critic: bilinear", "critic: bilinaer"), 14, 53, "pairs[1].critic: unknown critic 'bilinaer'", "did you mean 'bilinear'?");
    }

    @Test
    void unknownCriticKeySuggestsTheCriticsKey() {
        assertProblem(only("temperature: 0.1", "temprature: 0.1"), 13, 83,
                "unknown key 'temprature' for critic 'cosine' in pairs[0].critic", "did you mean 'temperature'?");
    }

    @Test
    void yamlBadIndentation() {
        var p = onlyProblem(dir, "recipe.yaml", "name: x\ntrain:\n  epochs: 3\n   batch: 4\n");
        assertProblem(p, 4, 9, "YAML syntax error: mapping values are not allowed here", "check the indentation");
    }

    @Test
    void yamlUnclosedBracket() {
        var p = onlyProblem(dir, "recipe.yaml", "name: x\nencoders: {image: {type: conv, views: [img_a, img_b}\n");
        assertProblem(p, 2, 52, "YAML syntax error: expected ',' or ']'", "close the '['");
        assertEquals("YAML syntax error: expected ',' or ']', but got } (while parsing a flow sequence at line 2, column 39)", p.message());
    }

    @Test
    void jsonSyntaxError() {
        var json = edit(fixture("av-quickstart.json"), "\"seed\": 7,", "\"seed\": 7");
        var p = onlyProblem(dir, "recipe.json", json);
        assertProblem(p, 4, 3, "JSON syntax error: Unexpected character ('\"'", "check commas");
    }

    @Test
    void splitFractionsMustAddUpToOne() {
        assertProblem(only("test: 0.2", "test: 0.1"), 3, 68, "the fractions of dataset.split add up to 0.9, not 1", "make them add up to 1");
    }

    @Test
    void splitFractionOutOfRange() {
        assertProblem(only("test: 0.2", "test: 0"), 3, 87, "dataset.split.test must be > 0, got 0", "> 0");
    }

    @Test
    void opThatCannotTakeWhatThePreviousOpGives() {
        assertProblem(only("log_mel: {mels: 64}]}", "log_mel: {mels: 64}, hflip]}"), 7, 85,
                "op 'hflip' in view 'sound' cannot take a spectrogram (what 'log_mel' gives)",
                "'hflip' takes an image; ops that take a spectrogram: normalize, time_mask");
    }

    @Test
    void opThatFitsEarlierInTheChainSuggestsMovingIt() {
        // clip takes a waveform, which log_mel takes too: moving it before log_mel works
        assertProblem(only("log_mel: {mels: 64}]}", "log_mel: {mels: 64}, clip: {seconds: 0.5}]}"), 7, 85,
                "op 'clip' in view 'sound' cannot take a spectrogram", "move it before 'log_mel'");
    }

    @Test
    void firstOpOfTheWrongModality() {
        assertProblem(only("ops: [clip: {seconds: 1.0, at: anchor}, ", "ops: [hflip, clip: {seconds: 1.0, at: anchor}, "), 7, 30,
                "op 'hflip' in view 'sound' cannot take a waveform (what a audio view starts with)", "'hflip' takes an image");
    }

    @Test
    void missingRequiredSection() {
        var noPairs = BASE.replaceAll("(?s)pairs:.*?(?=train:)", "");
        assertProblem(onlyProblem(dir, "recipe.yaml", noPairs), 1, 1, "the recipe needs 'pairs'", "add pairs: ");
    }

    @Test
    void missingRequiredOpParameter() {
        assertProblem(only("clip: {seconds: 1.0, at: anchor}", "clip: {at: anchor}"), 7, 30, "op 'clip' needs parameter 'seconds'", "add seconds: ");
    }

    @Test
    void viewInAPairFedToNoEncoder() {
        assertProblem(only("views: [sound, later]}", "views: [sound]}"), 15, 21,
                "view 'later' is used in a pair (pairs[2].views) but fed to no encoder", "e.g. encoders.audio.views");
    }

    @Test
    void viewFedToTwoEncoders() {
        assertProblem(only("views: [sound, later]}", "views: [sound, later, img_b]}"), 11, 78,
                "view 'img_b' is fed to encoder 'image' and to encoder 'audio'", "declare a copy with {like: img_b}");
    }

    @Test
    void pairOfAViewWithItself() {
        assertProblem(only("views: [img_a, sound]", "views: [img_a, img_a]"), 14, 21, "pairs[1].views pairs view 'img_a' with itself", "{like: img_a}");
    }

    @Test
    void encoderFedViewsOfDifferentKinds() {
        var text = edit(edit(BASE, "views: [img_a, img_b]}", "views: [img_a, img_b, sound]}"), "views: [sound, later]}", "views: [later]}");
        assertProblem(onlyProblem(dir, "recipe.yaml", text), 10, 80,
                "encoder 'image' is fed views of different kinds: img_a, img_b end in image; sound ends in spectrogram",
                "its own encoder");
    }

    @Test
    void duplicateKey() {
        assertProblem(only("seed: 7\n", "seed: 7\nseed: 8\n"), 3, 1, "duplicate key 'seed' (first written at line 2, column 1)", "keep one");
    }

    @Test
    void unknownDatasetTypeAndScheduleAndOptimizer() {
        var text = edit(edit(edit(BASE, "type: manifest", "type: manifests"), "schedule: cosine", "schedule: cosin"), "type: adamw", "type: adamv");
        var problems = failure(dir, "recipe.yaml", text).problems();
        assertEquals(3, problems.size());
        assertProblem(problems.get(0), 3, 17, "dataset.type: unknown dataset type 'manifests'", "did you mean 'manifest'?");
        assertProblem(problems.get(1), 16, 51, "train.optimizer.type: unknown optimizer 'adamv'", "did you mean 'adamw'?");
        assertProblem(problems.get(2), 16, 99, "train.schedule: unknown schedule 'cosin'", "did you mean 'cosine'?");
    }

    @Test
    void severalProblemsAtOnceInFileOrder() {
        var text = BASE;
        text = edit(text, "seed: 7", "seed: seven");
        text = edit(text, "random_resized_crop", "random_resize_crop");
        text = edit(text, "critic: bilinear", "critic: bilinaer");
        text = edit(text, "epochs: 10", "epochs: 0");
        text = edit(text, "knn: {k: 20}", "knn: {k: 20, j: 1}");
        var problems = failure(dir, "recipe.yaml", text).problems();
        assertEquals(List.of("2:7", "5:30", "14:53", "16:17", "17:80"),
                problems.stream().map(p -> p.line() + ":" + p.column()).toList(), problems.toString());
        assertProblem(problems.get(4), 17, 80, "unknown key 'j' in eval.knn", "did you mean 'k'?");
    }

    @Test
    void fileProblemsHaveNoPosition() {
        var empty = failure(dir, "recipe.yaml", "").problems().get(0);
        assertEquals("the recipe file is empty", empty.message());
        var e = assertThrows(RecipeException.class, () -> RecipeFiles.LOADER.load(dir.resolve("absent.yaml")));
        assertEquals(dir.resolve("absent.yaml") + ": no such file — check the path", e.render());
        var wrongName = failure(dir, "recipe.txt", "name: x\n").problems().get(0);
        assertEquals(0, wrongName.line());
        assertEquals("a recipe file ends in .yaml, .yml or .json", wrongName.hint());
    }

    @Test
    void yamlAliasesAreRefused() {
        var text = edit(edit(BASE, "name: av-quickstart", "name: &n av-quickstart"), "name: img-img", "name: *n");
        assertProblem(onlyProblem(dir, "recipe.yaml", text), 13, 12, "YAML aliases ('*n') are not supported", "write the value out");
    }

    @Test
    void secondYamlDocumentIsRefused() {
        assertProblem(onlyProblem(dir, "recipe.yaml", BASE + "---\nname: other\n"), 19, 1,
                "the recipe file holds more than one document", "remove the second '---'");
    }
}
