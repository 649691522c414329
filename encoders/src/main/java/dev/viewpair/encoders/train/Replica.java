package dev.viewpair.encoders.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A copy of every encoder parameter on one device, which one shard of a data-parallel step runs through: the
 * encoders read their weights from it as their {@link ParameterStore}. The copies are leaves that collect their
 * own gradients; {@link #copyFrom} replaces them with fresh copies of the parameters (after initialization and
 * after every update), so every replica holds the same weights as the trainer's own parameters.
 *
 * <p>Unlike DJL's own store, which keeps one copy per device, each replica has its own arrays, so two replicas
 * may sit on the same device (that is how the tests run data parallelism on one CPU).
 */
final class Replica extends ParameterStore {
    private final Device device;
    private final NDManager manager;
    private final Map<Parameter, NDArray> copies = new IdentityHashMap<>();

    /**
     * @param parent the trainer's manager; the copies live in a sub-manager of it on {@code device}
     */
    Replica(NDManager parent, Device device) {
        super(parent, false);
        this.device = device;
        this.manager = parent.newSubManager(device);
        manager.setName("replica-" + device);
    }

    Device device() {
        return device;
    }

    /**
     * Replaces every copy with a fresh one of the parameter's current value (weights and running statistics: as
     * PyTorch's DistributedDataParallel broadcasts buffers, BatchNorm statistics come from the first replica).
     */
    void copyFrom(Collection<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            // detached first: a copy of a tensor that records gradients would hang off its graph
            NDArray detached = parameter.getArray().stopGradient();
            NDArray copy = detached.getDevice().equals(device) ? detached.duplicate() : detached.toDevice(device, true);
            detached.close();
            copy.attach(manager);
            if (parameter.requiresGradient()) {
                copy.setRequiresGradient(true);
            }
            NDArray old = copies.put(parameter, copy);
            if (old != null) {
                old.close();
            }
        }
    }

    /** This replica's copy of a parameter. */
    NDArray copyOf(Parameter parameter) {
        NDArray copy = copies.get(parameter);
        if (copy == null) {
            throw new IllegalStateException("replica on " + device + " has no copy of parameter " + parameter.getName());
        }
        return copy;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        return parameter == null ? null : copyOf(parameter);
    }
}
