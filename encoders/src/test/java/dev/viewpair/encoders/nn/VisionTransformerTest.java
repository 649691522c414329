package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.viewpair.catalog.ParamChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionTransformerTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static long parameterCount(Block block) {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /**
     * ViT-Ti/16 at 224 px without a classifier, counted by hand from timm's {@code vit_tiny_patch16_224(num_classes=0)}
     * (D = 192, 14 × 14 = 196 patches, MLP 4D = 768):
     * <pre>
     * patch_embed   3·16·16·192 + 192                    =   147,648
     * cls_token     192                                  =       192
     * pos_embed     197·192                              =    37,824
     * 12 blocks × ( norm1, norm2      4·192               =       768
     *              qkv         192·576 + 576           =   111,168
     *              proj        192·192 + 192           =    37,056
     *              mlp.fc1     192·768 + 768           =   148,224
     *              mlp.fc2     768·192 + 192 )         =   147,648   → 444,864 per block, 5,338,368 in all
     * norm          2·192                                =       384
     *                                                      5,524,416, timm's count
     * </pre>
     */
    @Test
    void vitTinyHasTimmsParameterCount() {
        int d = 192;
        int blocks = 12;
        long perBlock = 4L * d + (d * 3L * d + 3L * d) + (d * (long) d + d) + (d * 4L * d + 4L * d) + (4L * d * d + d);
        long byHand = (3L * 16 * 16 * d + d) + d + 197L * d + blocks * perBlock + 2L * d;
        assertEquals(5_524_416L, byHand, "the hand count is timm's");
        Encoder tiny = VisionTransformer.builder().patch(16).depth(blocks).width(d).heads(3).build();
        try (var sub = manager.newSubManager()) {
            tiny.initialize(sub, DataType.FLOAT32, new Shape(1, 3, 224, 224));
            assertEquals(byHand, parameterCount(tiny.backbone()));
            assertEquals(192, tiny.dim());
        }
    }

    @Test
    void bothPoolingsGiveTheEmbeddingAndTheHeadTheProjection() {
        var x = manager.randomNormal(new Shape(5, 3, 16, 12));
        for (var pooling : VisionTransformer.Pooling.values()) {
            Encoder vit = VisionTransformer.builder().patch(4).depth(2).width(16).heads(4).mlpRatio(2).pooling(pooling)
                    .head(ProjectionHead.mlp(16, 8)).build();
            vit.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 16, 12)); // any batch size after initialization
            assertEquals(new Shape(5, 16), vit.embed(x).getShape(), pooling.toString());
            assertEquals(new Shape(5, 8), vit.project(x).getShape(), pooling.toString());
            assertEquals(16, vit.dim());
            assertEquals(8, vit.projectionDim());
            // 4·4·3·16 + 16 patch embedding, 16 class token, (4·3 + 1)·16 position embeddings, 2·16 final norm
            // and two blocks of 2·2·16 norms, 16·48 + 48 qkv, 16·16 + 16 proj, 16·32 + 32 and 32·16 + 16 MLP
            long blocks = 2 * (64 + (16 * 48 + 48) + (16 * 16 + 16) + (16 * 32 + 32) + (32 * 16 + 16));
            assertEquals(4 * 4 * 3 * 16 + 16 + 16 + 13 * 16 + 2 * 16 + blocks, parameterCount(vit.backbone()));
        }
        Encoder noHead = VisionTransformer.builder().patch(4).depth(1).width(8).heads(2).pooling(VisionTransformer.Pooling.MEAN).build();
        noHead.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
        var y = manager.randomNormal(new Shape(3, 1, 8, 8));
        assertEquals(8, noHead.projectionDim());
        assertTrue(noHead.project(y).allClose(noHead.embed(y)), "without a head the projection is the embedding");
    }

    /**
     * timm's ViT forward pass written with PyTorch's functional ops (convolution, layer_norm with eps 1e-6, exact
     * GELU, timm's q/k/v layout of the {@code qkv} weight), reading viewpair's parameters by their DJL names.
     */
    private static final String TORCH_VIT = """
            import sys, numpy as np, torch, torch.nn.functional as F
            d = np.load(sys.argv[1]); pool = sys.argv[2]; heads = int(sys.argv[3])
            p = {k: torch.from_numpy(d[k]) for k in d.files}
            w = p['01patch_embed_weight']
            t = F.conv2d(p['x'], w, p['01patch_embed_bias'], stride=w.shape[-1])
            B, D = t.shape[:2]
            t = t.flatten(2).transpose(1, 2)
            t = torch.cat([p['cls_token'].expand(B, -1, -1), t], 1) + p['pos_embed']
            for b in sorted({k.split('_')[1] for k in p if k.startswith('02blocks_')}):
                q = lambda n: p['02blocks_' + b + '_' + n]
                h = F.layer_norm(t, (D,), q('01norm1_gamma'), q('01norm1_beta'), 1e-6)
                qkv = F.linear(h, q('02attn_01qkv_weight'), q('02attn_01qkv_bias'))
                qkv = qkv.reshape(B, -1, 3, heads, D // heads).permute(2, 0, 3, 1, 4)
                a = (qkv[0] @ qkv[1].transpose(-2, -1) * (D // heads) ** -0.5).softmax(-1)
                t = t + F.linear((a @ qkv[2]).transpose(1, 2).reshape(B, -1, D), q('02attn_02proj_weight'), q('02attn_02proj_bias'))
                h = F.layer_norm(t, (D,), q('03norm2_gamma'), q('03norm2_beta'), 1e-6)
                t = t + F.linear(F.gelu(F.linear(h, q('04fc1_weight'), q('04fc1_bias'))), q('05fc2_weight'), q('05fc2_bias'))
            t = F.layer_norm(t, (D,), p['03norm_gamma'], p['03norm_beta'], 1e-6)
            np.savez(sys.argv[4], z=(t[:, 0] if pool == 'cls' else t[:, 1:].mean(1)).numpy())
            """;

    /** With the same weights and inputs, viewpair's ViT and timm's forward pass in PyTorch agree within 1e-4. */
    @Test
    void agreesWithPyTorch(@TempDir Path dir) throws Exception {
        DebianPython.assumeModules("torch");
        var script = Files.writeString(dir.resolve("vit.py"), TORCH_VIT);
        int heads = 4;
        for (var pooling : VisionTransformer.Pooling.values()) {
            try (var sub = manager.newSubManager()) {
                Encoder vit = VisionTransformer.builder().patch(4).depth(2).width(16).heads(heads).mlpRatio(2).pooling(pooling)
                        .build();
                vit.initialize(sub, DataType.FLOAT32, new Shape(3, 3, 16, 12)); // not square: rows and columns of patches
                var x = sub.randomNormal(new Shape(3, 3, 16, 12));
                var arrays = new NDList();
                vit.backbone().getParameters().forEach(p -> {
                    var a = p.getValue().getArray().duplicate();
                    a.setName(p.getKey());
                    arrays.add(a);
                });
                x.setName("x");
                arrays.add(x);
                var weights = Files.write(dir.resolve("weights.npz"), arrays.encode(NDList.Encoding.NPZ));
                var out = dir.resolve("z.npz");
                DebianPython.runOk(script.toString(), weights.toString(), pooling.name().toLowerCase(Locale.ROOT),
                        String.valueOf(heads), out.toString());
                NDArray torch = NDList.decode(sub, Files.readAllBytes(out)).get(0);
                NDArray ours = vit.embed(x);
                assertEquals(ours.getShape(), torch.getShape());
                assertTrue(ours.allClose(torch, 1e-4, 1e-4, false), pooling + ": largest difference "
                        + ours.sub(torch).abs().max().getFloat());
            }
        }
    }

    @Test
    void attentionRowsAreDistributions() {
        var attention = new SelfAttention(16, 4);
        attention.initialize(manager, DataType.FLOAT32, new Shape(2, 7, 16));
        var store = new ParameterStore(manager, false);
        for (double scale : new double[] {0.01, 1, 30}) { // near-uniform to near-one-hot rows
            for (int draw = 0; draw < 3; draw++) {
                NDArray weights = attention.weights(store, manager.randomNormal(new Shape(2, 7, 16)).mul(scale), false);
                assertEquals(new Shape(2, 4, 7, 7), weights.getShape());
                assertTrue(weights.gte(0).all().getBoolean(), "weights are not negative");
                assertTrue(weights.sum(new int[] {-1}).allClose(manager.ones(new Shape(2, 4, 7)), 1e-5, 1e-5, false),
                        "each row sums to 1 at scale " + scale);
            }
        }
    }

    @Test
    void aBlockWithoutPositionsIsPermutationEquivariant() {
        var block = new TransformerBlock(16, 4, 32);
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 6, 16));
        var store = new ParameterStore(manager, false);
        var x = manager.randomNormal(new Shape(2, 6, 16));
        int[] order = {3, 0, 5, 1, 4, 2};
        NDArray out = block.forward(store, new NDList(x), false).singletonOrThrow();
        NDArray shuffledOut = block.forward(store, new NDList(shuffled(x, order)), false).singletonOrThrow();
        assertTrue(shuffledOut.allClose(shuffled(out, order), 1e-5, 1e-5, false), "shuffled in, shuffled out");
        assertTrue(!shuffled(out, order).allClose(out, 1e-3, 1e-3, false), "the tokens differ, so the check can fail");
    }

    /** The tokens of a B×T×D batch in the given order. */
    private static NDArray shuffled(NDArray tokens, int[] order) {
        var picked = new NDList();
        for (int t : order) {
            picked.add(tokens.get(":, " + t + ":" + (t + 1) + ", :"));
        }
        return NDArrays.concat(picked, 1);
    }

    @Test
    void badSizesAndParametersAreNamed() {
        Encoder vit = VisionTransformer.builder().patch(4).depth(1).width(8).heads(2).build();
        var cut = assertThrows(IllegalArgumentException.class,
                () -> vit.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 16, 14)));
        assertTrue(cut.getMessage().contains("H and W divisible by 4") && cut.getMessage().contains("(2, 3, 16, 14)"),
                cut.getMessage());
        var rank = assertThrows(IllegalArgumentException.class,
                () -> vit.initialize(manager, DataType.FLOAT32, new Shape(2, 16, 16)));
        assertTrue(rank.getMessage().contains("B×C×H×W"), rank.getMessage());
        vit.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 16, 16));
        var other = assertThrows(IllegalArgumentException.class, () -> vit.embed(manager.zeros(new Shape(1, 3, 8, 8))));
        assertTrue(other.getMessage().contains("set up for 16 patches") && other.getMessage().contains("(4 patches"),
                other.getMessage());
        var heads = assertThrows(IllegalArgumentException.class,
                () -> VisionTransformer.builder().width(10).heads(3).build());
        assertTrue(heads.getMessage().contains("width 10, heads 3"), heads.getMessage());
    }

    @Test
    void theCatalogueRefusesHeadsThatDoNotDivideTheWidth() {
        var vit = EncoderTypes.standard().get("vit");
        var values = ParamChecks.values("encoder type 'vit'", vit.params(),
                Map.of("width", 10, "heads", 3));
        var problems = ParamChecks.constraintProblems(values, vit.constraints());
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("heads", problems.get(0).param());
        assertTrue(problems.get(0).message().contains("heads (3) do not divide its width (10)"), problems.toString());
        assertEquals(new EncoderInput.Patches(16), vit.input(Map.of()));
    }
}
