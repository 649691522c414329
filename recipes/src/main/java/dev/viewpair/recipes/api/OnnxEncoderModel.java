package dev.viewpair.recipes.api;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.viewpair.encoders.nn.EncoderOnnx;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * An encoder exported as an ONNX model ({@code ./viewpair export … --format onnx}), run by ONNX Runtime on the CPU: its
 * input {@code view}, its output {@code embedding}. Its name and trained view shape come from the file's metadata
 * ({@link EncoderOnnx#NAME_KEY}, {@link EncoderOnnx#VIEW_SHAPE_KEY}); an ONNX file from elsewhere with the same input
 * and output names works too, named after the file, its view shape read from the input's fixed sizes.
 *
 * <pre>{@code
 * try (var model = OnnxEncoderModel.open(Path.of("image.onnx"))) {
 *     float[][] z = model.embedBatch(values, 8, 3, 32, 32);
 * }
 * }</pre>
 */
public final class OnnxEncoderModel implements EncoderModel {
    /** How many views go through the model at once. */
    private static final int BATCH = 256;

    private final Path file;
    private final String name;
    private final long[] viewShape;
    private final int dim;
    private final OrtSession session;

    private OnnxEncoderModel(Path file, String name, long[] viewShape, int dim, OrtSession session) {
        this.file = file;
        this.name = name;
        this.viewShape = viewShape;
        this.dim = dim;
        this.session = session;
    }

    /**
     * Opens an exported encoder.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file, when it does not exist or is not an ONNX model of an encoder (no
     *     input {@code view} or no output {@code embedding} of N rows)
     */
    public static OnnxEncoderModel open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist: export an encoder with ./viewpair export RUN_DIR --encoder NAME "
                    + "--format onnx --out " + file);
        }
        OrtSession session;
        try {
            session = OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new IllegalArgumentException(file + " is not an ONNX model ONNX Runtime can load: " + e.getMessage(), e);
        }
        try {
            var input = session.getInputInfo().get(EncoderOnnx.INPUT);
            var output = session.getOutputInfo().get(EncoderOnnx.EMBEDDING);
            if (input == null || output == null || !(input.getInfo() instanceof TensorInfo in)
                    || !(output.getInfo() instanceof TensorInfo out) || out.getShape().length != 2) {
                throw new IllegalArgumentException(file + " is not an exported encoder: it needs an input '" + EncoderOnnx.INPUT
                        + "' and an N × dim output '" + EncoderOnnx.EMBEDDING + "', it has inputs "
                        + session.getInputNames() + " and outputs " + session.getOutputNames());
            }
            var metadata = session.getMetadata().getCustomMetadata();
            var fileName = file.getFileName().toString().replaceFirst("\\.onnx$", "");
            var name = metadata.getOrDefault(EncoderOnnx.NAME_KEY, fileName);
            var shape = metadata.containsKey(EncoderOnnx.VIEW_SHAPE_KEY)
                    ? Arrays.stream(metadata.get(EncoderOnnx.VIEW_SHAPE_KEY).split(",")).mapToLong(Long::parseLong).toArray()
                    : Arrays.copyOfRange(in.getShape(), 1, in.getShape().length);
            return new OnnxEncoderModel(file, name, shape, (int) out.getShape()[1], session);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw e instanceof OrtException ? new IllegalArgumentException(file + ": " + e.getMessage(), e)
                    : (RuntimeException) e;
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // the session was never used; nothing to keep
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long[] viewShape() {
        return viewShape.clone();
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public float[][] embedBatch(float[] values, long... shape) {
        long per = Arrays.stream(shape).skip(1).reduce(1, Math::multiplyExact);
        if (shape.length < 2 || per * shape[0] != values.length) {
            throw new IllegalArgumentException("encoder '" + name + "' takes a batch of view tensors (N × C × H × W, or "
                    + "N × C × T), got shape " + Arrays.toString(shape) + " holding " + values.length + " values");
        }
        int n = (int) shape[0];
        var rows = new float[n][];
        var env = OrtEnvironment.getEnvironment();
        for (int start = 0; start < n; start += BATCH) {
            int size = Math.min(BATCH, n - start);
            var batchShape = shape.clone();
            batchShape[0] = size;
            var batch = FloatBuffer.wrap(values, (int) (start * per), (int) (size * per)).slice();
            try (var tensor = OnnxTensor.createTensor(env, batch, batchShape);
                    var result = session.run(Map.of(EncoderOnnx.INPUT, tensor))) {
                var z = (float[][]) result.get(EncoderOnnx.EMBEDDING).orElseThrow().getValue();
                System.arraycopy(z, 0, rows, start, size);
            } catch (OrtException e) {
                throw new IllegalArgumentException("encoder '" + name + "' (" + file + ") cannot take tensors of shape "
                        + Arrays.toString(batchShape) + ": " + e.getMessage() + " — give the shape its views had in training, "
                        + Arrays.toString(viewShape), e);
            }
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session of " + file, e);
        }
    }
}
