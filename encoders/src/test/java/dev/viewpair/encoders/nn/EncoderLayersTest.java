package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of every encoder type a recipe can read ({@code VIEW@stage2}): their names, widths and shapes, stages
 * read from the encoder's own forward pass (the embedding and projection equal today's), local outputs channels last,
 * and gradients reaching a stage's weights, and only them, through a loss on the stage.
 */
class EncoderLayersTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static Encoder initialized(String type, Map<String, Object> params, Shape input) {
        Encoder encoder = EncoderTypes.standard().get(type).create(params);
        encoder.initialize(manager, DataType.FLOAT32, input);
        return encoder;
    }

    private static List<String> names(Encoder encoder) {
        return encoder.layers().stream().map(EncoderLayer::name).toList();
    }

    /** Each stage's output shape {@code B×P×C} and grid, and the embedding and projection equal embed and project. */
    private static void checkLayers(Encoder encoder, Shape input, List<Shape> stageGrids) {
        NDArray x = manager.randomNormal(input);
        var stages = encoder.layers().stream().filter(l -> l.name().startsWith(EncoderLayer.STAGE)).toList();
        assertEquals(stageGrids.size(), stages.size(), names(encoder).toString());
        var wanted = new java.util.HashSet<String>(names(encoder));
        var out = encoder.layers(x, wanted);
        for (int i = 0; i < stages.size(); i++) {
            var layer = stages.get(i);
            var output = out.get(layer.name());
            assertEquals(layer.local(), output.local(), layer.name());
            long b = input.get(0);
            var expected = layer.local() ? new Shape(b, stageGrids.get(i).size(), layer.width()) : new Shape(b, layer.width());
            assertEquals(expected, output.values().getShape(), layer.name());
            assertEquals(stageGrids.get(i), output.grid(), layer.name());
        }
        assertEquals(encoder.embed(x), out.get(EncoderLayer.EMBEDDING).values(), "embedding");
        assertEquals(encoder.project(x), out.get(EncoderLayer.PROJECTION).values(), "projection");
        assertEquals(encoder.dim(), encoder.layer(EncoderLayer.EMBEDDING).orElseThrow().width());
        assertEquals(encoder.projectionDim(), encoder.layer(EncoderLayer.PROJECTION).orElseThrow().width());
    }

    @Test
    void convStagesAreEachBlocksFeatureMapAfterItsHalving() {
        var input = new Shape(2, 3, 16, 16);
        Encoder encoder = initialized("conv", Map.of("widths", List.of(4, 8, 16), "dim", 12, "projection", 6), input);
        assertEquals(List.of("stage1", "stage2", "stage3", "embedding", "projection"), names(encoder));
        assertEquals(List.of(4, 8, 16), encoder.layers().subList(0, 3).stream().map(EncoderLayer::width).toList());
        checkLayers(encoder, input, List.of(new Shape(8, 8), new Shape(4, 4), new Shape(2, 2)));
    }

    @Test
    void resnetStagesAreTorchvisionsLayers() {
        var input = new Shape(2, 3, 16, 16);
        Encoder encoder = initialized("resnet", Map.of("width", 0.25, "stem", "cifar"), input);
        assertEquals(List.of(16, 32, 64, 128), encoder.layers().subList(0, 4).stream().map(EncoderLayer::width).toList());
        checkLayers(encoder, input, List.of(new Shape(16, 16), new Shape(8, 8), new Shape(4, 4), new Shape(2, 2)));
    }

    @Test
    void conv1dStagesAreSequencesMlpStagesVectors() {
        var waves = new Shape(2, 1, 256);
        Encoder conv1d = initialized("conv1d", Map.of("widths", List.of(4, 8), "dim", 8), waves);
        checkLayers(conv1d, waves, List.of(new Shape(64), new Shape(16)));
        var flat = new Shape(3, 1, 4, 4);
        Encoder mlp = initialized("mlp", Map.of("widths", List.of(10, 6), "dim", 5), flat);
        assertFalse(mlp.layer("stage1").orElseThrow().local());
        checkLayers(mlp, flat, List.of(new Shape(), new Shape()));
    }

    @Test
    void vitStagesArePatchTokensAndR2plus1dStagesVolumes() {
        var images = new Shape(2, 3, 16, 16);
        Encoder vit = initialized("vit", Map.of("patch", 4, "depth", 2, "width", 12, "heads", 2, "projection", 8), images);
        assertEquals(List.of("stage1", "stage2", "embedding", "projection"), names(vit));
        checkLayers(vit, images, List.of(new Shape(4, 4), new Shape(4, 4)));
        var clips = new Shape(2, 3 * 4, 16, 16);
        Encoder video = initialized("r2plus1d", Map.of("width", 0.125), clips);
        // layer1 keeps T, H/2, W/2 after the stem's spatial stride; each later stage halves all three
        checkLayers(video, clips, List.of(new Shape(4, 8, 8), new Shape(2, 4, 4), new Shape(1, 2, 2), new Shape(1, 1, 1)));
    }

    @Test
    void localOutputsAreChannelsLastInRowMajorPositionOrder() {
        NDArray maps = manager.arange(2f * 3 * 2 * 4).reshape(2, 3, 2, 4); // B×C×H×W
        var output = LayerOutput.channelsFirst(maps);
        assertEquals(new Shape(2, 4), output.grid());
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 4; w++) {
                        assertEquals(maps.getFloat(b, c, h, w), output.values().getFloat(b, h * 4 + w, c));
                    }
                }
            }
        }
    }

    @Test
    void aLossOnAStageReachesTheWeightsUpToItAndNoFurther() {
        var input = new Shape(4, 3, 16, 16);
        Encoder encoder = initialized("conv", Map.of("widths", List.of(4, 8, 16), "dim", 12, "projection", 6), input);
        var store = new ParameterStore(manager, false);
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.randomNormal(input);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                var out = encoder.forwardLayers(store, x, true, Set.of("stage2"));
                assertEquals(Set.of("stage2"), out.keySet());
                collector.backward(out.get("stage2").values().square().mean());
            }
            for (var p : encoder.getParameters()) {
                if (!p.getValue().getType().equals(ai.djl.nn.Parameter.Type.WEIGHT)) {
                    continue;
                }
                double norm = p.getValue().getArray().getGradient().abs().sum().getFloat();
                // backbone children: 01 input check, 02 conv1, 03 bn, … 06 conv2, … 10 conv3, … 15 linear
                boolean upToStage2 = p.getKey().contains("backbone_02") || p.getKey().contains("backbone_06");
                assertEquals(upToStage2, norm > 0, p.getKey() + " gradient " + norm);
            }
        }
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> encoder.forwardLayers(store, manager.randomNormal(input), false, Set.of("stage4")));
        assertTrue(unknown.getMessage().contains("stage3"), unknown.getMessage());
    }
}
