package io.hitorflop.training.learners;

import io.hitorflop.contract.models.ModelNames;

import java.util.List;

/** The five learners of an ensemble, in {@link ModelNames#ALL} order. */
public final class Learners {

    public static List<Learner> all() {
        return List.of(new RandomForestLearner(), new XgboostLearner(), new AdaBoostLearner(), new KnnLearner(),
                new DecisionTreeLearner());
    }

    public static Learner named(String name) {
        return all().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model " + name));
    }

    private Learners() {
    }
}
