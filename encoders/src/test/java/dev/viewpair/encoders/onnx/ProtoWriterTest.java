package dev.viewpair.encoders.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The wire format's known answers, from the protocol buffers encoding guide. */
class ProtoWriterTest {
    private static byte[] bytes(int... values) {
        var out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void varintFieldsAreTaggedAndSevenBitsAtATime() {
        // the guide's first example: field 1 = 150 is 08 96 01
        assertArrayEquals(bytes(0x08, 0x96, 0x01), new ProtoWriter().varint(1, 150).toByteArray());
        // a negative int64 takes ten bytes
        assertArrayEquals(bytes(0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
                new ProtoWriter().varint(2, -1).toByteArray());
    }

    @Test
    void stringsMessagesAndPackedVarintsAreLengthDelimited() {
        // the guide's string example: field 2 = "testing" is 12 07 74 65 73 74 69 6e 67
        assertArrayEquals(bytes(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67),
                new ProtoWriter().string(2, "testing").toByteArray());
        // its embedded message example: field 3 = {field 1 = 150} is 1a 03 08 96 01
        assertArrayEquals(bytes(0x1a, 0x03, 0x08, 0x96, 0x01),
                new ProtoWriter().message(3, new ProtoWriter().varint(1, 150)).toByteArray());
        // its packed example: field 4 = [3, 270, 86942] is 22 06 03 8E 02 9E A7 05
        assertArrayEquals(bytes(0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05),
                new ProtoWriter().packed(4, 3, 270, 86942).toByteArray());
    }

    @Test
    void floatsAreFourBytesLittleEndian() {
        // field 2, wire type 5; 1.0f is 0x3F800000
        assertArrayEquals(bytes(0x15, 0x00, 0x00, 0x80, 0x3F), new ProtoWriter().float32(2, 1f).toByteArray());
    }
}
