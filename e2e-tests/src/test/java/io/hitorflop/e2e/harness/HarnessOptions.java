package io.hitorflop.e2e.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --name value} pairs the scripts pass to a harness's main method. */
public final class HarnessOptions {

    private HarnessOptions() {
    }

    public static Map<String, String> of(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
