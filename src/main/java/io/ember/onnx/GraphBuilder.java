package io.ember.onnx;

import com.google.protobuf.UnsafeByteOperations;
import io.ember.onnx.proto.OnnxProto.AttributeProto;
import io.ember.onnx.proto.OnnxProto.GraphProto;
import io.ember.onnx.proto.OnnxProto.NodeProto;
import io.ember.onnx.proto.OnnxProto.TensorProto;
import io.ember.onnx.proto.OnnxProto.TensorShapeProto;
import io.ember.onnx.proto.OnnxProto.TypeProto;
import io.ember.onnx.proto.OnnxProto.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Adds typed pieces to an ONNX graph: constants (initializers, stored as little-endian raw
 * data), nodes, and the graph's inputs and outputs. A dimension of {@link #BATCH} is the
 * symbolic batch size.
 */
final class GraphBuilder {
    /** Marks the symbolic batch dimension in a shape. */
    static final long BATCH = -1;

    private final GraphProto.Builder graph;
    private final String batchName;

    GraphBuilder(String name, String batchName) {
        this.graph = GraphProto.newBuilder().setName(name);
        this.batchName = batchName;
    }

    GraphProto build(String docString) {
        return graph.setDocString(docString).build();
    }

    /** A float32 constant of {@code values[from, from + count)} with the given dimensions; returns its name. */
    String floats(String name, float[] values, int from, int count, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values, from, count);
        return constant(name, TensorProto.DataType.FLOAT_VALUE, bytes.array(), dims);
    }

    /** A float32 constant holding all of {@code values}. */
    String floats(String name, float[] values, long... dims) {
        return floats(name, values, 0, values.length, dims);
    }

    /** A float64 constant. */
    String doubles(String name, double[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(values);
        return constant(name, TensorProto.DataType.DOUBLE_VALUE, bytes.array(), dims);
    }

    /** An int64 constant. */
    String longs(String name, long[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return constant(name, TensorProto.DataType.INT64_VALUE, bytes.array(), dims);
    }

    private String constant(String name, int dataType, byte[] raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType)
                .setRawData(UnsafeByteOperations.unsafeWrap(raw)); // raw is ours alone: no second copy
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds node {@code name} computing {@code op(inputs...)} into {@code output}; returns {@code output}. */
    String node(String op, String name, String output, String[] inputs, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return output;
    }

    static String[] in(String... names) {
        return names;
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    void input(String name, int elementType, String doc, long... dims) {
        graph.addInput(valueInfo(name, elementType, doc, dims));
    }

    void output(String name, int elementType, String doc, long... dims) {
        graph.addOutput(valueInfo(name, elementType, doc, dims));
    }

    private ValueInfoProto valueInfo(String name, int elementType, String doc, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d == BATCH ? TensorShapeProto.Dimension.newBuilder().setDimParam(batchName)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(elementType).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).setDocString(doc).build();
    }
}
