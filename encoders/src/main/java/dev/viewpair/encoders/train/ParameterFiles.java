package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a block's parameters (running statistics included) to one file and copies them back
 * into an initialized block of the same architecture. Loading copies into the existing arrays
 * rather than replacing them, so whatever holds those arrays (the trainer's parameter store, the
 * optimizer state) stays valid.
 */
final class ParameterFiles {
    private static final String MAGIC = "viewpair-parameters";
    private static final int VERSION = 1;

    private ParameterFiles() {}

    static void write(Block block, Path file) throws IOException {
        var parameters = block.getParameters();
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(parameters.size());
            for (var entry : parameters) {
                byte[] bytes = entry.getValue().getArray().encode();
                out.writeUTF(entry.getKey());
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    static void read(Block block, Path file, NDManager manager) throws IOException {
        var parameters = block.getParameters();
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
                NDManager scratch = manager.newSubManager()) {
            if (!MAGIC.equals(readHeader(in)) || in.readInt() != VERSION) {
                throw new IOException(file + " is not a viewpair parameter file of version " + VERSION);
            }
            int count = in.readInt();
            if (count != parameters.size()) {
                throw new IOException(file + " holds " + count + " parameters but the model has " + parameters.size()
                        + ": it was saved from a different architecture");
            }
            for (var entry : parameters) {
                String name = in.readUTF();
                if (!name.equals(entry.getKey())) {
                    throw new IOException(file + " holds parameter '" + name + "' where the model has '"
                            + entry.getKey() + "': it was saved from a different architecture");
                }
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                NDArray loaded = scratch.decode(bytes);
                NDArray target = entry.getValue().getArray();
                if (!loaded.getShape().equals(target.getShape())) {
                    throw new IOException(file + ": parameter '" + name + "' has shape " + loaded.getShape()
                            + " but the model's has " + target.getShape());
                }
                InPlace.copy(loaded, target);
            }
        }
    }

    private static String readHeader(DataInputStream in) {
        try {
            return in.readUTF();
        } catch (IOException e) {
            return ""; // too short or not modified UTF-8: not our file
        }
    }
}
