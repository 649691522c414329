package dev.viewpair.encoders.nn;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * The names and shapes of the arrays of a NumPy {@code .npz} file (a zip of {@code .npy} files), read from each
 * array's header only: the values are not read, so checking a large state dict costs a few kilobytes.
 */
final class NpzShapes {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpzShapes() {}

    /**
     * Each array's name (its entry's name without {@code .npy}) and shape, in the file's order.
     *
     * @throws IOException when the file is missing, not a zip, or an entry is not a {@code .npy} array, naming it
     */
    static Map<String, long[]> read(Path npz) throws IOException {
        var shapes = new LinkedHashMap<String, long[]>();
        try (var zip = new ZipFile(npz.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                var name = entry.getName().endsWith(".npy") ? entry.getName().substring(0, entry.getName().length() - 4)
                        : entry.getName();
                try (var in = zip.getInputStream(entry)) {
                    shapes.put(name, shape(in, entry.getName()));
                }
            }
        }
        return shapes;
    }

    /** The shape in one {@code .npy} header (format versions 1 to 3). */
    private static long[] shape(InputStream stream, String entry) throws IOException {
        var in = new DataInputStream(stream);
        var magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("'" + entry + "' is not a .npy array");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        int length = major == 1 ? in.readUnsignedByte() | in.readUnsignedByte() << 8
                : in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16 | in.readUnsignedByte() << 24;
        var header = new byte[length];
        in.readFully(header);
        var text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        var m = SHAPE.matcher(text);
        if (!m.find()) {
            throw new IOException("'" + entry + "' has no shape in its header: " + text.strip());
        }
        return Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToLong(s -> Long.parseLong(s.replace("L", ""))).toArray();
    }
}
