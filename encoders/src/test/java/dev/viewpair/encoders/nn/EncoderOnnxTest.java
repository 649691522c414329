package dev.viewpair.encoders.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.viewpair.encoders.onnx.NoOnnxForm;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every encoder type, with the heads, exported to ONNX and run by ONNX Runtime gives the embeddings and projections
 * viewpair's inference gives (within 1e-4, or 1e-4 of the largest value where values exceed 1), with batch norms whose running statistics, scales and shifts are not the
 * defaults; Debian's {@code onnx.checker} accepts the files; a block without an ONNX form is refused by name.
 */
class EncoderOnnxTest {
    /** The largest difference allowed, relative to the largest value where those exceed 1. */
    private static final double TOLERANCE = 1e-4;
    private static NDManager manager;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(3);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void resnet18WithEachStemAndTheBatchNormHeads() throws Exception {
        agrees(ResNet.builder().depth(18).stem(ResNet.Stem.CIFAR).width(0.125)
                .head(new ProjectionHead(ProjectionHead.Kind.SIMCLR, 32, 0, 16)).build(), 3, 16, 16);
        agrees(ResNet.builder().depth(18).width(0.125)
                .head(new ProjectionHead(ProjectionHead.Kind.BYOL, 24, 0, 8)).build(), 3, 33, 31);
    }

    @Test
    void resnet50WithTheDinoHeadAndSpectrogramInput() throws Exception {
        agrees(ResNet.builder().depth(50).width(0.0625)
                .head(new ProjectionHead(ProjectionHead.Kind.DINO, 16, 8, 32)).build(), 1, 32, 40);
    }

    @Test
    void aStochasticEncoderExportsTheMeanOfItsPosterior() throws Exception {
        agrees(ConvEncoder.builder().widths(4, 8).dim(12).head(ProjectionHead.mlp(16, 6)).build()
                .stochastic(new GaussianPosterior(6, 0.01)), 3, 8, 8);
    }

    @Test
    void aResNetWithoutHeadHasItsEmbeddingAsProjection() throws Exception {
        agrees(ResNet.builder().depth(18).stem(ResNet.Stem.CIFAR).width(0.0625).build(), 3, 8, 8);
    }

    @Test
    void aPooledEncoderTakesOtherSidesThanItWasTrainedOn() throws Exception {
        var encoder = init(ResNet.builder().depth(18).width(0.125).head(ProjectionHead.mlp(16, 8)).build(), 3, 32, 32);
        var file = write(encoder, new long[] {3, 32, 32});
        compare(encoder, file, 3, 48, 40);
    }

    @Test
    void convWithBothDownsamplingsAndTheLinearAndMlpHeads() throws Exception {
        agrees(ConvEncoder.builder().widths(4, 8).dim(12).head(new ProjectionHead(ProjectionHead.Kind.LINEAR, 0, 0, 6))
                .build(), 3, 16, 12);
        agrees(ConvEncoder.builder().widths(4, 8, 8).dim(12).downsampling(ConvEncoder.Downsampling.STRIDE)
                .projection(10, 5).build(), 1, 9, 17);
    }

    @Test
    void mlpOfFlattenedViews() throws Exception {
        agrees(MlpEncoder.builder().hidden(16, 8).dim(6).head(new ProjectionHead(ProjectionHead.Kind.BYOL, 12, 0, 4))
                .build(), 2, 5, 5);
    }

    @Test
    void conv1dOfWaveforms() throws Exception {
        agrees(Conv1dEncoder.builder().widths(4, 8).kernel(9).stride(4).dim(10)
                .head(new ProjectionHead(ProjectionHead.Kind.SIMCLR, 12, 0, 6)).build(), 1, 301);
    }

    @Test
    void vitWithClassTokenAndMeanPooling() throws Exception {
        agrees(VisionTransformer.builder().patch(4).depth(2).width(16).heads(2)
                .head(new ProjectionHead(ProjectionHead.Kind.DINO, 24, 8, 12)).build(), 3, 16, 12);
        agrees(VisionTransformer.builder().patch(8).depth(1).width(12).heads(3).mlpRatio(2)
                .pooling(VisionTransformer.Pooling.MEAN).build(), 1, 16, 16);
    }

    @Test
    void r2plus1dOfFrameStacksAtOtherSidesToo() throws Exception {
        var encoder = init(R2Plus1D.builder().width(0.125)
                .head(new ProjectionHead(ProjectionHead.Kind.SIMCLR, 16, 0, 8)).build(), 6, 16, 16);
        var file = write(encoder, new long[] {6, 16, 16});
        compare(encoder, file, 6, 16, 16);
        compare(encoder, file, 6, 20, 12);
    }

    @Test
    void aPerFrameResnetOrConvPooledByTheMeanOrTheMax() throws Exception {
        var resnet = EncoderTypes.standard().get("resnet");
        agrees(EncoderTypes.standard().get("conv").create(Map.of("widths", List.of(4, 8), "dim", 6, "per_frame", "mean",
                "projection", 5)), 12, 8, 8);
        agrees(resnet.create(Map.of("width", 0.125, "stem", "cifar", "per_frame", "mean", "head", "byol",
                "head_hidden", 16, "projection", 8)), 9, 12, 12);
        var max = init(resnet.create(Map.of("width", 0.125, "per_frame", "max", "projection", 8)), 6, 16, 16);
        var file = write(max, new long[] {6, 16, 16});
        compare(max, file, 6, 16, 16);
        compare(max, file, 6, 24, 20);
    }

    @Test
    void debiansOnnxCheckerAcceptsTheFiles() throws Exception {
        DebianPython.assumeModules("onnx");
        var resnet = write(init(ResNet.builder().depth(18).width(0.125)
                .head(new ProjectionHead(ProjectionHead.Kind.DINO, 16, 8, 32)).build(), 3, 32, 32), new long[] {3, 32, 32});
        var vit = write(init(VisionTransformer.builder().patch(4).depth(1).width(8).heads(2).build(), 3, 8, 8),
                new long[] {3, 8, 8});
        var r2plus1d = write(init(R2Plus1D.builder().width(0.125).head(ProjectionHead.mlp(16, 8)).build(), 6, 16, 16),
                new long[] {6, 16, 16});
        var perFrame = write(init(EncoderTypes.standard().get("conv").create(Map.of("widths", List.of(4, 8), "dim", 6,
                "per_frame", "max")), 6, 8, 8), new long[] {6, 8, 8});
        var out = DebianPython.runOk("-c", """
                import sys, onnx
                for path in sys.argv[1:]:
                    model = onnx.load(path)
                    onnx.checker.check_model(model, full_check=True)
                    print(model.ir_version, model.opset_import[0].version, [i.name for i in model.graph.input],
                          [o.name for o in model.graph.output])
                """, resnet.toString(), vit.toString(), r2plus1d.toString(), perFrame.toString());
        assertEquals(4, out.lines().filter(line -> line.equals("8 17 ['view'] ['embedding', 'projection']")).count(), out);
    }

    /**
     * The steps that replaced DJL's lambdas (ReLU, pooling, flattening, checks, L2 normalization) have no parameters and
     * take the lambdas' places: the parameters keep the names earlier checkpoints hold (listed from the encoder built of
     * lambdas).
     */
    @Test
    void theParameterNamesAreThoseOfEarlierCheckpoints() {
        var conv = init(ConvEncoder.builder().widths(4, 8).dim(6)
                .head(new ProjectionHead(ProjectionHead.Kind.DINO, 8, 4, 5)).build(), 3, 8, 8);
        assertEquals(List.of("01backbone_02Conv2d_weight", "01backbone_03BatchNorm_gamma", "01backbone_03BatchNorm_beta",
                "01backbone_03BatchNorm_runningMean", "01backbone_03BatchNorm_runningVar", "01backbone_06Conv2d_weight",
                "01backbone_07BatchNorm_gamma", "01backbone_07BatchNorm_beta", "01backbone_07BatchNorm_runningMean",
                "01backbone_07BatchNorm_runningVar", "01backbone_12Linear_weight", "01backbone_12Linear_bias",
                "02head_01Linear_weight", "02head_01Linear_bias", "02head_03Linear_weight", "02head_03Linear_bias",
                "02head_05Linear_weight", "02head_05Linear_bias", "02head_07WeightNormLinear_weight"),
                conv.getParameters().keys());
        // an r2plus1d's ReLUs were lambdas too, in torchvision's nn.Sequential positions (stem.2, stem.5, conv1.0.2 …)
        var video = init(R2Plus1D.builder().width(0.125).build(), 6, 8, 8);
        assertEquals(List.of("01backbone_01stem_010_weight", "01backbone_01stem_021_gamma", "01backbone_01stem_021_beta",
                "01backbone_01stem_021_runningMean", "01backbone_01stem_021_runningVar", "01backbone_01stem_043_weight",
                "01backbone_01stem_054_gamma", "01backbone_01stem_054_beta", "01backbone_01stem_054_runningMean",
                "01backbone_01stem_054_runningVar", "01backbone_02layer1_010_01main_010_010_010_weight",
                "01backbone_02layer1_010_01main_010_010_021_gamma"), video.getParameters().keys().subList(0, 12));
    }

    @Test
    void aBlockWithoutAnOnnxFormIsRefusedByName() {
        var backbone = new SequentialBlock().add(LambdaBlock.singleton(x -> x.mul(2), "double"))
                .add(Linear.builder().setUnits(4).build());
        var encoder = init(ProjectionHead.encoder(backbone, 4, null, false), 3);
        var e = assertThrows(NoOnnxForm.class, () -> EncoderOnnx.model(encoder, "test", new long[] {3}, false, "test"));
        assertTrue(e.getMessage().startsWith("a ai.djl.nn.LambdaBlock 'double' at backbone/01LambdaBlock has no ONNX form"),
                e.getMessage());
        // a block of its own without an ONNX form, as a whole backbone
        var opaque = init(ProjectionHead.encoder(new Doubling(), 3, null, false), 3);
        var whole = assertThrows(NoOnnxForm.class, () -> EncoderOnnx.model(opaque, "test", new long[] {3}, false, "test"));
        assertTrue(whole.getMessage().startsWith("a " + Doubling.class.getName() + " at backbone has no ONNX form"),
                whole.getMessage());
        // DJL's own batch norm, whose epsilon and axis DJL keeps private
        var djl = init(ProjectionHead.encoder(new SequentialBlock().add(Linear.builder().setUnits(4).build())
                .add(ai.djl.nn.norm.BatchNorm.builder().build()), 4, null, false), 3);
        var norm = assertThrows(NoOnnxForm.class, () -> EncoderOnnx.model(djl, "test", new long[] {3}, false, "test"));
        assertTrue(norm.getMessage().startsWith("a ai.djl.nn.norm.BatchNorm (DJL keeps its epsilon and axis private: build it"
                + " as dev.viewpair.encoders.nn.BatchNorm) at backbone/02BatchNorm has no ONNX form"), norm.getMessage());
    }

    /** A block of someone else's, parameter-free, that does not write itself into ONNX graphs. */
    private static final class Doubling extends AbstractBlock {
        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(inputs.singletonOrThrow().mul(2));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    /** Exports the encoder, trained on views of this shape, and compares ONNX Runtime's outputs with its own. */
    private void agrees(Encoder encoder, long... viewShape) throws Exception {
        init(encoder, viewShape);
        compare(encoder, write(encoder, viewShape), viewShape);
    }

    /** Initialized on a batch of 4 views, every norm's statistics, scales and shifts set away from the defaults. */
    private static Encoder init(Encoder encoder, long... viewShape) {
        encoder.initialize(manager, DataType.FLOAT32, batchShape(4, viewShape));
        encoder.getParameters().forEach(p -> {
            var name = p.getKey();
            NDArray value = p.getValue().getArray();
            if (name.endsWith("runningVar")) {
                value.set(new NDIndex("..."), manager.randomUniform(0.5f, 2f, value.getShape()));
            } else if (name.endsWith("runningMean") || name.endsWith("beta")) {
                value.set(new NDIndex("..."), manager.randomNormal(0, 0.3f, value.getShape(), DataType.FLOAT32));
            } else if (name.endsWith("gamma")) {
                value.set(new NDIndex("..."), manager.randomUniform(0.5f, 1.5f, value.getShape()));
            }
        });
        return encoder;
    }

    private static Shape batchShape(long n, long... viewShape) {
        var dims = new long[viewShape.length + 1];
        dims[0] = n;
        System.arraycopy(viewShape, 0, dims, 1, viewShape.length);
        return new Shape(dims);
    }

    private Path write(Encoder encoder, long[] viewShape) throws Exception {
        return Files.write(dir.resolve("encoder-" + System.nanoTime() + ".onnx"),
                EncoderOnnx.model(encoder, "test", viewShape, true, "test"));
    }

    private static void compare(Encoder encoder, Path file, long... viewShape) throws OrtException {
        var x = manager.randomNormal(batchShape(3, viewShape));
        var env = OrtEnvironment.getEnvironment();
        try (var session = env.createSession(file.toString(), new OrtSession.SessionOptions());
                var tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), x.getShape().getShape());
                var result = session.run(Map.of(EncoderOnnx.INPUT, tensor))) {
            assertClose(encoder.embed(x), (float[][]) result.get(EncoderOnnx.EMBEDDING).orElseThrow().getValue(), "embedding");
            assertClose(encoder.project(x), (float[][]) result.get(EncoderOnnx.PROJECTION).orElseThrow().getValue(),
                    "projection");
        }
    }

    private static void assertClose(NDArray expected, float[][] actual, String what) {
        var want = expected.toFloatArray();
        int cols = (int) expected.getShape().get(1);
        assertEquals(expected.getShape().get(0), actual.length, what + " rows");
        double largest = 0;
        double scale = 0;
        for (int i = 0; i < actual.length; i++) {
            assertEquals(cols, actual[i].length, what + " columns");
            for (int j = 0; j < cols; j++) {
                largest = Math.max(largest, Math.abs(want[i * cols + j] - actual[i][j]));
                scale = Math.max(scale, Math.abs(want[i * cols + j]));
            }
        }
        assertTrue(largest <= TOLERANCE * Math.max(1, scale), what + ": largest difference " + largest + " (values up to " + scale + "), "
                + "first row " + Arrays.toString(actual[0]));
        assertTrue(scale > 1e-3, what + " is all zeros: the comparison would prove nothing");
    }
}
