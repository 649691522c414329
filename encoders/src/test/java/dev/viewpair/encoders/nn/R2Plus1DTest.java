package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * torchvision's R(2+1)D: its parameter count from the architecture's formula and torchvision's, its state-dict keys, and
 * with torchvision's weights torchvision's embedding (checked against Debian's PyTorch when it is installed).
 */
class R2Plus1DTest {
    @TempDir
    Path dir;

    /** Trainable parameters as torchvision counts them: convolution weights, batch-norm weights and biases. */
    private static long trainable(Encoder encoder) {
        return encoder.getParameters().values().stream().filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().size()).sum();
    }

    /**
     * The count by hand from the paper's description: a convolution of k taps from i to o channels has i·o·k weights, a
     * batch norm 2 per channel; (2+1)-D convolutions of a block from i to o channels go through ⌊27·i·o / (9i + 3o)⌋.
     */
    private static long formula(int[] blocks, int base, int stemMiddle) {
        long count = 3L * stemMiddle * 49 + 2L * stemMiddle + (long) stemMiddle * base * 3 + 2L * base;
        int in = base;
        for (int stage = 0; stage < 4; stage++) {
            int out = base << stage;
            for (int b = 0; b < blocks[stage]; b++) {
                long mid = 27L * in * out / (9L * in + 3L * out);
                count += in * mid * 9 + 2 * mid + mid * out * 3 + 2L * out; // conv1: spatial, BN, temporal, BN
                count += out * mid * 9 + 2 * mid + mid * out * 3 + 2L * out; // conv2
                if (in != out || (b == 0 && stage > 0)) {
                    count += (long) in * out + 2L * out; // downsample: 1×1×1 convolution, BN
                }
                in = out;
            }
        }
        return count;
    }

    private static long built(int depth, double width) {
        try (var manager = NDManager.newBaseManager()) {
            var encoder = R2Plus1D.builder().depth(depth).width(width).build();
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 6, 16, 16));
            assertEquals(R2Plus1D.embeddingSize(width), encoder.dim());
            return trainable(encoder);
        }
    }

    @Test
    void itHasTorchvisionsParameterCountWithoutTheClassifierAndTheFormulasAtEveryWidth() {
        // torchvision 0.14's r2plus1d_18 without fc, and its VideoResNet of Conv2Plus1D basic blocks [3, 4, 6, 3]
        assertEquals(31_300_125, formula(new int[] {2, 2, 2, 2}, 64, 45));
        assertEquals(61_626_461, formula(new int[] {3, 4, 6, 3}, 64, 45));
        assertEquals(31_300_125, built(18, 1));
        assertEquals(formula(new int[] {2, 2, 2, 2}, 16, 11), built(18, 0.25));
        assertEquals(formula(new int[] {3, 4, 6, 3}, 8, 6), built(34, 0.125));
        assertEquals(512, R2Plus1D.embeddingSize(1));
        assertEquals(128, R2Plus1D.embeddingSize(0.25));
    }

    @Test
    void itsWeightsHaveTorchvisionsStateDictKeysAndItPoolsFrameStacksOfAnySize() {
        try (var manager = NDManager.newBaseManager()) {
            var encoder = R2Plus1D.builder().width(0.125).head(ProjectionHead.mlp(16, 8)).build();
            encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 12, 16, 16));
            var keys = List.copyOf(TorchvisionWeights.parameters(encoder).keySet());
            assertEquals(List.of("stem.0.weight", "stem.1.weight", "stem.1.bias", "stem.1.running_mean", "stem.1.running_var",
                    "stem.3.weight", "stem.4.weight", "stem.4.bias", "stem.4.running_mean", "stem.4.running_var",
                    "layer1.0.conv1.0.0.weight", "layer1.0.conv1.0.1.weight"), keys.subList(0, 12));
            assertTrue(keys.contains("layer2.0.downsample.0.weight") && keys.contains("layer4.1.conv2.1.running_var"), keys.toString());
            assertTrue(!keys.contains("layer1.0.downsample.0.weight"), "layer1 keeps its channels and size");
            var params = TorchvisionWeights.parameters(encoder);
            // layer2's first block: 8 → 16 channels through ⌊27·8·16 / (9·8 + 3·16)⌋ = 28
            assertEquals(new Shape(28, 8, 1, 3, 3), params.get("layer2.0.conv1.0.0.weight").getArray().getShape());
            assertEquals(new Shape(16, 28, 3, 1, 1), params.get("layer2.0.conv1.0.3.weight").getArray().getShape());
            assertEquals(new Shape(16, 8, 1, 1, 1), params.get("layer2.0.downsample.0.weight").getArray().getShape());
            assertEquals(new Shape(6, 3, 1, 7, 7), params.get("stem.0.weight").getArray().getShape());

            var store = new ParameterStore(manager, false);
            for (var shape : List.of(new Shape(3, 12, 16, 16), new Shape(2, 3, 20, 24), new Shape(2, 24, 9, 9))) {
                var out = encoder.forward(store, new NDList(manager.randomNormal(shape)), true);
                assertEquals(new Shape(shape.get(0), 64), out.get(0).getShape(), shape.toString());
                assertEquals(new Shape(shape.get(0), 8), out.get(1).getShape(), shape.toString());
            }
            var images = assertThrows(IllegalArgumentException.class,
                    () -> encoder.embed(manager.randomNormal(new Shape(2, 4, 16, 16))));
            assertTrue(images.getMessage().contains("expects a batch of frame stacks N × 3T × H × W"), images.getMessage());
        }
    }

    private static NDList decode(NDManager manager, Path npz) throws IOException {
        try (InputStream in = Files.newInputStream(npz)) {
            return NDList.decode(manager, in);
        }
    }

    private static void assertClose(NDArray expected, NDArray actual, String mode) {
        assertEquals(expected.getShape(), actual.getShape(), mode);
        float worst = expected.sub(actual).abs().max().getFloat();
        assertTrue(worst < 1e-4, mode + ": largest difference from torchvision " + worst);
    }

    @Test
    void withTorchvisionsWeightsItGivesTorchvisionsEmbeddingInEvalAndTrainMode() throws Exception {
        DebianPython.assumeModules("torch", "torchvision");
        var script = dir.resolve("torchvision_r2plus1d18.py");
        try (var in = getClass().getResourceAsStream("torchvision_r2plus1d18.py")) {
            Files.copy(in, script);
        }
        var counts = DebianPython.runOk(script.toString(), dir.toString()).strip().lines().toList();
        assertEquals(List.of("31300125", "61626461"), counts.subList(counts.size() - 2, counts.size()),
                "torchvision's counts of R(2+1)D-18 and -34, which the formula's test pins");

        try (var manager = NDManager.newBaseManager()) {
            var io = decode(manager, dir.resolve("io.npz"));
            var stacks = io.get("stacks");
            var weights = dir.resolve("weights.npz");
            var encoder = R2Plus1D.builder().init(weights).build();
            assertEquals(Optional.empty(), TorchvisionWeights.mismatch(R2Plus1D.builder().build(), weights));
            encoder.initialize(manager, DataType.FLOAT32, stacks.getShape());
            var store = new ParameterStore(manager, false);
            assertClose(io.get("eval"), encoder.backbone().forward(store, new NDList(stacks), false).singletonOrThrow(), "eval");
            var written = dir.resolve("written.npz");
            TorchvisionWeights.write(encoder, written);
            assertClose(io.get("train"), encoder.backbone().forward(store, new NDList(stacks), true).singletonOrThrow(), "train");
            // torchvision loads what viewpair writes (strict: the same keys) and gives the same embedding
            var loaded = DebianPython.runOk("-c", String.join("\n",
                    "import numpy, torch, sys",
                    "from torchvision.models.video import r2plus1d_18",
                    "m = r2plus1d_18(); m.fc = torch.nn.Identity()",
                    "m.load_state_dict({k: torch.from_numpy(v) for k, v in numpy.load(sys.argv[1]).items()})",
                    "m.eval(); io = numpy.load(sys.argv[2])",
                    "print(float((m(torch.from_numpy(io['x'])) - torch.from_numpy(io['eval'])).abs().max()))"),
                    written.toString(), dir.resolve("io.npz").toString()).strip();
            assertTrue(Double.parseDouble(loaded.lines().reduce((a, b) -> b).orElseThrow()) < 1e-5, loaded);
            // a reduced width does not fit torchvision's weights, and says which key
            var mismatch = TorchvisionWeights.mismatch(R2Plus1D.builder().width(0.5).build(), weights).orElseThrow();
            assertTrue(mismatch.startsWith(weights + " does not fit the encoder: 'stem.0.weight' is (45, 3, 1, 7, 7) in the"
                    + " file and (23, 3, 1, 7, 7) in the encoder"), mismatch);
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertEquals("R(2+1)D depth must be 18 or 34, got 50",
                assertThrows(IllegalArgumentException.class, () -> R2Plus1D.builder().depth(50)).getMessage());
        assertEquals("R(2+1)D width must be positive, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> R2Plus1D.builder().width(0)).getMessage());
    }
}
