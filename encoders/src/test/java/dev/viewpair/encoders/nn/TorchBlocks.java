package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Test helper: a block compared with the same block built in PyTorch ({@code torch_blocks.py}, run with Debian's
 * {@code /usr/bin/python3}) from the same weights; the caller is skipped where torch is missing.
 */
final class TorchBlocks {
    private TorchBlocks() {}

    /** Skips the calling test unless {@code /usr/bin/python3} imports torch. */
    static void assumeTorch() {
        DebianPython.assumeModules("torch");
    }

    /**
     * Runs {@code block} (initialized) on {@code x} in training mode, then in eval mode, and asserts that PyTorch's
     * block of {@code spec} (a JSON object's fields, without the weights and input) gives the same within 1e-5.
     */
    static void assertSameAsTorch(Path dir, String spec, Block block, NDArray x, NDManager manager) throws IOException {
        var script = dir.resolve("torch_blocks.py");
        try (InputStream in = TorchBlocks.class.getResourceAsStream("/torch_blocks.py")) {
            Files.write(script, in.readAllBytes());
        }
        // the weights before the training pass moves BatchNorm's running statistics
        var params = block.getParameters().stream()
                .map(p -> floats(p.getValue().getArray().toFloatArray())).collect(Collectors.joining(", ", "[", "]"));
        var file = Files.writeString(dir.resolve("spec.json"), "{" + spec + ", \"params\": " + params + ", \"x\": "
                + floats(x.toFloatArray()) + ", \"x_shape\": " + Arrays.toString(x.getShape().getShape()) + "}");
        var store = new ParameterStore(manager, false);
        float[] train = block.forward(store, new NDList(x), true).singletonOrThrow().toFloatArray();
        float[] inference = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
        var lines = DebianPython.runOk(script.toString(), file.toString()).strip().lines().toList();
        assertArrayEquals(parse(lines.get(0)), train, 1e-5f, spec + " in training mode");
        assertArrayEquals(parse(lines.get(1)), inference, 1e-5f, spec + " in eval mode");
    }

    private static String floats(float[] values) {
        var text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return text.append(']').toString();
    }

    private static float[] parse(String line) {
        var parts = line.trim().split(" ");
        var out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i]);
        }
        return out;
    }
}
