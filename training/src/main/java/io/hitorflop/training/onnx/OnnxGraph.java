package io.hitorflop.training.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.hitorflop.contract.models.ModelNames;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the graph every shipped model shares: input {@code features} float32 [N, F], outputs
 * {@code label} int64 [N] and {@code probabilities} float32 [N, 2]. Nothing time- or
 * version-dependent goes into the bytes, so the same model always serialises identically.
 */
public final class OnnxGraph {

    static final String ML_DOMAIN = "ai.onnx.ml";
    private static final long IR_VERSION = 8;
    private static final long ONNX_OPSET = 17;
    private static final long ML_OPSET = 3;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int counter;

    public OnnxGraph(String name, int featureCount) {
        graph.setName(name);
        graph.addInput(tensorInfo(ModelNames.INPUT, TensorProto.DataType.FLOAT, -1, featureCount));
        graph.addOutput(tensorInfo(ModelNames.OUTPUT_LABEL, TensorProto.DataType.INT64, -1));
        graph.addOutput(tensorInfo(ModelNames.OUTPUT_PROBABILITIES, TensorProto.DataType.FLOAT, -1, 2));
    }

    /** A fresh intermediate tensor name. */
    public String fresh(String stem) {
        return stem + "_" + counter++;
    }

    public NodeProto.Builder node(String opType, List<String> inputs, List<String> outputs) {
        NodeProto.Builder node = graph.addNodeBuilder()
                .setOpType(opType)
                .setName(opType + "_" + counter++)
                .addAllInput(inputs)
                .addAllOutput(outputs);
        return node;
    }

    /** One-output node; returns the output's name. */
    public String apply(String opType, String stem, String... inputs) {
        String out = fresh(stem);
        node(opType, List.of(inputs), List.of(out));
        return out;
    }

    public String floatConstant(String stem, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return initializer(stem, TensorProto.DataType.FLOAT, bytes, dims);
    }

    public String doubleConstant(String stem, double[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bytes.putDouble(v);
        }
        return initializer(stem, TensorProto.DataType.DOUBLE, bytes, dims);
    }

    public String longConstant(String stem, long[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        return initializer(stem, TensorProto.DataType.INT64, bytes, dims);
    }

    private String initializer(String stem, TensorProto.DataType type, ByteBuffer bytes, long... dims) {
        String name = fresh(stem);
        bytes.flip();
        TensorProto.Builder tensor = graph.addInitializerBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(bytes));
        for (long d : dims) {
            tensor.addDims(d);
        }
        return name;
    }

    /**
     * Turns P(HIT) [N, 1] into the two shared outputs: probabilities = [1 - p, p] and the label
     * from {@code hitDecision}, a bool [N, 1] tensor.
     */
    public void finishWithHitProbability(String hitProbability, String hitDecision) {
        String one = floatConstant("one", new float[]{1f});
        String flopProbability = apply("Sub", "p_flop", one, hitProbability);
        node("Concat", List.of(flopProbability, hitProbability), List.of(ModelNames.OUTPUT_PROBABILITIES))
                .addAttribute(intAttribute("axis", 1));
        String squeezeAxes = longConstant("axis1", new long[]{1}, 1);
        String decision = apply("Squeeze", "decision", hitDecision, squeezeAxes);
        node("Cast", List.of(decision), List.of(ModelNames.OUTPUT_LABEL))
                .addAttribute(intAttribute("to", TensorProto.DataType.INT64.getNumber()));
    }

    /** Probabilities [N, 2] given; the label is their arg-max, ties going to FLOP (class 0). */
    public void finishWithProbabilities(String probabilities) {
        node("Identity", List.of(probabilities), List.of(ModelNames.OUTPUT_PROBABILITIES));
        node("ArgMax", List.of(probabilities), List.of(ModelNames.OUTPUT_LABEL))
                .addAttribute(intAttribute("axis", 1))
                .addAttribute(intAttribute("keepdims", 0))
                .addAttribute(intAttribute("select_last_index", 0));
    }

    public ModelProto build() {
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("hitorflop-training")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(ONNX_OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(ML_OPSET))
                .setGraph(graph)
                .build();
    }

    public static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto intsAttribute(String name, long[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    public static AttributeProto floatsAttribute(String name, float[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
        for (float v : values) {
            a.addFloats(v);
        }
        return a.build();
    }

    public static AttributeProto stringAttribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    public static AttributeProto stringsAttribute(String name, List<String> values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        values.forEach(v -> a.addStrings(ByteString.copyFrom(v, StandardCharsets.UTF_8)));
        return a.build();
    }

    private static ValueInfoProto tensorInfo(String name, TensorProto.DataType type, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }
}
