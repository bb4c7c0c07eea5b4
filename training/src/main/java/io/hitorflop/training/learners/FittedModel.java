package io.hitorflop.training.learners;

import ai.onnx.proto.OnnxMl;

/** A trained model: its in-JVM predictions and the equivalent ONNX graph. */
public interface FittedModel {

    Scores score(float[][] rows);

    OnnxMl.ModelProto toOnnx();
}
