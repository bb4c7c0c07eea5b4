/**
 * The types every stage of the feature engine shares: the PCM block interface the decoder feeds
 * and the measurements implement, and the primitive series they keep. They sit at the bottom of the
 * package graph so that the measuring packages depend neither on the decoder nor on the
 * orchestrating {@code engine} package, which depends on them all.
 */
package io.hitorflop.feature.engine.signal;
