package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.viewpair.encoders.nn.ProjectionHead.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SimCLR, BYOL and DINO heads give PyTorch's outputs with the same weights, in training mode (BatchNorm on the
 * batch) and then in eval mode (on the running statistics the training pass moved). Skipped without Debian's PyTorch.
 */
class ProjectionHeadTorchTest {
    @Test
    void headsMatchPyTorch(@TempDir Path dir) throws Exception {
        TorchBlocks.assumeTorch();
        int d = 5;
        for (var head : List.of(new ProjectionHead(Kind.SIMCLR, 7, 0, 3), new ProjectionHead(Kind.BYOL, 7, 0, 3),
                new ProjectionHead(Kind.DINO, 6, 4, 3))) {
            try (var manager = NDManager.newBaseManager()) {
                var block = head.block();
                block.initialize(manager, DataType.FLOAT32, new Shape(6, d));
                var x = manager.randomNormal(new Shape(6, d)).mul(2).add(0.5f);
                TorchBlocks.assertSameAsTorch(dir, "\"kind\": \"" + head.kind().key() + "\", \"dim\": " + d + ", \"hidden\": "
                        + head.hidden() + ", \"bottleneck\": " + head.bottleneck() + ", \"out\": " + head.out(), block, x, manager);
            }
        }
    }
}
