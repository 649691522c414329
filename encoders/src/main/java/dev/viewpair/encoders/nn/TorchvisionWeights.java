package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An encoder's backbone weights under torchvision's state-dict keys ({@code conv1.weight}, {@code bn1.running_mean},
 * {@code layer2.0.downsample.0.weight}, …), read from and written to NumPy {@code .npz} files (a zip of {@code .npy}
 * arrays, one per key): {@code torch.nn.Module.load_state_dict} takes what {@link #write} writes, and {@link #read}
 * takes what {@code numpy.savez(file, **{k: v.numpy() for k, v in model.state_dict().items()})} writes. Only
 * backbones built with PyTorch's module names (a {@link ResNet}'s) have such keys.
 */
public final class TorchvisionWeights {
    /** The classifier's keys ({@code fc.weight}, {@code fc.bias}): not part of an encoder, skipped when read. */
    private static final String CLASSIFIER = "fc.";
    /** PyTorch's batch-norm step counters: written as 0, skipped when read (DJL's batch norm has none). */
    private static final String COUNTER = "num_batches_tracked";

    private TorchvisionWeights() {}

    /** Whether this encoder's backbone has torchvision names. */
    public static boolean named(Encoder encoder) {
        return encoder.backbone() instanceof TorchModule;
    }

    /**
     * The backbone's parameters by torchvision key, in torchvision's order.
     *
     * @throws IllegalArgumentException when the backbone has no torchvision names
     */
    public static Map<String, Parameter> parameters(Encoder encoder) {
        if (!(encoder.backbone() instanceof TorchModule module)) {
            throw new IllegalArgumentException("only a resnet encoder's weights have torchvision names");
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
        var parameters = parameters(encoder);
        try (var manager = parameters.values().iterator().next().getArray().getManager().newSubManager();
                var in = new BufferedInputStream(Files.newInputStream(npz))) {
            var arrays = new LinkedHashMap<String, NDArray>();
            for (var array : NDList.decode(manager, in)) {
                var key = array.getName();
                if (key.startsWith(CLASSIFIER) || key.endsWith(COUNTER)) {
                    continue;
                }
                if (!parameters.containsKey(key)) {
                    throw new IllegalArgumentException(npz + " holds '" + key + "', which the encoder does not have"
                            + ": it is not a torchvision state dict of this depth");
                }
                arrays.put(key, array);
            }
            for (var e : parameters.entrySet()) {
                var array = arrays.get(e.getKey());
                var target = e.getValue().getArray();
                if (array == null) {
                    throw new IllegalArgumentException(npz + " lacks '" + e.getKey() + "' of shape " + target.getShape());
                }
                if (!array.getShape().equals(target.getShape())) {
                    throw new IllegalArgumentException("'" + e.getKey() + "' has shape " + array.getShape() + " in " + npz
                            + ", the encoder's is " + target.getShape() + ": check the depth, width, stem and input channels");
                }
                array.toType(target.getDataType(), false).copyTo(target);
            }
        }
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
