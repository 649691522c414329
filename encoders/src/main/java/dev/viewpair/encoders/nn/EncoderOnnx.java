package dev.viewpair.encoders.nn;

import ai.djl.nn.Block;
import dev.viewpair.encoders.onnx.NoOnnxForm;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A trained {@link Encoder} as an ONNX model (opset {@value OnnxGraph#OPSET}): the input {@value #INPUT} ({@code N × C ×
 * H × W}, or {@code N × C × T}), the output {@value #EMBEDDING} ({@code N × dim}, the backbone's, as {@link
 * Encoder#embed} gives it) and, when asked, {@value #PROJECTION} ({@code N × projectionDim}, the head's, as {@link
 * Encoder#project} gives it), computed in inference mode (BatchNorm with its running statistics). The batch dimension
 * is the symbol {@code N}; an encoder that pools over space or time leaves those sides symbolic too ({@code H},
 * {@code W}, {@code T}), the others are fixed to the shape it was trained on. The metadata properties {@value
 * #NAME_KEY} and {@value #VIEW_SHAPE_KEY} hold the encoder's name and that shape.
 *
 * <p>Every encoder type of {@link EncoderTypes#standard()} exports: resnet, conv, mlp, conv1d, vit and the video ones,
 * r2plus1d and the 2-D types with {@code per_frame} ({@link PerFrame}), with every {@link ProjectionHead}. A video
 * encoder's input is the frame stack {@code N × 3T × H × W}: its channels, so the number of frames, are the trained
 * ones, N, H and W symbolic. A backbone or head made of blocks without an ONNX form is refused, naming the block.
 */
public final class EncoderOnnx {
    /** The input's name. */
    public static final String INPUT = "view";
    /** The embedding output's name. */
    public static final String EMBEDDING = "embedding";
    /** The projection output's name. */
    public static final String PROJECTION = "projection";

    /** The metadata property holding the encoder's name, as the recipe names it. */
    public static final String NAME_KEY = "viewpair.encoder";
    /** The metadata property holding the trained view shape, without the batch: sizes joined by commas. */
    public static final String VIEW_SHAPE_KEY = "viewpair.view_shape";

    private EncoderOnnx() {}

    /**
     * The model file's bytes.
     *
     * @param encoder an initialized encoder
     * @param name its name, as the recipe names it (the metadata property {@value #NAME_KEY})
     * @param viewShape the shape of one view it was trained on, without the batch ({@code C × H × W}, {@code C × T})
     * @param projection whether to add the {@value #PROJECTION} output
     * @param version the producer's version written into the file
     * @throws NoOnnxForm naming the block and where it sits ({@code backbone/03LambdaBlock}), when a part of the encoder
     *     has no ONNX form
     */
    public static byte[] model(Encoder encoder, String name, long[] viewShape, boolean projection, String version) {
        if (!encoder.isInitialized()) {
            throw new IllegalStateException("initialize the encoder before exporting it");
        }
        var graph = new OnnxGraph("viewpair_encoder");
        var input = graph.input(INPUT, inputDims(viewShape, encoder.pooledOverSpace()));
        var embedding = graph.output(EMBEDDING, exported(graph, encoder.backbone(), input, "backbone"), "N",
                (long) encoder.dim());
        if (projection) {
            graph.output(PROJECTION, exported(graph, encoder.head(), embedding, "head"), "N",
                    (long) encoder.projectionDim());
        }
        var metadata = new LinkedHashMap<String, String>();
        metadata.put(NAME_KEY, name);
        metadata.put(VIEW_SHAPE_KEY, Arrays.stream(viewShape).mapToObj(Long::toString).collect(Collectors.joining(",")));
        return graph.model("viewpair", version, metadata);
    }

    /** N, the channels, then the sides: symbols where the encoder pools over them, the trained sizes otherwise. */
    private static Object[] inputDims(long[] viewShape, boolean pooled) {
        var dims = new ArrayList<Object>(List.of("N"));
        var symbols = viewShape.length == 2 ? List.of("T") : viewShape.length == 3 ? List.of("H", "W") : List.<String>of();
        for (int i = 0; i < viewShape.length; i++) {
            dims.add(pooled && i > 0 && !symbols.isEmpty() ? symbols.get(i - 1) : (Object) viewShape[i]);
        }
        return dims.toArray();
    }

    private static String exported(OnnxGraph graph, Block part, String input, String what) {
        try {
            return OnnxBlocks.export(graph, part, input);
        } catch (NoOnnxForm e) {
            throw e.within(what);
        }
    }
}
