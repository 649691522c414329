package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code per_frame}: a 2-D encoder type run on each frame of a frame stack and pooled over time gives what the same
 * 2-D encoder gives frame by frame, pooled by hand.
 */
class PerFrameTest {
    @TempDir
    Path dir;

    /** The embeddings of each 3-channel frame of {@code stacks} (N × 3T × H × W) by a plain 2-D encoder, N × T × d. */
    private static NDArray frameByFrame(Encoder plain, NDArray stacks) {
        var frames = new ArrayList<NDArray>();
        for (long t = 0; t < stacks.getShape().get(1) / 3; t++) {
            frames.add(plain.embed(stacks.get(new NDIndex(":, {}:{}", 3 * t, 3 * t + 3))));
        }
        return NDArrays.stack(new NDList(frames), 1);
    }

    @Test
    void aResNetPerFrameEmbedsTheMeanOrMaxOfItsFramesEmbeddings() throws IOException {
        try (var manager = NDManager.newBaseManager()) {
            var stacks = manager.randomNormal(new Shape(2, 12, 16, 16)); // 2 clips of 4 frames
            for (var pooling : new String[] {"mean", "max"}) {
                var resnet = EncoderTypes.standard().get("resnet");
                var perFrame = resnet.create(Map.of("width", 0.125, "per_frame", pooling, "projection", 8));
                assertInstanceOf(PerFrame.class, perFrame.backbone());
                perFrame.initialize(manager, DataType.FLOAT32, stacks.getShape());
                // train mode once, so that batch norm's running statistics are not the initial ones
                perFrame.forward(new ParameterStore(manager, false), new NDList(stacks), true);
                // the same weights in a plain resnet, read through torchvision's keys
                var weights = dir.resolve(pooling + ".npz");
                TorchvisionWeights.write(perFrame, weights);
                var plain = resnet.create(Map.of("width", 0.125));
                plain.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 16, 16));
                TorchvisionWeights.read(plain, weights);

                var frames = frameByFrame(plain, stacks);
                var expected = "mean".equals(pooling) ? frames.mean(new int[] {1}) : frames.max(new int[] {1});
                var actual = perFrame.embed(stacks);
                assertEquals(new Shape(2, 64), actual.getShape());
                float worst = expected.sub(actual).abs().max().getFloat();
                assertTrue(worst < 1e-5, pooling + ": largest difference " + worst);
                assertEquals(new Shape(2, 8), perFrame.project(stacks).getShape());
            }
        }
    }

    @Test
    void aConvPerFrameTakesClipsOfAnyLengthAndRefusesImagesOfOtherChannels() {
        try (var manager = NDManager.newBaseManager()) {
            var conv = EncoderTypes.standard().get("conv").create(Map.of("widths", java.util.List.of(4, 8), "dim", 6,
                    "per_frame", "mean"));
            conv.initialize(manager, DataType.FLOAT32, new Shape(2, 6, 8, 8));
            var one = manager.randomNormal(new Shape(2, 3, 8, 8));
            // a clip of one frame is that frame's embedding; three copies of it pool to the same
            var copies = one.concat(one, 1).concat(one, 1);
            float worst = conv.embed(one).sub(conv.embed(copies)).abs().max().getFloat();
            assertTrue(worst < 1e-6, "largest difference " + worst);
            var notStacks = assertThrows(IllegalArgumentException.class, () -> conv.embed(manager.randomNormal(new Shape(2, 4, 8, 8))));
            assertEquals("an encoder with per_frame expects a batch of frame stacks N × 3T × H × W (the frames op's views:"
                    + " RGB of frame 0, then of frame 1, …), got shape (2, 4, 8, 8)", notStacks.getMessage());
        }
    }

    @Test
    void perFrameChangesWhatTheTypeTakesAndLeftOutLeavesItAsItWas() {
        var resnet = EncoderTypes.standard().get("resnet");
        assertInstanceOf(EncoderInput.Maps.class, resnet.input(Map.of()));
        assertFalse(resnet.create(Map.of("width", 0.125)).backbone() instanceof PerFrame);
        var clips = assertInstanceOf(EncoderInput.Clips.class, resnet.input(Map.of("per_frame", "max")));
        assertEquals("runs on each frame of a frame stack (per_frame: max)", clips.why());
        assertInstanceOf(EncoderInput.Clips.class, EncoderTypes.standard().get("r2plus1d").input(Map.of()));
        var conv = assertInstanceOf(EncoderInput.Clips.class,
                EncoderTypes.standard().get("conv").input(Map.of("per_frame", "mean", "widths", java.util.List.of(4, 8, 16))));
        assertEquals(8, conv.minSide(), "three max-pools");
    }
}
