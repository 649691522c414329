package dev.viewpair.datasets.shards;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One sample's array of one kind (an image, a sound, a view), as it is appended to a shard's flat array. */
public sealed interface ArrayChunk {
    Dtype dtype();

    /** The sample's own dimensions. */
    int[] shape();

    /** The number of elements. */
    int length();

    /** Writes the elements, little-endian. */
    void writeTo(OutputStream out) throws IOException;

    /**
     * Bytes, e.g. RGB pixels in HWC order.
     *
     * @param data the elements
     * @param shape their dimensions
     */
    record U8(byte[] data, int[] shape) implements ArrayChunk {
        @Override
        public Dtype dtype() {
            return Dtype.UINT8;
        }

        @Override
        public int length() {
            return data.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(data);
        }
    }

    /**
     * Floats, e.g. PCM samples or a view tensor.
     *
     * @param data the elements
     * @param shape their dimensions
     */
    record F32(float[] data, int[] shape) implements ArrayChunk {
        @Override
        public Dtype dtype() {
            return Dtype.FLOAT32;
        }

        @Override
        public int length() {
            return data.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            var buffer = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(data);
            out.write(buffer.array());
        }
    }
}
