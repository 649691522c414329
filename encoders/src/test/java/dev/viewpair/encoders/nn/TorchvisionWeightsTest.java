package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
            assertEquals(file + " does not fit the encoder: 'conv1.weight' is (8, 3, 7, 7) in the file and (16, 3, 7, 7) in the"
                    + " encoder, 'bn1.weight' is (8) in the file and (16) in the encoder, 'bn1.bias' is (8) in the file and (16)"
                    + " in the encoder and 97 more keys: check the depth, width, stem and input channels", shapes.getMessage());
            var deeper = ResNet.builder().depth(34).width(0.125).build();
            deeper.initialize(manager, DataType.FLOAT32, shape);
            var missing = assertThrows(IllegalArgumentException.class, () -> TorchvisionWeights.read(deeper, file));
            assertTrue(missing.getMessage().startsWith(file + " does not fit the encoder: it lacks the encoder's 'layer1.2.conv1.weight'"
                    + " (8, 8, 3, 3), 'layer1.2.bn1.weight' (8), 'layer1.2.bn1.bias' (8) and "), missing.getMessage());
            var shallower = ResNet.builder().depth(18).width(0.125).build();
            var fromDeeper = dir.resolve("r34.npz");
            TorchvisionWeights.write(deeper, fromDeeper);
            shallower.initialize(manager, DataType.FLOAT32, shape);
            var unknown = assertThrows(IllegalArgumentException.class, () -> TorchvisionWeights.read(shallower, fromDeeper));
            assertTrue(unknown.getMessage().startsWith(fromDeeper + " does not fit the encoder: it holds 'layer1.2.conv1.weight',"
                    + " 'layer1.2.bn1.weight', 'layer1.2.bn1.bias' and "), unknown.getMessage());
            assertTrue(unknown.getMessage().endsWith(" more keys, which the encoder does not have: check the depth, width, stem"
                    + " and input channels"), unknown.getMessage());
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
                    ResNet.builder().depth(18).width(0.125).stem(ResNet.Stem.CIFAR), file));
            started.initialize(manager, DataType.FLOAT32, shape);
            assertEquals(0f, embedding(source, x, false).sub(embedding(started, x, false)).abs().max().getFloat());

            // the ImageNet stem's 7×7 conv1 does not fit the CIFAR stem's 3×3 one; the check needs no batch
            assertEquals(Optional.of(file + " does not fit the encoder: 'conv1.weight' is (8, 1, 3, 3) in the file and"
                    + " (8, 1, 7, 7) in the encoder"),
                    TorchvisionWeights.mismatch(ResNet.builder().depth(18).width(0.125), file));
            var notNpz = Files.writeString(dir.resolve("weights.npz"), "not a zip");
            assertTrue(TorchvisionWeights.mismatch(ResNet.builder(), notNpz).orElseThrow().startsWith(notNpz.toString()));
        }
    }

    @Test
    void theStateDictShapesNeedNoEncoderAndAreTheBuiltOnes() {
        try (var manager = NDManager.newBaseManager()) {
            for (int depth : new int[] {18, 34, 50}) {
                for (var stem : ResNet.Stem.values()) {
                    for (long channels : new long[] {1, 3}) {
                        var builder = ResNet.builder().depth(depth).stem(stem).width(0.125);
                        var encoder = builder.build();
                        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, channels, 32, 32));
                        var built = TorchvisionWeights.parameters(encoder);
                        var computed = builder.stateDictShapes(channels);
                        var at = "depth " + depth + ", " + stem + ", " + channels + " channels";
                        assertEquals(List.copyOf(built.keySet()), List.copyOf(computed.keySet()), at);
                        built.forEach((key, p) -> assertArrayEquals(p.getArray().getShape().getShape(), computed.get(key),
                                at + ": " + key));
                    }
                }
            }
        }
    }

    @Test
    void torchvisionsOwnStateDictIsCheckedFromItsHeadersAlone() throws Exception {
        DebianPython.assumeModules("torch", "torchvision", "numpy");
        var file = dir.resolve("torchvision-r50.npz");
        // torchvision's own resnet50 (fc and num_batches_tracked included), saved compressed by numpy
        DebianPython.runOk("-c", String.join("\n",
                "import numpy, torchvision, sys",
                "m = torchvision.models.resnet50()",
                "numpy.savez_compressed(sys.argv[1], **{k: v.numpy() for k, v in m.state_dict().items()})"),
                file.toString());
        assertEquals(Optional.empty(), TorchvisionWeights.mismatch(ResNet.builder().depth(50), file));
        assertEquals(OptionalLong.of(3), TorchvisionWeights.inputChannels(file));
        var wrong = TorchvisionWeights.mismatch(ResNet.builder().depth(34).stem(ResNet.Stem.CIFAR), file).orElseThrow();
        assertTrue(wrong.startsWith(file + " does not fit the encoder: it holds 'layer1.0.conv3.weight', 'layer1.0.bn3.weight',"
                + " 'layer1.0.bn3.bias' and "), wrong);
        assertTrue(wrong.contains("; 'conv1.weight' is (64, 3, 7, 7) in the file and (64, 3, 3, 3) in the encoder, "
                + "'layer1.0.conv1.weight' is (64, 64, 1, 1) in the file and (64, 64, 3, 3) in the encoder, "), wrong);
        var gone = dir.resolve("gone.npz");
        assertEquals(Optional.of(gone + " does not exist"), TorchvisionWeights.mismatch(ResNet.builder(), gone));
        assertEquals(OptionalLong.empty(), TorchvisionWeights.inputChannels(gone));
    }
}
