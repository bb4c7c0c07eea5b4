package io.hitorflop.feature.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hitorflop.contract.ProblemType;
import io.hitorflop.feature.engine.decode.AudioDecodeException;
import io.hitorflop.audiostore.AudioRejectedException;
import io.hitorflop.feature.engine.EngineSettings;
import io.hitorflop.feature.engine.FeatureEngine;
import io.hitorflop.feature.engine.TrackAnalysis;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code features <file>...}: analyses each file and prints one JSON object per line, either
 * {@code {"file", "features", "descriptors", "dna"}} or {@code {"file", "problem": {type, title,
 * status, detail}}} (RFC 9457 fields). Exits 0 when every file was analysed, 1 when any failed,
 * 2 when no file is given. Parse-free: every argument is a file; {@code ./hitorflop features}
 * (module launcher) owns the command line and its help.
 */
public final class FeaturesCommand {

    private FeaturesCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: features <audio file>...");
            err.println("prints one JSON object per file: model features, descriptors and spectral DNA");
            return 2;
        }
        ObjectMapper json = new ObjectMapper();
        FeatureEngine engine = new FeatureEngine(EngineSettings.defaults());
        int status = 0;
        for (String arg : args) {
            ObjectNode line = json.createObjectNode();
            line.put("file", arg);
            try {
                TrackAnalysis analysis = engine.analyze(Path.of(arg));
                line.set("features", json.valueToTree(analysis.modelFeatures()));
                line.set("descriptors", json.valueToTree(analysis.descriptors()));
                line.set("dna", json.valueToTree(analysis.dna()));
            } catch (AudioRejectedException e) {
                line.set("problem", problem(json, e.problemType(), e.getMessage()));
                status = 1;
            } catch (AudioDecodeException e) {
                line.set("problem", problem(json, ProblemType.FEATURE_EXTRACTION_FAILED, e.getMessage()));
                status = 1;
            }
            out.println(line);
        }
        out.flush();
        return status;
    }

    private static ObjectNode problem(ObjectMapper json, ProblemType type, String detail) {
        ObjectNode problem = json.createObjectNode();
        problem.put("type", type.uri());
        problem.put("title", type.title());
        problem.put("status", type.status());
        problem.put("detail", detail);
        return problem;
    }
}
