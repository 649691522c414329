package dev.viewpair.datasets.shards;

/** The element types shards store, by their NumPy names. */
public enum Dtype {
    /** Decoded image pixels. */
    UINT8("uint8", "|u1", 1),
    /** Decoded sound and view tensors. */
    FLOAT32("float32", "<f4", 4);

    private final String numpyName;
    private final String descr;
    private final int size;

    Dtype(String numpyName, String descr, int size) {
        this.numpyName = numpyName;
        this.descr = descr;
        this.size = size;
    }

    /** The name NumPy gives it ({@code uint8}), as the index writes it. */
    public String numpyName() {
        return numpyName;
    }

    /** The {@code .npy} header's descr ({@code |u1}, {@code <f4}: little-endian). */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The dtype of a NumPy name; throws {@link IllegalArgumentException} for another. */
    public static Dtype of(String numpyName) {
        for (var d : values()) {
            if (d.numpyName.equals(numpyName)) {
                return d;
            }
        }
        throw new IllegalArgumentException("dtype '" + numpyName + "' is not one shards hold (uint8, float32)");
    }
}
