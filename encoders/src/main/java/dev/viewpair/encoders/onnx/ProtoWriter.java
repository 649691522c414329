package dev.viewpair.encoders.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The protocol buffers wire format, as much of it as ONNX files need: varint fields (wire type 0), length-delimited
 * fields (wire type 2: strings, bytes, nested messages) and packed repeated varints. Fields are written in the order
 * they are added; a message is the concatenation of its fields.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A varint field ({@code int32}, {@code int64}, an enum); negative values take ten bytes, as protobuf has them. */
    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** A {@code string} field, UTF-8. */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code bytes} field. */
    ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** A nested message field. */
    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** A {@code float} field (wire type 5, four bytes little-endian). */
    ProtoWriter float32(int field, float value) {
        tag(field, 5);
        out.writeBytes(ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
        return this;
    }

    /** A repeated varint field, packed: one length-delimited field holding the varints back to back. */
    ProtoWriter packed(int field, long... values) {
        var packed = new ProtoWriter();
        for (long v : values) {
            packed.rawVarint(v);
        }
        return bytes(field, packed.toByteArray());
    }

    /** The message's bytes. */
    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    /** Seven bits at a time, least significant first, the high bit set on every byte but the last. */
    private void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
