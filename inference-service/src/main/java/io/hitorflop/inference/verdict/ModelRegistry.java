package io.hitorflop.inference.verdict;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.contract.features.FeatureSet;
import io.hitorflop.inference.config.InferenceConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;

/**
 * Every feature set's ensemble, loaded once at start-up (a missing or corrupt model stops the
 * service from starting) and closed on shutdown.
 */
@Startup
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final OrtSession.SessionOptions options;
    private final Map<FeatureSet, Ensemble> ensembles = new EnumMap<>(FeatureSet.class);

    ModelRegistry(InferenceConfig config, ObjectMapper json) throws OrtException {
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(config.intraOpThreads());
        // Without the arena, each run's buffers are freed when it ends. With it, ONNX Runtime kept
        // the peak of all concurrent runs for good: 358 MiB RSS idle, 3346 MiB after 550 jobs,
        // heap 17 MiB (docs/performance.md, Pipeline load).
        options.setCPUArenaAllocator(false);
        EnsembleLoader loader = new EnsembleLoader(new ModelFiles(config.modelsDir()), json,
                OrtEnvironment.getEnvironment(), options);
        try {
            for (FeatureSet set : FeatureSet.values()) {
                Ensemble ensemble = loader.load(set);
                ensembles.put(set, ensemble);
                LOG.infof("loaded the '%s' models, version %s", set.id(), ensemble.version());
            }
        } catch (RuntimeException failed) {
            close();
            throw failed;
        }
    }

    public Ensemble ensemble(FeatureSet set) {
        return ensembles.get(set);
    }

    @PreDestroy
    void close() {
        for (Ensemble ensemble : ensembles.values()) {
            try {
                ensemble.close();
            } catch (OrtException failed) {
                LOG.warn("could not close the '" + ensemble.featureSet().id() + "' models", failed);
            }
        }
        ensembles.clear();
        options.close();
    }
}
