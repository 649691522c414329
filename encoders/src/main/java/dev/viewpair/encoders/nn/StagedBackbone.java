package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backbone whose intermediate stages a recipe can read ({@code VIEW@stage2}): its stages in order, and a forward
 * pass that hands out the ones asked for beside the embedding. The pass is the backbone's own, so reading a stage
 * changes nothing of the embedding and its gradients reach the stage's weights through both.
 */
public interface StagedBackbone {
    /** The stages, {@code stage1} first. */
    List<EncoderLayer> stages();

    /**
     * The forward pass of the backbone.
     *
     * @param wanted the names of the stages to hand out (others are ignored)
     * @param out receives each wanted stage's output by name
     * @return the {@code B×dim} embedding
     */
    NDArray forward(ParameterStore store, NDArray x, boolean training, Set<String> wanted, Map<String, LayerOutput> out);
}
