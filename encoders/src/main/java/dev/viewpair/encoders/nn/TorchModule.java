package dev.viewpair.encoders.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A block whose sub-blocks carry the names PyTorch gives the same modules ({@code conv1}, {@code bn1}, {@code layer1},
 * {@code 0}, {@code downsample}), so that its parameters can be named as in a PyTorch state dict ({@link #stateDict}).
 * Parameter-free steps (ReLU, pooling) are applied in {@code forward} and are not modules, as in torchvision; where
 * PyTorch numbers one inside an {@code nn.Sequential} (the video ResNet's {@code stem.2} ReLU), it is a block without
 * parameters there, which holds no key.
 */
interface TorchModule extends Block {
    /** The sub-blocks by their PyTorch names, in registration order: convolutions, batch norms, or modules. */
    Map<String, Block> modules();

    /**
     * Every parameter under its PyTorch state-dict key, in PyTorch's order: a convolution's (2-D or 3-D, without bias)
     * {@code weight}; a batch
     * norm's {@code weight}, {@code bias}, {@code running_mean}, {@code running_var} (DJL's gamma, beta, runningMean,
     * runningVar). PyTorch's {@code num_batches_tracked} counters have no DJL counterpart and are not listed.
     */
    static Map<String, Parameter> stateDict(TorchModule module) {
        var keys = new LinkedHashMap<String, Parameter>();
        add(module, "", keys);
        return keys;
    }

    private static void add(TorchModule module, String prefix, Map<String, Parameter> keys) {
        module.modules().forEach((name, block) -> {
            var at = prefix + name + ".";
            var own = block.getDirectParameters();
            if (block instanceof Convolution) {
                keys.put(at + "weight", own.get("weight"));
            } else if (block instanceof BatchNorm) {
                keys.put(at + "weight", own.get("gamma"));
                keys.put(at + "bias", own.get("beta"));
                keys.put(at + "running_mean", own.get("runningMean"));
                keys.put(at + "running_var", own.get("runningVar"));
            } else if (block instanceof TorchModule child) {
                add(child, at, keys);
            } else if (!block.getParameters().isEmpty()) {
                throw new IllegalStateException("no PyTorch names for a " + block.getClass().getSimpleName() + " at " + at);
            }
        });
    }
}
