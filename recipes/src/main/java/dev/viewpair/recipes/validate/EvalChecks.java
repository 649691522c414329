package dev.viewpair.recipes.validate;

import dev.viewpair.datasets.shards.ShardIndex;
import dev.viewpair.recipes.model.DatasetDecl;
import dev.viewpair.recipes.model.EvalDecl;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;

/**
 * Refuses an evaluation the run could not make and would skip without a word. The linear probe and kNN fit on the
 * train split and score on the test split, so they need a dataset with one; retrieval and sync fall back to the train
 * split, and their views, pairs and encoders are checked where the eval section is read.
 */
final class EvalChecks {
    private EvalChecks() {}

    /**
     * Reports each classifier evaluation that needs a test split the dataset does not have, at its key in {@code eval}.
     *
     * @param node the eval section as written
     */
    static void check(PosNode node, EvalDecl eval, DatasetDecl dataset, Problems problems) {
        if (!(node instanceof PosNode.Mapping section) || hasTestSplit(dataset)) {
            return;
        }
        var asked = new LinkedHashMap<String, Boolean>();
        asked.put("linear_probe", eval.linearProbe().isPresent());
        asked.put("knn", eval.knn().isPresent());
        asked.forEach((key, present) -> {
            if (present) {
                problems.add(section.entries().get(key), "eval." + key + " scores on the test split, and the dataset has"
                        + " none: the run would skip it", testSplitFix(dataset, key));
            }
        });
    }

    private static String testSplitFix(DatasetDecl dataset, String key) {
        if (DatasetDecl.SHARDS.equals(dataset.type())) {
            return "preprocess with a recipe whose dataset.split has a test fraction, or remove eval." + key;
        }
        return "give the dataset a test split, split: {train: 0.8, test: 0.2}, or a test set of its own, test: PATH;"
                + " or remove eval." + key;
    }

    /**
     * Whether the run will have a test split: a test fraction, a test set, or shards written with one (a shards folder
     * that cannot be read yet is given the benefit of the doubt: the run reports it).
     */
    private static boolean hasTestSplit(DatasetDecl dataset) {
        if (dataset.test() != null || dataset.split().containsKey("test")) {
            return true;
        }
        if (!DatasetDecl.SHARDS.equals(dataset.type()) || dataset.path() == null) {
            return false;
        }
        if (!Files.isRegularFile(dataset.path().resolve(ShardIndex.FILE))) {
            return true;
        }
        try {
            return ShardIndex.read(dataset.path()).split().containsKey("test");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
