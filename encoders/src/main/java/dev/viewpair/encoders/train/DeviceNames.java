package dev.viewpair.encoders.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The device names of recipes and the command line, {@code cpu}, {@code gpu} (the first GPU) and {@code gpu:N}, and
 * the check that DJL's engine can run them. A list of names is a {@link SharedTrainer.Builder#devices} list: one
 * replica per name, and a name may repeat.
 */
public final class DeviceNames {
    /** The accepted forms, for messages. */
    public static final String FORMS = "cpu, gpu (the first GPU) or gpu:N (N from 0)";

    private static final Pattern NAME = Pattern.compile("cpu|gpu(?::(\\d{1,4}))?");

    private DeviceNames() {}

    /**
     * Parses one device name.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Device parse(String name) {
        var matcher = NAME.matcher(name == null ? "" : name.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unknown device '" + name + "': use " + FORMS);
        }
        if (matcher.group(0).equals("cpu")) {
            return Device.cpu();
        }
        return Device.gpu(matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1)));
    }

    /**
     * Parses the names and checks that the engine sees every GPU they name.
     *
     * @param names the device names, at least one
     * @param key where they were written, for messages ({@code train.devices}, {@code --devices})
     * @throws IllegalArgumentException naming the key, the device, what DJL sees and what to do
     */
    public static List<Device> resolve(List<String> names, String key) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException(key + " is empty: name at least one device, e.g. [cpu]");
        }
        var devices = new ArrayList<Device>();
        int gpus = -1;
        for (String name : names) {
            Device device;
            try {
                device = parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
            if (device.isGpu()) {
                if (gpus < 0) {
                    gpus = Engine.getInstance().getGpuCount();
                }
                if (device.getDeviceId() >= gpus) {
                    var engine = Engine.getInstance();
                    String sees = gpus == 0
                            ? "0 GPUs: it runs a CPU build of libtorch, or there is no CUDA driver"
                            : gpus + " GPU" + (gpus == 1 ? "" : "s") + " (gpu:0 to gpu:" + (gpus - 1) + ")";
                    throw new IllegalArgumentException(key + ": '" + name.strip() + "' needs GPU " + device.getDeviceId()
                            + ", but DJL's " + engine.getEngineName() + " engine (" + engine.getVersion() + ") sees "
                            + sees + ". Train on [cpu], name only GPUs it sees, or set up the CUDA build of libtorch"
                            + " as docs/devices.md describes");
                }
            }
            devices.add(device);
        }
        return List.copyOf(devices);
    }
}
