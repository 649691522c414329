package dev.viewpair.encoders.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.LayerOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a step's encoders run: on one device, or data-parallel over several. Each device holds a replica of the
 * encoders ({@link Replica}; the first device holds the trainer's own parameters) and encodes an equal shard of
 * the batch; the projections are gathered on the first device, where the critics and bounds see the whole batch
 * (all K negatives, not K/N); after the one backward pass the replicas' gradients are summed on the first device,
 * which takes the update, and the replicas copy its parameters again.
 */
final class DataParallel {
    private final NDManager manager;
    private final List<Device> devices;
    /** The forward passes' store on the first device (the optimizer applies the updates itself). */
    private ParameterStore store;
    /** The encoders' copies on the second and later devices (empty on one device). */
    private List<Replica> replicas = List.of();

    /** @param manager the trainer's manager, on the first device */
    DataParallel(NDManager manager, List<Device> devices) {
        this.manager = manager;
        this.devices = List.copyOf(devices);
    }

    List<Device> devices() {
        return devices;
    }

    /** Whether {@link #start} ran: the parameters are initialized and the replicas made. */
    boolean started() {
        return store != null;
    }

    /** Puts the model's initialized parameters in the first device's store and makes a replica on each other device. */
    void start(Model model) {
        var first = new ParameterStore(manager, false);
        Device device = manager.getDevice();
        model.namedParameters().values().forEach(parameter -> first.getValue(parameter, device, true));
        var copies = new ArrayList<Replica>();
        for (Device other : devices.subList(1, devices.size())) {
            var replica = new Replica(manager, other);
            replica.copyFrom(model.encoderParameters());
            copies.add(replica);
        }
        store = first;
        replicas = List.copyOf(copies);
    }

    /** @throws IllegalArgumentException when the batch does not split evenly over the devices */
    void checkSplits(BatchData batch) {
        if (batch.size() % devices.size() != 0) {
            throw new IllegalArgumentException("a batch of " + batch.size() + " samples cannot be split evenly over "
                    + devices.size() + " devices " + devices + ": make the batch size a multiple of " + devices.size());
        }
    }

    /**
     * The batch's views cut into one equal shard per device, in device order, each made on its device (one
     * device: the whole batch).
     */
    List<Map<String, NDArray>> shards(BatchData batch, List<String> views, NDManager stepManager) {
        int n = devices.size();
        var shards = new ArrayList<Map<String, NDArray>>();
        for (int r = 0; r < n; r++) {
            NDManager target = r == 0 ? stepManager : stepManager.newSubManager(devices.get(r));
            var inputs = new HashMap<String, NDArray>();
            for (String view : views) {
                inputs.put(view, BatchArrays.shard(batch, view, r, n, target));
            }
            shards.add(inputs);
        }
        return shards;
    }

    /**
     * A view's layers for the whole batch on the first device (its projection, or the stages and embedding a pair
     * reads): each replica encodes its shard, and the shards are gathered by copies that gradients flow back
     * through, so the critic and the bound see every sample of the batch as a negative, not only those of one shard.
     */
    Map<String, LayerOutput> layers(Encoder encoder, String view, Set<String> layers,
            List<Map<String, NDArray>> shards) {
        var first = encoder.forwardLayers(store, shards.get(0).get(view), true, layers);
        if (replicas.isEmpty()) {
            return first;
        }
        var parts = new LinkedHashMap<String, NDList>();
        first.forEach((name, output) -> parts.computeIfAbsent(name, n -> new NDList()).add(output.values()));
        for (int r = 0; r < replicas.size(); r++) {
            encoder.forwardLayers(replicas.get(r), shards.get(r + 1).get(view), true, layers).forEach((name, output) ->
                    parts.get(name).add(output.values().toDevice(devices.get(0), false)));
        }
        var gathered = new LinkedHashMap<String, LayerOutput>();
        first.forEach((name, output) -> gathered.put(name, new LayerOutput(NDArrays.concat(parts.get(name)), output.grid())));
        return gathered;
    }

    /**
     * Adds each replica's gradients to the first device's, so that they are those of the whole batch's loss (the
     * replicas' copies are replaced after the step, gradients and all).
     */
    void addReplicaGradients(Model model, Map<String, NDArray> gradients, NDManager stepManager) {
        Device first = devices.get(0);
        model.namedParameters().forEach((name, parameter) -> {
            NDArray gradient = gradients.get(name);
            if (gradient == null || !Model.isEncoderParameter(name)) {
                return;
            }
            for (Replica replica : replicas) {
                NDArray copy = replica.copyOf(parameter);
                if (copy.hasGradient()) {
                    NDArray own = copy.getGradient();
                    own.attach(stepManager);
                    gradient.addi(own.toDevice(first, false));
                }
            }
        });
    }

    /** Every replica takes the first device's weights and running statistics again (after an update or a load). */
    void syncReplicas(Model model) {
        List<Parameter> parameters = model.encoderParameters();
        replicas.forEach(replica -> replica.copyFrom(parameters));
    }

    /** The encoders' copies on the second and later devices (for tests). */
    List<Replica> replicas() {
        return replicas;
    }
}
