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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

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
    /** How many keys of each kind a mismatch names. */
    private static final int LISTED = 3;

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
     * @throws IllegalArgumentException naming the first keys that the encoder lacks, the file lacks, or whose shapes
     *     differ, with both shapes
     */
    public static void read(Encoder encoder, Path npz) throws IOException {
        readInto(parameters(encoder), npz);
    }

    /** Copies the weights of an {@code .npz} file into these parameters, or says which keys do not fit. */
    static void readInto(Map<String, Parameter> parameters, Path npz) throws IOException {
        try (var manager = parameters.values().iterator().next().getArray().getManager().newSubManager()) {
            var arrays = decode(manager, npz);
            var expected = shapes(parameters);
            var found = new LinkedHashMap<String, long[]>();
            arrays.forEach((key, array) -> found.put(key, array.getShape().getShape()));
            var problem = problem(expected, found, npz);
            if (problem != null) {
                throw new IllegalArgumentException(problem + ": check the depth, width, stem and input channels");
            }
            parameters.forEach((key, p) -> arrays.get(key).toType(p.getArray().getDataType(), false).copyTo(p.getArray()));
        }
    }

    /**
     * What keeps an {@code .npz} file from being read into a new, uninitialized encoder with torchvision names (an
     * r2plus1d's), checked before training from the file's names and shapes (its weights are not read): the encoder is
     * set up for the input channels of the file's first convolution ({@code stem.0.weight}) and its parameters' shapes
     * compared with the file's; or a file that cannot be read. Empty when it fits.
     */
    public static Optional<String> mismatch(Encoder encoder, Path npz) {
        Map<String, long[]> found;
        try {
            found = stateDictShapes(npz);
        } catch (IOException | RuntimeException e) {
            return Optional.of(unreadable(npz, e));
        }
        var first = parameters(encoder).keySet().iterator().next();
        var conv = found.get(first);
        if (conv == null || conv.length < 4) {
            return Optional.of(npz + " has no '" + first + "' convolution: it is not the state dict of a torchvision "
                    + "model of the encoder's type");
        }
        try (var manager = NDManager.newBaseManager()) {
            // one 32 × 32 image, or a one-frame stack of its 3 channels for a video backbone
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, conv[1], 32, 32));
            return Optional.ofNullable(problem(shapes(parameters(encoder)), found, npz));
        }
    }

    /**
     * What keeps an {@code .npz} file from starting a resnet of this architecture, found before anything is built from
     * the file's names and shapes alone (its weights are not read): keys the resnet has and the file lacks, keys the
     * file holds and the resnet lacks, and shapes that differ, the input channels taken from the file's
     * {@code conv1.weight}; or a file that cannot be read. Empty when it fits.
     */
    public static Optional<String> mismatch(ResNet.Builder resnet, Path npz) {
        Map<String, long[]> found;
        try {
            found = stateDictShapes(npz);
        } catch (IOException | RuntimeException e) {
            return Optional.of(unreadable(npz, e));
        }
        var conv1 = found.get("conv1.weight");
        if (conv1 == null || conv1.length != 4) {
            return Optional.of(npz + " has no 4-D 'conv1.weight': it is not a torchvision ResNet's state dict");
        }
        return Optional.ofNullable(problem(resnet.stateDictShapes(conv1[1]), found, npz));
    }

    /**
     * The input channels an {@code .npz} state dict was made for (its {@code conv1.weight}'s second side), from the
     * file's header; empty when the file cannot be read or has no 4-D {@code conv1.weight}.
     */
    public static OptionalLong inputChannels(Path npz) {
        try {
            var conv1 = stateDictShapes(npz).get("conv1.weight");
            return conv1 != null && conv1.length == 4 ? OptionalLong.of(conv1[1]) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static String unreadable(Path npz, Exception e) {
        return npz + (Files.exists(npz) ? " cannot be read as an .npz file: " + e.getMessage() : " does not exist");
    }

    /** The parameters' shapes by key. */
    private static Map<String, long[]> shapes(Map<String, Parameter> parameters) {
        var shapes = new LinkedHashMap<String, long[]>();
        parameters.forEach((key, p) -> shapes.put(key, p.getArray().getShape().getShape()));
        return shapes;
    }

    /** The file's state-dict keys and shapes from its headers, the classifier and the batch-norm counters left out. */
    private static Map<String, long[]> stateDictShapes(Path npz) throws IOException {
        var shapes = NpzShapes.read(npz);
        shapes.keySet().removeIf(key -> !kept(key));
        return shapes;
    }

    /** Whether a key of a torchvision state dict belongs to the backbone's weights. */
    private static boolean kept(String key) {
        return !key.startsWith(CLASSIFIER) && !key.endsWith(COUNTER);
    }

    /** The file's arrays by key, the classifier and the batch-norm counters left out. */
    private static Map<String, NDArray> decode(NDManager manager, Path npz) throws IOException {
        var arrays = new LinkedHashMap<String, NDArray>();
        try (var in = new BufferedInputStream(Files.newInputStream(npz))) {
            for (var array : NDList.decode(manager, in)) {
                if (kept(array.getName())) {
                    arrays.put(array.getName(), array);
                }
            }
        }
        return arrays;
    }

    /**
     * The keys of the file that do not fit the encoder's, the first {@value #LISTED} of each kind: the keys the file
     * lacks, those the encoder lacks, and those whose shapes differ; {@code null} when every key fits.
     */
    private static String problem(Map<String, long[]> expected, Map<String, long[]> found, Path npz) {
        var parts = new ArrayList<String>();
        var lacks = expected.keySet().stream().filter(k -> !found.containsKey(k)).toList();
        if (!lacks.isEmpty()) {
            parts.add("it lacks the encoder's " + listed(lacks, k -> "'" + k + "' " + shape(expected.get(k))));
        }
        var extra = found.keySet().stream().filter(k -> !expected.containsKey(k)).toList();
        if (!extra.isEmpty()) {
            parts.add("it holds " + listed(extra, k -> "'" + k + "'") + ", which the encoder does not have");
        }
        var differ = expected.keySet().stream().filter(k -> found.containsKey(k) && !Arrays.equals(found.get(k), expected.get(k)))
                .toList();
        if (!differ.isEmpty()) {
            parts.add(listed(differ, k -> "'" + k + "' is " + shape(found.get(k)) + " in the file and "
                    + shape(expected.get(k)) + " in the encoder"));
        }
        return parts.isEmpty() ? null : npz + " does not fit the encoder: " + String.join("; ", parts);
    }

    /** The first {@value #LISTED} keys, described, and how many more. */
    private static String listed(List<String> keys, Function<String, String> describe) {
        var shown = String.join(", ", keys.stream().limit(LISTED).map(describe).toList());
        return keys.size() > LISTED ? shown + " and " + (keys.size() - LISTED) + " more keys" : shown;
    }

    /** {@code (8, 3, 7, 7)}. */
    private static String shape(long[] shape) {
        return new Shape(shape).toString();
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
