package io.hitorflop.training.pipeline;

import io.hitorflop.training.evaluation.GroupedCrossValidation;
import io.hitorflop.training.learners.FittedModel;
import io.hitorflop.training.learners.Learner;
import io.hitorflop.training.learners.Scores;

import java.util.Map;

/** One shipped model: how it was chosen, the fitted model, its test-part scores and its ONNX bytes. */
public record TrainedModel(Learner learner, Map<String, Object> hyperparameters, GroupedCrossValidation.Search search,
                           FittedModel fitted, Scores testScores, byte[] onnx) {
}
