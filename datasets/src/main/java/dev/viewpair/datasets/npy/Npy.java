package dev.viewpair.datasets.npy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0), written from the format's
 * specification: the magic {@code \x93NUMPY}, two version bytes, the header length (2 bytes
 * little-endian in 1.0, 4 in 2.0 and 3.0), then a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (n, d), }} padded with spaces and a
 * final newline so the data starts at a multiple of 64 bytes, then the data.
 *
 * <p>Reads little-endian {@code <f4}, {@code <f8}, {@code <i4} and {@code <i8} arrays in C order: as rows
 * ({@link #readMatrix}, one or two dimensions; a 1-D array of n values is read as n rows of one value) or whole, of
 * any rank ({@link #readArray}). Big-endian, Fortran-order, object and other dtypes are refused with an
 * {@link IllegalArgumentException} naming the file and how to convert it.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The data starts at a multiple of this many bytes (the spec's alignment). */
    private static final int ALIGN = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /**
     * What a file's header says.
     *
     * @param descr the dtype, e.g. {@code <f4}
     * @param fortranOrder whether the data is column-major
     * @param shape the dimensions, outermost first
     */
    public record Header(String descr, boolean fortranOrder, long[] shape) {
        public Header {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /** The header of a {@code .npy} file, as written, without checking whether this class reads its dtype. */
    public static Header readHeader(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return header(in, file);
        }
    }

    /**
     * The rows of a 1-D or 2-D array; 8-byte floats and integers are converted to {@code float}
     * (integers above 2^24 in magnitude lose precision).
     *
     * @return n rows of d values (d = 1 for a 1-D array)
     * @throws IllegalArgumentException naming the file, if it is not an array this class reads
     * @throws IOException if the file cannot be read
     */
    public static float[][] readMatrix(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Header header = header(in, file);
            Dtype dtype = Dtype.of(header.descr(), file);
            long[] shape = header.shape();
            if (shape.length == 0 || shape.length > 2) {
                throw new IllegalArgumentException(file + ": a " + shape.length + "-D array of shape "
                        + Arrays.toString(shape) + "; viewpair reads 1-D and 2-D arrays (reshape to (n, d) first)");
            }
            if (header.fortranOrder() && shape.length == 2) {
                throw new IllegalArgumentException(file + ": the array is stored in Fortran (column-major) order; "
                        + "save np.ascontiguousarray(a) instead");
            }
            long rows = shape[0];
            long width = shape.length == 2 ? shape[1] : 1;
            if (rows > Integer.MAX_VALUE || width > Integer.MAX_VALUE || rows * width > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": shape " + Arrays.toString(shape) + " is too large to read");
            }
            var out = new float[(int) rows][(int) width];
            byte[] rowBytes = new byte[(int) width * dtype.size];
            for (int r = 0; r < rows; r++) {
                int read = in.readNBytes(rowBytes, 0, rowBytes.length);
                if (read < rowBytes.length) {
                    throw new IllegalArgumentException(file + ": the file ends in row " + r + " of " + rows
                            + " (shape " + Arrays.toString(shape) + "); it is truncated");
                }
                dtype.decode(ByteBuffer.wrap(rowBytes).order(ByteOrder.LITTLE_ENDIAN), out[r]);
            }
            return out;
        }
    }

    /**
     * An array of any rank read whole: its shape, outermost first, and its values in C (row-major) order.
     *
     * @param shape the dimensions
     * @param values every value, the last dimension varying fastest
     */
    public record Array(long[] shape, float[] values) {
        public Array {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /**
     * An array of one or more dimensions in C order (view tensors: N × C × H × W, N × C × T), its values converted to
     * {@code float} as {@link #readMatrix} converts them.
     *
     * @throws IllegalArgumentException naming the file, if it is not an array this class reads
     * @throws IOException if the file cannot be read
     */
    public static Array readArray(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Header header = header(in, file);
            Dtype dtype = Dtype.of(header.descr(), file);
            long[] shape = header.shape();
            if (shape.length == 0) {
                throw new IllegalArgumentException(file + ": a 0-D array (one value); save it with at least one dimension");
            }
            if (header.fortranOrder() && shape.length > 1) {
                throw new IllegalArgumentException(file + ": the array is stored in Fortran (column-major) order; "
                        + "save np.ascontiguousarray(a) instead");
            }
            long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            if (count * dtype.size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": shape " + Arrays.toString(shape) + " is too large to read at once");
            }
            byte[] bytes = in.readNBytes((int) count * dtype.size);
            if (bytes.length < count * dtype.size) {
                throw new IllegalArgumentException(file + ": the file ends after " + bytes.length + " of "
                        + count * dtype.size + " data bytes (shape " + Arrays.toString(shape) + "); it is truncated");
            }
            var values = new float[(int) count];
            dtype.decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), values);
            return new Array(shape, values);
        }
    }

    /** Writes the rows as a 2-D {@code <f4} array of shape (n, d), format 1.0 (2.0 if the header needs it). */
    public static void write(Path file, float[][] rows) throws IOException {
        int width = rows.length == 0 ? 0 : rows[0].length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("cannot write " + file + ": row " + r + " has " + rows[r].length
                        + " values, row 0 has " + width);
            }
        }
        try (var out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(header("<f4", "(" + rows.length + ", " + width + ")"));
            var buffer = ByteBuffer.allocate(width * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : rows) {
                buffer.clear();
                buffer.asFloatBuffer().put(row);
                out.write(buffer.array());
            }
        }
    }

    /** Writes the values as a 1-D {@code <f4} array of shape (n,). */
    public static void write(Path file, float[] values) throws IOException {
        try (var out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(header("<f4", "(" + values.length + ",)"));
            var buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(values);
            out.write(buffer.array());
        }
    }

    /**
     * The bytes that precede the data of a C-order array: its length is a multiple of 64, so the data that follows
     * is aligned for memory mapping.
     *
     * @param descr the dtype as NumPy writes it ({@code |u1}, {@code <f4}, …)
     * @param shape the dimensions, outermost first
     */
    public static byte[] header(String descr, long... shape) {
        var dims = Arrays.stream(shape).mapToObj(Long::toString).toList();
        return header(descr, "(" + String.join(", ", dims) + (shape.length == 1 ? ",)" : ")"));
    }

    /**
     * Where the data of a {@code .npy} file starts: the length of its magic, version, header length and header.
     *
     * @throws IllegalArgumentException naming the file when it does not start like a {@code .npy} file
     */
    public static long dataOffset(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(MAGIC.length + 2 + 4);
            if (start.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC)) {
                throw new IllegalArgumentException(file + ": not a NumPy .npy file (no \\x93NUMPY magic)");
            }
            var b = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN);
            int major = start[MAGIC.length];
            return major == 1
                    ? MAGIC.length + 2 + 2 + Short.toUnsignedLong(b.getShort(MAGIC.length + 2))
                    : MAGIC.length + 2 + 4 + Integer.toUnsignedLong(b.getInt(MAGIC.length + 2));
        }
    }

    /** The magic, version, length and padded dict: version 1.0 unless the dict needs more than 65535 bytes. */
    static byte[] header(String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int version = 1;
        int prefix = MAGIC.length + 2 + 2;
        int padded = roundUp(prefix + dict.length() + 1);
        if (padded - prefix > 0xFFFF) { // only a shape of thousands of dimensions gets here
            version = 2;
            prefix = MAGIC.length + 2 + 4;
            padded = roundUp(prefix + dict.length() + 1);
        }
        int length = padded - prefix;
        var buffer = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            buffer.putShort((short) length);
        } else {
            buffer.putInt(length);
        }
        buffer.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (buffer.position() < padded - 1) {
            buffer.put((byte) ' ');
        }
        buffer.put((byte) '\n');
        return buffer.array();
    }

    private static int roundUp(int bytes) {
        return (bytes + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static Header header(InputStream in, Path file) throws IOException {
        byte[] start = in.readNBytes(MAGIC.length + 2);
        if (start.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException(file + ": not a NumPy .npy file (no \\x93NUMPY magic); save it with np.save");
        }
        int major = start[MAGIC.length];
        if (major < 1 || major > 3) {
            throw new IllegalArgumentException(file + ": .npy format version " + major + "." + start[MAGIC.length + 1]
                    + " is not one viewpair reads (1.0, 2.0, 3.0)");
        }
        int lengthSize = major == 1 ? 2 : 4;
        byte[] lengthBytes = in.readNBytes(lengthSize);
        long length = Integer.toUnsignedLong(
                ByteBuffer.wrap(Arrays.copyOf(lengthBytes, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (lengthBytes.length < lengthSize || length > 1 << 24) {
            throw new IllegalArgumentException(file + ": the .npy header is truncated or implausibly long");
        }
        byte[] dictBytes = in.readNBytes((int) length);
        if (dictBytes.length < length) {
            throw new IllegalArgumentException(file + ": the file ends inside its .npy header");
        }
        // 1.0 and 2.0 headers are latin-1, 3.0 headers UTF-8; the keys and values read here are ASCII either way
        String dict = new String(dictBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        var descr = DESCR.matcher(dict);
        var fortran = FORTRAN.matcher(dict);
        var shape = SHAPE.matcher(dict);
        if (!descr.find()) {
            // structured dtypes are lists, not quoted strings
            throw new IllegalArgumentException(file + ": the array's dtype is not a plain number type (header "
                    + dict.strip() + "); save a float array");
        }
        if (!fortran.find() || !shape.find()) {
            throw new IllegalArgumentException(file + ": unreadable .npy header " + dict.strip());
        }
        return new Header(descr.group(1), fortran.group(1).equals("True"), dimensions(shape.group(1), file));
    }

    private static long[] dimensions(String tuple, Path file) {
        var parts = Arrays.stream(tuple.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        long[] shape = new long[parts.size()];
        for (int i = 0; i < shape.length; i++) {
            try {
                shape[i] = Long.parseLong(parts.get(i).replace("L", "")); // Python 2 wrote 3L
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": unreadable shape (" + tuple + ") in the .npy header");
            }
        }
        return shape;
    }

    /** The dtypes read, each decoded from little-endian bytes into floats. */
    private enum Dtype {
        F4(4) {
            @Override
            void decode(ByteBuffer bytes, float[] into) {
                bytes.asFloatBuffer().get(into);
            }
        },
        F8(8) {
            @Override
            void decode(ByteBuffer bytes, float[] into) {
                for (int i = 0; i < into.length; i++) {
                    into[i] = (float) bytes.getDouble();
                }
            }
        },
        I4(4) {
            @Override
            void decode(ByteBuffer bytes, float[] into) {
                for (int i = 0; i < into.length; i++) {
                    into[i] = bytes.getInt();
                }
            }
        },
        I8(8) {
            @Override
            void decode(ByteBuffer bytes, float[] into) {
                for (int i = 0; i < into.length; i++) {
                    into[i] = bytes.getLong();
                }
            }
        };

        final int size;

        Dtype(int size) {
            this.size = size;
        }

        abstract void decode(ByteBuffer bytes, float[] into);

        static Dtype of(String descr, Path file) {
            var known = switch (descr) {
                case "<f4" -> F4;
                case "<f8" -> F8;
                case "<i4" -> I4;
                case "<i8" -> I8;
                default -> null;
            };
            if (known != null) {
                return known;
            }
            if (descr.startsWith(">")) {
                throw new IllegalArgumentException(file + ": big-endian dtype " + descr + "; save "
                        + "a.astype('<" + descr.substring(1) + "') instead");
            }
            String what = descr.equals("|O") ? "an object array" : "dtype " + descr;
            throw new IllegalArgumentException(file + ": " + what + " is not one viewpair reads (<f4, <f8, <i4, <i8); "
                    + "save a.astype('<f4') instead");
        }
    }
}
