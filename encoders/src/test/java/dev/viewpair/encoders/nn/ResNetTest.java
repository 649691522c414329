package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** torchvision's ResNet: its parameter counts, names and shapes, for both stems. */
class ResNetTest {
    /** Trainable parameters as torchvision counts them: convolution weights, batch-norm weights and biases. */
    private static long trainable(Encoder encoder) {
        return encoder.getParameters().values().stream().filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void resNet18And50HaveTorchvisionsParameterCountsWithoutTheClassifier() {
        try (var sub = NDManager.newBaseManager()) {
            var r18 = ResNet.builder().depth(18).build();
            r18.initialize(sub, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertEquals(11_176_512, trainable(r18));
            assertEquals(512, r18.dim());
            var r50 = ResNet.builder().depth(50).build();
            r50.initialize(sub, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertEquals(23_508_032, trainable(r50));
            assertEquals(2048, r50.dim());
        }
    }

    @Test
    void itsWeightsHaveTorchvisionsStateDictKeys() {
        try (var sub = NDManager.newBaseManager()) {
            var r18 = ResNet.builder().depth(18).width(0.125).build();
            r18.initialize(sub, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            var keys = List.copyOf(TorchvisionWeights.parameters(r18).keySet());
            // torchvision's 122 keys less fc.weight, fc.bias and the 20 batch norms' num_batches_tracked
            assertEquals(100, keys.size());
            assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                    "layer1.0.conv1.weight", "layer1.0.bn1.weight"), keys.subList(0, 7));
            assertTrue(keys.contains("layer2.0.downsample.0.weight") && keys.contains("layer2.0.downsample.1.running_mean"));
            assertTrue(keys.stream().noneMatch(k -> k.startsWith("layer1.0.downsample")), "no shortcut convolution in layer1");
            assertEquals("layer4.1.bn2.running_var", keys.get(99));
            assertEquals(new Shape(8, 3, 7, 7), TorchvisionWeights.parameters(r18).get("conv1.weight").getArray().getShape());

            var r50 = ResNet.builder().depth(50).width(0.125).stem(ResNet.Stem.CIFAR).build();
            r50.initialize(sub, DataType.FLOAT32, new Shape(1, 1, 16, 16));
            var p50 = TorchvisionWeights.parameters(r50);
            assertEquals(265, p50.size());
            // a bottleneck: 1×1 to the width, 3×3 with the stride (v1.5), 1×1 to four times the width
            assertEquals(new Shape(16, 32, 1, 1), p50.get("layer2.0.conv1.weight").getArray().getShape());
            assertEquals(new Shape(16, 16, 3, 3), p50.get("layer2.0.conv2.weight").getArray().getShape());
            assertEquals(new Shape(64, 16, 1, 1), p50.get("layer2.0.conv3.weight").getArray().getShape());
            assertEquals(new Shape(32, 8, 1, 1), p50.get("layer1.0.downsample.0.weight").getArray().getShape());
            assertEquals(new Shape(8, 1, 3, 3), p50.get("conv1.weight").getArray().getShape());
        }
    }

    @Test
    void bothStemsGiveThePooledEmbeddingAndTheDeclaredShapes() {
        try (var sub = NDManager.newBaseManager()) {
            // ImageNet stem: 64 px → 32 (conv1) → 16 (max-pool) → 16, 8, 4, 2 in the stages
            var imagenet = ResNet.builder().depth(18).width(0.125).head(ProjectionHead.mlp(64, 16)).build();
            imagenet.initialize(sub, DataType.FLOAT32, new Shape(2, 3, 64, 64));
            var x = sub.randomNormal(new Shape(3, 3, 64, 64));
            assertEquals(new Shape(3, 64), imagenet.embed(x).getShape());
            assertEquals(new Shape(3, 16), imagenet.project(x).getShape());
            assertEquals(new Shape(3, 64), imagenet.backbone().getOutputShapes(new Shape[] {x.getShape()})[0]);
            // an odd side through the max-pool
            assertEquals(new Shape(2, 64), imagenet.embed(sub.randomNormal(new Shape(2, 3, 37, 23))).getShape());

            // CIFAR stem on a spectrogram (1 channel): no reduction before layer2; ResNet-50 embeds 2048·width
            var cifar = ResNet.builder().depth(50).stem(ResNet.Stem.CIFAR).width(0.125).build();
            var spectrogram = sub.randomNormal(new Shape(2, 1, 8, 12));
            cifar.initialize(sub, DataType.FLOAT32, spectrogram.getShape());
            assertEquals(new Shape(2, 256), cifar.embed(spectrogram).getShape());
            assertEquals(256, cifar.projectionDim());
            assertEquals(new Shape(2, 256), cifar.getOutputShapes(new Shape[] {spectrogram.getShape()})[1]);
        }
    }

    @Test
    void badSettingsAndBatchesAreRefused() {
        var depth = assertThrows(IllegalArgumentException.class, () -> ResNet.builder().depth(20));
        assertEquals("ResNet depth must be 18, 34 or 50, got 20", depth.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResNet.builder().width(0));
        try (var sub = NDManager.newBaseManager()) {
            var encoder = ResNet.builder().width(0.125).build();
            encoder.initialize(sub, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            var rank = assertThrows(IllegalArgumentException.class, () -> encoder.embed(sub.ones(new Shape(2, 3, 8))));
            assertTrue(rank.getMessage().contains("expects a B×C×H×W batch"), rank.getMessage());
            assertThrows(IllegalArgumentException.class, () -> TorchvisionWeights.parameters(
                    ConvEncoder.builder().widths(4).dim(4).build()));
        }
    }
}
