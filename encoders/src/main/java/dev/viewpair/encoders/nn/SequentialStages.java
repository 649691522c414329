package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stages of a {@link SequentialBlock} backbone (the conv, conv1d and mlp encoders): the block's children run one
 * by one, as the block itself runs them, and a stage is read after the child that ends it. The block and its
 * parameter names are unchanged, so checkpoints written before stages existed load.
 */
final class SequentialStages implements StagedBackbone {
    private final SequentialBlock backbone;
    private final List<EncoderLayer> stages = new ArrayList<>();
    private final List<Integer> ends = new ArrayList<>();

    SequentialStages(SequentialBlock backbone) {
        this.backbone = backbone;
    }

    /**
     * Declares the next stage as ending with the child added last to the backbone.
     *
     * @param local whether its output is channels-first features {@code B×C×…} (read channels last), rather than
     *     {@code B×D} vectors
     */
    SequentialStages endStage(boolean local, int width, String doc) {
        stages.add(EncoderLayer.stage(stages.size() + 1, local, width, doc));
        ends.add(backbone.getChildren().size() - 1);
        return this;
    }

    @Override
    public List<EncoderLayer> stages() {
        return List.copyOf(stages);
    }

    @Override
    public NDArray forward(ParameterStore store, NDArray x, boolean training, Set<String> wanted,
            Map<String, LayerOutput> out) {
        var children = backbone.getChildren().values();
        var current = new NDList(x);
        int index = 0;
        int next = 0;
        for (Block child : children) {
            current = child.forward(store, current, training);
            if (next < ends.size() && ends.get(next) == index) {
                var stage = stages.get(next);
                if (wanted.contains(stage.name())) {
                    var values = current.singletonOrThrow();
                    out.put(stage.name(), stage.local() ? LayerOutput.channelsFirst(values) : LayerOutput.global(values));
                }
                next++;
            }
            index++;
        }
        return current.singletonOrThrow();
    }
}
