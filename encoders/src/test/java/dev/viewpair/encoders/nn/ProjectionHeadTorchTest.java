package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.viewpair.encoders.nn.ProjectionHead.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SimCLR, BYOL and DINO heads give PyTorch's outputs with the same weights, in training mode (BatchNorm on the
 * batch) and then in eval mode (on the running statistics the training pass moved). Skipped without Debian's PyTorch.
 */
class ProjectionHeadTorchTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static boolean torchAvailable() {
        try {
            var process = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void headsMatchPyTorch(@TempDir Path dir) throws Exception {
        assumeTrue(torchAvailable(), "needs " + PYTHON + " with torch");
        var script = dir.resolve("heads_torch.py");
        try (InputStream in = getClass().getResourceAsStream("/heads_torch.py")) {
            Files.write(script, in.readAllBytes());
        }
        int d = 5;
        for (var head : List.of(new ProjectionHead(Kind.SIMCLR, 7, 0, 3), new ProjectionHead(Kind.BYOL, 7, 0, 3),
                new ProjectionHead(Kind.DINO, 6, 4, 3))) {
            try (var manager = NDManager.newBaseManager()) {
                var block = head.block();
                block.initialize(manager, DataType.FLOAT32, new Shape(6, d));
                var x = manager.randomNormal(new Shape(6, d)).mul(2).add(0.5f);
                var params = block.getParameters().stream()
                        .map(p -> floats(p.getValue().getArray().toFloatArray())).collect(Collectors.joining(", ", "[", "]"));
                var spec = dir.resolve(head.kind().key() + ".json");
                Files.writeString(spec, "{\"kind\": \"" + head.kind().key() + "\", \"dim\": " + d + ", \"hidden\": " + head.hidden()
                        + ", \"bottleneck\": " + head.bottleneck() + ", \"out\": " + head.out() + ", \"params\": " + params
                        + ", \"x\": " + floats(x.toFloatArray()) + "}");
                var store = new ParameterStore(manager, false);
                float[] train = block.forward(store, new NDList(x), true).singletonOrThrow().toFloatArray();
                float[] inference = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();

                var process = new ProcessBuilder(PYTHON, script.toString(), spec.toString()).redirectErrorStream(true).start();
                var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, process.waitFor(), output);
                var lines = output.strip().lines().toList();
                assertArrayEquals(parse(lines.get(0)), train, 1e-5f, head + " in training mode");
                assertArrayEquals(parse(lines.get(1)), inference, 1e-5f, head + " in eval mode");
            }
        }
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
