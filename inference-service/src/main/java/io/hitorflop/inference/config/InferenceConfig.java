package io.hitorflop.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where the models come from and how they run ({@code hitorflop.inference.*}). */
@ConfigMapping(prefix = "hitorflop.inference")
public interface InferenceConfig {

    /**
     * A directory holding {@code <featureSet>/card.json} and the ONNX files; when absent the models
     * packaged in the service ({@code classpath:models/}) are used.
     */
    Optional<Path> modelsDir();

    /** ONNX Runtime intra-op threads per session; the service already scores partitions in parallel. */
    @WithDefault("1")
    int intraOpThreads();

    /** How long the consumer waits for the broker to acknowledge the verdict before retrying the record. */
    @WithDefault("PT10S")
    Duration publishTimeout();

    /**
     * The nice value of the thread that computes explanations (0 to 19; 0 leaves it as it is): the
     * explanation follows the verdict, so on a busy node it gets the CPU the verdicts leave.
     */
    @WithDefault("19")
    int explanationNiceness();
}
