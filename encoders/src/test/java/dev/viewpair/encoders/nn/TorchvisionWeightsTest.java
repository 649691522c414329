package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights under torchvision's keys: viewpair's ResNet-18 with torchvision's weights gives torchvision's embedding
 * (checked against Debian's PyTorch when it is installed), and what viewpair writes it reads back.
 */
class TorchvisionWeightsTest {
    @TempDir
    Path dir;

    private static NDList decode(NDManager manager, Path npz) throws IOException {
        try (InputStream in = Files.newInputStream(npz)) {
            return NDList.decode(manager, in);
        }
    }

    private static NDArray embedding(Encoder encoder, NDArray x, boolean training) {
        return encoder.backbone().forward(new ParameterStore(x.getManager(), false), new NDList(x), training).singletonOrThrow();
    }

    private static void assertClose(NDArray expected, NDArray actual, String mode) {
        assertEquals(expected.getShape(), actual.getShape(), mode);
        float worst = expected.sub(actual).abs().max().getFloat();
        assertTrue(worst < 1e-4, mode + ": largest difference from torchvision " + worst);
    }

    @Test
    void resNet18WithTorchvisionsWeightsGivesTorchvisionsEmbeddingInEvalAndTrainMode() throws Exception {
        DebianPython.assumeModules("torch", "torchvision");
        var script = dir.resolve("torchvision_resnet18.py");
        try (var in = getClass().getResourceAsStream("torchvision_resnet18.py")) {
            Files.copy(in, script);
        }
        DebianPython.runOk(script.toString(), dir.toString());

        try (var manager = NDManager.newBaseManager()) {
            var io = decode(manager, dir.resolve("io.npz"));
            var x = io.get("x");
            var encoder = ResNet.builder().depth(18).build();
            encoder.initialize(manager, DataType.FLOAT32, x.getShape());
            TorchvisionWeights.read(encoder, dir.resolve("weights.npz"));
            assertClose(io.get("eval"), embedding(encoder, x, false), "eval");
            // written back under the same keys, with the counters torchvision's load_state_dict expects (before a
            // forward pass in train mode updates the running statistics)
            var written = dir.resolve("written.npz");
            TorchvisionWeights.write(encoder, written);
            assertClose(io.get("train"), embedding(encoder, x, true), "train");
            // and the pass updated the running statistics as torchvision's did
            var after = decode(manager, dir.resolve("after_train.npz"));
            TorchvisionWeights.parameters(encoder).forEach((key, p) -> {
                if (key.contains("running_")) {
                    assertClose(after.get(key), p.getArray(), key + " after a train-mode pass");
                }
            });
            var loaded = DebianPython.runOk("-c", String.join("\n",
                    "import numpy, torch, torchvision, sys",
                    "m = torchvision.models.resnet18(); m.fc = torch.nn.Identity()",
                    "m.load_state_dict({k: torch.from_numpy(v) for k, v in numpy.load(sys.argv[1]).items()})",
                    "m.eval(); x = torch.from_numpy(numpy.load(sys.argv[2])['x'])",
                    "print(float((m(x) - torch.from_numpy(numpy.load(sys.argv[2])['eval'])).abs().max()))"),
                    written.toString(), dir.resolve("io.npz").toString()).strip();
            assertTrue(Double.parseDouble(loaded.lines().reduce((a, b) -> b).orElseThrow()) < 1e-5, loaded);
        }
    }

    @Test
    void writtenWeightsReadBackAndMismatchesNameTheKey() throws IOException {
        try (var manager = NDManager.newBaseManager()) {
            var shape = new Shape(2, 3, 16, 16);
            var x = manager.randomNormal(shape);
            var source = ResNet.builder().depth(18).width(0.125).build();
            source.initialize(manager, DataType.FLOAT32, shape);
            embedding(source, x, true); // moves the running statistics off their initial values
            var file = dir.resolve("r18.npz");
            TorchvisionWeights.write(source, file);
            var keys = decode(manager, file).stream().map(NDArray::getName).toList();
            assertEquals(100 + 20, keys.size(), "100 parameters and 20 batch-norm counters");
            assertTrue(keys.contains("layer3.0.downsample.1.num_batches_tracked"), keys.toString());

            var target = ResNet.builder().depth(18).width(0.125).build();
            target.initialize(manager, DataType.FLOAT32, shape);
            TorchvisionWeights.read(target, file);
            assertEquals(0f, embedding(source, x, false).sub(embedding(target, x, false)).abs().max().getFloat());

            var wider = ResNet.builder().depth(18).width(0.25).build();
            wider.initialize(manager, DataType.FLOAT32, shape);
            var shapes = assertThrows(IllegalArgumentException.class, () -> TorchvisionWeights.read(wider, file));
            assertEquals("'conv1.weight' has shape (8, 3, 7, 7) in " + file + ", the encoder's is (16, 3, 7, 7)"
                    + ": check the depth, width, stem and input channels", shapes.getMessage());
            var deeper = ResNet.builder().depth(34).width(0.125).build();
            deeper.initialize(manager, DataType.FLOAT32, shape);
            var missing = assertThrows(IllegalArgumentException.class, () -> TorchvisionWeights.read(deeper, file));
            assertEquals(file + " lacks 'layer1.2.conv1.weight' of shape (8, 8, 3, 3)", missing.getMessage());
            var shallower = ResNet.builder().depth(18).width(0.125).build();
            var fromDeeper = dir.resolve("r34.npz");
            TorchvisionWeights.write(deeper, fromDeeper);
            shallower.initialize(manager, DataType.FLOAT32, shape);
            var unknown = assertThrows(IllegalArgumentException.class, () -> TorchvisionWeights.read(shallower, fromDeeper));
            assertEquals(fromDeeper + " holds 'layer1.2.conv1.weight', which the encoder does not have"
                    + ": it is not a torchvision state dict of this depth", unknown.getMessage());
        }
    }

    @Test
    void anEncoderBuiltWithInitStartsFromTheFilesWeightsAndAMismatchIsFoundBeforeTraining() throws IOException {
        try (var manager = NDManager.newBaseManager()) {
            var shape = new Shape(2, 1, 12, 12);
            var x = manager.randomNormal(shape);
            var source = ResNet.builder().depth(18).width(0.125).stem(ResNet.Stem.CIFAR).build();
            source.initialize(manager, DataType.FLOAT32, shape);
            var file = dir.resolve("spectrogram-r18.npz");
            TorchvisionWeights.write(source, file);

            var started = ResNet.builder().depth(18).width(0.125).stem(ResNet.Stem.CIFAR).init(file).build();
            assertEquals(Optional.empty(), TorchvisionWeights.mismatch(
                    ResNet.builder().depth(18).width(0.125).stem(ResNet.Stem.CIFAR).build(), file));
            started.initialize(manager, DataType.FLOAT32, shape);
            assertEquals(0f, embedding(source, x, false).sub(embedding(started, x, false)).abs().max().getFloat());

            // the ImageNet stem's 7×7 conv1 does not fit the CIFAR stem's 3×3 one; the check needs no batch
            assertEquals(Optional.of("'conv1.weight' has shape (8, 1, 3, 3) in " + file + ", the encoder's is"
                    + " (8, 1, 7, 7): check the depth, width, stem and input channels"),
                    TorchvisionWeights.mismatch(ResNet.builder().depth(18).width(0.125).build(), file));
            var notNpz = Files.writeString(dir.resolve("weights.npz"), "not a zip");
            assertTrue(TorchvisionWeights.mismatch(ResNet.builder().build(), notNpz).orElseThrow().startsWith(notNpz.toString()));
        }
    }
}
