package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An encoder's backbone weights under torchvision's state-dict keys ({@code conv1.weight}, {@code bn1.running_mean},
 * {@code layer2.0.downsample.0.weight}, …), read from and written to NumPy {@code .npz} files (a zip of {@code .npy}
 * arrays, one per key): {@code torch.nn.Module.load_state_dict} takes what {@link #write} writes, and {@link #read}
 * takes what {@code numpy.savez(file, **{k: v.numpy() for k, v in model.state_dict().items()})} writes. Only
 * backbones built with PyTorch's module names (a {@link ResNet}'s, also applied {@link PerFrame}, and an {@link
 * R2Plus1D}'s) have such keys.
 */
public final class TorchvisionWeights {
    /** The classifier's keys ({@code fc.weight}, {@code fc.bias}): not part of an encoder, skipped when read. */
    private static final String CLASSIFIER = "fc.";
    /** PyTorch's batch-norm step counters: written as 0, skipped when read (DJL's batch norm has none). */
    private static final String COUNTER = "num_batches_tracked";

    private TorchvisionWeights() {}

    /** Whether this encoder's backbone has torchvision names. */
    public static boolean named(Encoder encoder) {
        return backbone(encoder) instanceof TorchModule;
    }

    /** The block with torchvision's names: the backbone, or the 2-D backbone a {@link PerFrame} runs on each frame. */
    private static ai.djl.nn.Block backbone(Encoder encoder) {
        return encoder.backbone() instanceof PerFrame perFrame ? perFrame.frame() : encoder.backbone();
    }

    /**
     * The backbone's parameters by torchvision key, in torchvision's order.
     *
     * @throws IllegalArgumentException when the backbone has no torchvision names
     */
    public static Map<String, Parameter> parameters(Encoder encoder) {
        if (!(backbone(encoder) instanceof TorchModule module)) {
            throw new IllegalArgumentException("only the weights of resnet and r2plus1d encoders have torchvision names");
        }
        return TorchModule.stateDict(module);
    }

    /**
     * Copies the weights of an {@code .npz} file into an initialized encoder's backbone.
     *
     * @throws IllegalArgumentException naming the first key that the encoder lacks, lacks in the file, or whose
     *     shape differs, with both shapes
     */
    public static void read(Encoder encoder, Path npz) throws IOException {
        readInto(parameters(encoder), npz);
    }

    /** Copies the weights of an {@code .npz} file into these parameters, or says which key does not fit. */
    static void readInto(Map<String, Parameter> parameters, Path npz) throws IOException {
        try (var manager = parameters.values().iterator().next().getArray().getManager().newSubManager()) {
            var arrays = decode(manager, npz);
            var problem = problem(parameters, arrays, npz);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            parameters.forEach((key, p) -> arrays.get(key).toType(p.getArray().getDataType(), false).copyTo(p.getArray()));
        }
    }

    /**
     * What keeps an {@code .npz} file from being read into a new, uninitialized encoder, checked before training: a
     * key or a shape that does not match (the input channels taken from the file's first convolution, {@code
     * conv1.weight} or {@code stem.0.weight}), or a file that cannot be read; empty when it fits.
     */
    public static Optional<String> mismatch(Encoder encoder, Path npz) {
        try (var manager = NDManager.newBaseManager()) {
            var arrays = decode(manager, npz);
            var first = parameters(encoder).keySet().iterator().next();
            var conv = arrays.get(first);
            if (conv == null || conv.getShape().dimension() < 4) {
                return Optional.of(npz + " has no '" + first + "' convolution: it is not the state dict of a torchvision "
                        + "model of the encoder's type");
            }
            // one 32 × 32 image, or a one-frame stack of its 3 channels for a video backbone
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, conv.getShape().get(1), 32, 32));
            return Optional.ofNullable(problem(parameters(encoder), arrays, npz));
        } catch (IOException | RuntimeException e) {
            return Optional.of(npz + " cannot be read as an .npz file: " + e.getMessage());
        }
    }

    /** The file's arrays by key, the classifier and the batch-norm counters left out. */
    private static Map<String, NDArray> decode(NDManager manager, Path npz) throws IOException {
        var arrays = new LinkedHashMap<String, NDArray>();
        try (var in = new BufferedInputStream(Files.newInputStream(npz))) {
            for (var array : NDList.decode(manager, in)) {
                var key = array.getName();
                if (!key.startsWith(CLASSIFIER) && !key.endsWith(COUNTER)) {
                    arrays.put(key, array);
                }
            }
        }
        return arrays;
    }

    /** The first key of the file that the encoder lacks, it lacks, or whose shape differs; {@code null} when none. */
    private static String problem(Map<String, Parameter> parameters, Map<String, NDArray> arrays, Path npz) {
        for (var key : arrays.keySet()) {
            if (!parameters.containsKey(key)) {
                return npz + " holds '" + key + "', which the encoder does not have: it is not a torchvision state dict of this depth";
            }
        }
        for (var e : parameters.entrySet()) {
            var array = arrays.get(e.getKey());
            var expected = e.getValue().getArray().getShape();
            if (array == null) {
                return npz + " lacks '" + e.getKey() + "' of shape " + expected;
            }
            if (!array.getShape().equals(expected)) {
                return "'" + e.getKey() + "' has shape " + array.getShape() + " in " + npz + ", the encoder's is " + expected
                        + ": check the depth, width, stem and input channels";
            }
        }
        return null;
    }

    /** Writes an initialized encoder's backbone weights under torchvision's keys, each batch norm's counter as 0. */
    public static void write(Encoder encoder, Path npz) throws IOException {
        var parameters = parameters(encoder);
        try (var manager = NDManager.newBaseManager();
                var out = new BufferedOutputStream(Files.newOutputStream(npz))) {
            var list = new NDList();
            for (var e : parameters.entrySet()) {
                var array = manager.create(e.getValue().getArray().toFloatArray(), e.getValue().getArray().getShape());
                array.setName(e.getKey());
                list.add(array);
                if (e.getKey().endsWith(".running_var")) {
                    var counter = manager.create(0L);
                    counter.setName(e.getKey().replace("running_var", COUNTER));
                    list.add(counter);
                }
            }
            list.encode(out, NDList.Encoding.NPZ);
        }
    }
}
