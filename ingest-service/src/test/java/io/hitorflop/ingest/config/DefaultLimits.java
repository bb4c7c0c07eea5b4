package io.hitorflop.ingest.config;

import io.quarkus.runtime.configuration.MemorySize;

import java.math.BigInteger;

/** {@link IngestConfig.Limits}' defaults, for unit tests that build the validators without Quarkus. */
public final class DefaultLimits {

    public static final IngestConfig.Limits SUBMISSION = new IngestConfig.Limits() {
        @Override
        public MemorySize jsonBody() {
            return new MemorySize(BigInteger.valueOf(64 * 1024));
        }

        @Override
        public int features() {
            return 32;
        }

        @Override
        public int urlLength() {
            return 2048;
        }

        @Override
        public int fileNameBytes() {
            return 255;
        }
    };

    private DefaultLimits() {
    }
}
