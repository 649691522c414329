package dev.viewpair.encoders.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph being built, and the model file around it ({@link #model}): nodes of the default operator set at
 * {@value #OPSET}, initializers (float32 as raw little-endian data, int64 for shapes and indices), and named inputs
 * and outputs whose dimensions are fixed sizes or symbols ({@code "N"}), metadata properties. Every value gets a name no other value has.
 * The field numbers are those of {@code onnx.proto} (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
 * ValueInfoProto, TypeProto, TensorShapeProto).
 */
public final class OnnxGraph {
    /** The default domain's operator set the nodes use: 17, the newest Debian's onnx 1.12 checker knows. */
    public static final int OPSET = 17;
    /** The IR version written: 8, that of ONNX 1.10 to 1.12 (opset 17 needs at least 8). */
    public static final long IR_VERSION = 8;

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> outputNames = new HashSet<>();

    /** A node, kept until the model is written so that an output can take the name of the value it gives. */
    private record Node(String op, List<String> in, String out, Attribute... attributes) {
        ProtoWriter proto() {
            var node = new ProtoWriter();
            in.forEach(i -> node.string(1, i));
            node.string(2, out).string(3, out).string(4, op);
            for (var a : attributes) {
                node.message(5, OnnxGraph.proto(a));
            }
            return node;
        }

        Node renamed(String from, String to) {
            return new Node(op, in.stream().map(i -> i.equals(from) ? to : i).toList(), out.equals(from) ? to : out,
                    attributes);
        }
    }

    /** @param name the graph's name */
    public OnnxGraph(String name) {
        this.name = name;
    }

    /** A node attribute, one of the kinds the operators here take. */
    public sealed interface Attribute permits IntAttribute, FloatAttribute, IntsAttribute {
        /** The attribute's name, as the operator's spec has it. */
        String name();
    }

    /** An {@code INT} attribute. */
    public record IntAttribute(String name, long value) implements Attribute {}

    /** A {@code FLOAT} attribute. */
    public record FloatAttribute(String name, float value) implements Attribute {}

    /** An {@code INTS} attribute. */
    public record IntsAttribute(String name, long[] values) implements Attribute {
        public IntsAttribute {
            values = values.clone();
        }
    }

    /** The AttributeProto: its name, the value in the field of its type, and the type (AttributeType: 1, 2, 7). */
    private static ProtoWriter proto(Attribute attribute) {
        var proto = new ProtoWriter().string(1, attribute.name());
        if (attribute instanceof IntAttribute a) {
            return proto.varint(3, a.value()).varint(20, 2);
        } else if (attribute instanceof FloatAttribute a) {
            return proto.float32(2, a.value()).varint(20, 1);
        }
        return proto.packed(8, ((IntsAttribute) attribute).values()).varint(20, 7);
    }

    /** An {@code INT} attribute. */
    public static Attribute attribute(String name, long value) {
        return new IntAttribute(name, value);
    }

    /** A {@code FLOAT} attribute. */
    public static Attribute attribute(String name, float value) {
        return new FloatAttribute(name, value);
    }

    /** An {@code INTS} attribute. */
    public static Attribute ints(String name, long... values) {
        return new IntsAttribute(name, values);
    }

    /**
     * Adds a node of the default domain with one output.
     *
     * @param op the operator ({@code Conv}, {@code Relu}, …)
     * @param in its inputs' names, in the operator's order
     * @return the name of its output
     */
    public String node(String op, List<String> in, Attribute... attributes) {
        return namedNode(op, fresh(op), in, attributes);
    }

    /** {@link #node} of one input. */
    public String node(String op, String in, Attribute... attributes) {
        return node(op, List.of(in), attributes);
    }

    private String namedNode(String op, String out, List<String> in, Attribute... attributes) {
        nodes.add(new Node(op, List.copyOf(in), out, attributes));
        return out;
    }

    /**
     * Adds a float32 initializer.
     *
     * @param hint a readable part of its name (the block's parameter)
     * @param values the elements, in C order
     * @param dims its shape ({@code []}: a scalar)
     * @return its name
     */
    public String floats(String hint, float[] values, long... dims) {
        checkSize(hint, values.length, dims);
        var data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return initializer(hint, FLOAT, data.array(), dims);
    }

    /** A float32 scalar initializer. */
    public String scalar(float value) {
        return floats("const", new float[] {value});
    }

    /** An int64 initializer of these values, one-dimensional (shapes, axes), or a scalar with {@code scalar}. */
    public String longs(String hint, boolean scalar, long... values) {
        var data = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        if (scalar && values.length != 1) {
            throw new IllegalArgumentException("a scalar holds one value, got " + values.length);
        }
        return initializer(hint, INT64, data.array(), scalar ? new long[0] : new long[] {values.length});
    }

    private String initializer(String hint, int type, byte[] raw, long[] dims) {
        var out = fresh(hint);
        initializers.add(new ProtoWriter().packed(1, dims).varint(2, type).string(8, out).bytes(9, raw));
        return out;
    }

    private static void checkSize(String hint, int size, long[] dims) {
        long want = Arrays.stream(dims).reduce(1, Math::multiplyExact);
        if (want != size) {
            throw new IllegalArgumentException(hint + ": " + size + " values do not fill the shape " + Arrays.toString(dims));
        }
    }

    /**
     * Declares a float32 input of the graph.
     *
     * @param dims each a {@code Long} (a fixed size) or a {@code String} (a symbol, such as the batch's {@code "N"})
     * @return its name
     */
    public String input(String input, Object... dims) {
        claim(input);
        inputs.add(valueInfo(input, dims));
        return input;
    }

    /**
     * Declares a float32 output of the graph: the value named {@code value}, under the name {@code output}. The node
     * that gives the value is renamed (and so are its uses); a value that is no node's, or already another output, is
     * passed through an Identity node.
     *
     * @return {@code output}, the value's name from now on
     */
    public String output(String output, String value, Object... dims) {
        claim(output);
        if (outputNames.contains(value) || nodes.stream().noneMatch(n -> n.out().equals(value))) {
            namedNode("Identity", output, List.of(value));
        } else {
            nodes.replaceAll(n -> n.renamed(value, output));
        }
        outputNames.add(output);
        outputs.add(valueInfo(output, dims));
        return output;
    }

    private static ProtoWriter valueInfo(String name, Object... dims) {
        var shape = new ProtoWriter();
        for (var d : dims) {
            if (d instanceof String symbol) {
                shape.message(1, new ProtoWriter().string(2, symbol));
            } else if (d instanceof Long || d instanceof Integer) {
                shape.message(1, new ProtoWriter().varint(1, ((Number) d).longValue()));
            } else {
                throw new IllegalArgumentException("a dimension is a size or a symbol, got " + d);
            }
        }
        var tensor = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }

    /**
     * The model file: ModelProto of IR version {@value #IR_VERSION}, the default operator set at {@value #OPSET}, this
     * graph.
     *
     * @param producer the producer's name
     * @param version the producer's version
     * @param metadata the model's metadata properties (key → value), in order
     */
    public byte[] model(String producer, String version, Map<String, String> metadata) {
        var graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n.proto()));
        graph.string(2, name);
        initializers.forEach(i -> graph.message(5, i));
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        var model = new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, producer)
                .string(3, version)
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
        metadata.forEach((key, value) -> model.message(14, new ProtoWriter().string(1, key).string(2, value)));
        return model.toByteArray();
    }

    /** A name no value of the graph has: the hint, or the hint and a number. */
    private String fresh(String hint) {
        var base = hint.replaceAll("[^A-Za-z0-9_.]", "_");
        var candidate = base;
        for (int i = 1; names.contains(candidate); i++) {
            candidate = base + "_" + i;
        }
        names.add(candidate);
        return candidate;
    }

    private void claim(String value) {
        if (!names.add(value)) {
            throw new IllegalArgumentException("the graph already has a value named " + value);
        }
    }
}
