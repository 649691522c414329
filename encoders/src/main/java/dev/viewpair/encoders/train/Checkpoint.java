package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDManager;
import dev.viewpair.encoders.nn.Encoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The checkpoint folder's format: {@code checkpoint.properties} (the format, the step, the epoch in progress with
 * its running means, the skip counters, each encoder's input shape, each bound's moving averages and the caller's
 * extra values), {@code encoder-<name>.params} and {@code critic-<pair>.params} ({@link ParameterFiles}) and
 * {@code optimizer.state}. Format 2 holds all of it; the parameters-only checkpoints of format 1 still load (the
 * optimizer then starts afresh). The properties file is written last: a folder that has it is complete ({@link
 * CheckpointSwap} relies on it).
 */
public final class Checkpoint {
    static final String PROPERTIES_FILE = "checkpoint.properties";
    private static final String FORMAT = "viewpair-checkpoint-2";
    /** The parameters-only checkpoints of earlier versions, still loadable. */
    private static final String FORMAT_1 = "viewpair-checkpoint-1";
    private static final String OPTIMIZER_FILE = "optimizer.state";
    private static final String EXTRA_PREFIX = "extra.";

    private final Path folder;
    private final Properties properties;

    private Checkpoint(Path folder, Properties properties) {
        this.folder = folder;
        this.properties = properties;
    }

    /**
     * What a checkpoint says about itself, without loading it.
     *
     * @param step the steps taken before it (the schedule's position)
     * @param epoch the epoch of its last step (−1 if none)
     * @param batchesInEpoch the steps of that epoch before it
     * @param extra the values the caller saved with it
     */
    public record Info(long step, int epoch, long batchesInEpoch, Map<String, String> extra) {
        public Info {
            extra = Map.copyOf(extra);
        }
    }

    /**
     * Reads a checkpoint's description.
     *
     * @throws IOException naming the file when it is missing, unreadable or of an unknown format
     */
    public static Info read(Path folder) throws IOException {
        return open(folder).info();
    }

    /**
     * A checkpoint folder, its properties read.
     *
     * @throws IOException naming the file when it is missing, unreadable or of an unknown format
     */
    static Checkpoint open(Path folder) throws IOException {
        var properties = new Properties();
        Path file = folder.resolve(PROPERTIES_FILE);
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IOException(folder + " is not a viewpair checkpoint: it has no " + PROPERTIES_FILE, e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
        String format = properties.getProperty("format");
        if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
            throw new IOException(file + " holds an unknown checkpoint format: " + format);
        }
        return new Checkpoint(folder, properties);
    }

    private Info info() throws IOException {
        try {
            var extra = new LinkedHashMap<String, String>();
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith(EXTRA_PREFIX)) {
                    extra.put(key.substring(EXTRA_PREFIX.length()), properties.getProperty(key));
                }
            }
            return new Info(Long.parseLong(properties.getProperty("step", "0")),
                    Integer.parseInt(properties.getProperty("epoch", "-1")),
                    Long.parseLong(properties.getProperty("epoch.batches", "0")), extra);
        } catch (NumberFormatException e) {
            throw new IOException(folder.resolve(PROPERTIES_FILE) + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Each encoder's sample shape, as the checkpoint recorded it, in the model's encoder order.
     *
     * @throws IOException when the checkpoint has no such encoder
     */
    Map<String, long[]> sampleShapes(Model model) throws IOException {
        var shapes = new LinkedHashMap<String, long[]>();
        for (String name : model.encoders().keySet()) {
            String shape = properties.getProperty(shapeKey(name));
            if (shape == null) {
                throw new IOException("checkpoint " + folder + " has no encoder '" + name + "'");
            }
            shapes.put(name, Arrays.stream(shape.split(",")).mapToLong(Long::parseLong).toArray());
        }
        return shapes;
    }

    /** Copies the saved parameters into the model's initialized encoders and critics. */
    void readParameters(Model model, NDManager manager) throws IOException {
        for (var entry : model.encoders().entrySet()) {
            ParameterFiles.read(entry.getValue(), encoderFile(folder, entry.getKey()), manager);
        }
        for (PairSpec pair : model.pairs()) {
            ParameterFiles.read(pair.critic(), criticFile(folder, pair.name()), manager);
        }
    }

    /**
     * Restores the step, and from a checkpoint of format 2 the optimizer's state, the skip counters, the epoch in
     * progress and the bounds' moving averages.
     */
    void readState(Model model, StatefulOptimizer optimizer, TrainingPosition position) throws IOException {
        position.readStep(properties);
        if (!FORMAT.equals(properties.getProperty("format"))) {
            return;
        }
        Path optimizerFile = folder.resolve(OPTIMIZER_FILE);
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(optimizerFile)))) {
            optimizer.read(in, optimizerFile.toString(), model.namedParameters().keySet());
        } catch (NoSuchFileException e) {
            throw new IOException("checkpoint " + folder + " has no " + OPTIMIZER_FILE, e);
        } catch (EOFException e) {
            throw new IOException(optimizerFile + " is cut short", e);
        }
        try {
            position.read(properties);
            for (PairSpec pair : model.pairs()) {
                String state = properties.getProperty("bound." + pair.name() + ".state", "");
                pair.bound().restoreState(state.isEmpty() ? new double[0]
                        : Arrays.stream(state.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(folder.resolve(PROPERTIES_FILE) + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Writes a checkpoint of format 2 into an empty folder, the properties file last. */
    static void write(Path folder, Model model, ShapeSetup setup, StatefulOptimizer optimizer, TrainingPosition position,
            Map<String, String> extra) throws IOException {
        var properties = new Properties();
        properties.setProperty("format", FORMAT);
        position.write(properties);
        properties.setProperty("optimizer", optimizer.type());
        properties.setProperty("optimizer.updates", Long.toString(optimizer.updates()));
        for (Map.Entry<String, Encoder> entry : model.encoders().entrySet()) {
            ParameterFiles.write(entry.getValue(), encoderFile(folder, entry.getKey()));
            properties.setProperty(shapeKey(entry.getKey()), Arrays.stream(setup.sampleShape(entry.getKey()))
                    .mapToObj(Long::toString)
                    .collect(Collectors.joining(",")));
        }
        for (PairSpec pair : model.pairs()) {
            ParameterFiles.write(pair.critic(), criticFile(folder, pair.name()));
            // Double.toString reads back to the same double
            properties.setProperty("bound." + pair.name() + ".state", Arrays.stream(pair.bound().state())
                    .mapToObj(Double::toString)
                    .collect(Collectors.joining(",")));
        }
        extra.forEach((key, value) -> properties.setProperty(EXTRA_PREFIX + key, value));
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(folder.resolve(OPTIMIZER_FILE))))) {
            optimizer.write(out);
        }
        try (OutputStream out = Files.newOutputStream(folder.resolve(PROPERTIES_FILE))) {
            properties.store(out, "viewpair checkpoint: encoder-<name>.params, critic-<pair>.params, " + OPTIMIZER_FILE);
        }
    }

    private static Path encoderFile(Path folder, String name) {
        return folder.resolve(Model.ENCODER_PREFIX + name + ".params");
    }

    private static Path criticFile(Path folder, String pair) {
        return folder.resolve("critic-" + pair + ".params");
    }

    private static String shapeKey(String encoder) {
        return "encoder." + encoder + ".input";
    }
}
