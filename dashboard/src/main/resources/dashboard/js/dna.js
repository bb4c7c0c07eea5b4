/**
 * Reads the contract's SpectralDna (io.hitorflop.contract.events.SpectralDna): the 8-bit mel
 * thumbnail, the mel bands' frequencies, and the loudness figures the charts draw.
 */

/** The feature service's mel filter bank starts here (TrackAnalyzer: MelFilterBank(…, 20.0, rate / 2)). */
export const MEL_MIN_HZ = 20;
/** Its analysis rate when a job does not report `analysis_sample_rate_hz`. */
export const DEFAULT_ANALYSIS_RATE_HZ = 22050;

/** Bytes of a base64 text (the thumbnail), without a dependency on Buffer or the DOM. */
export function base64Bytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/**
 * The thumbnail as levels 0–255, row-major band by band (band 0 is the lowest frequency).
 * @returns {{bands: number, columns: number, levels: Uint8Array, level: (band: number, column: number) => number}}
 */
export function decodeThumbnail(dna) {
  const levels = base64Bytes(dna.melSpectrogram);
  if (levels.length !== dna.melBands * dna.columns) {
    throw new Error(`the thumbnail has ${levels.length} bytes, not melBands × columns = ${dna.melBands * dna.columns}`);
  }
  return {
    bands: dna.melBands,
    columns: dna.columns,
    levels,
    level: (band, column) => levels[band * dna.columns + column],
  };
}

/** The level in dB a byte stands for: 0 is floorDb (or less), 255 is ceilingDb. */
export function levelToDb(level, dna) {
  return dna.floorDb + (level / 255) * (dna.ceilingDb - dna.floorDb);
}

/** Seconds of audio the thumbnail spans. */
export function thumbnailSeconds(dna) {
  return dna.columns * dna.secondsPerColumn;
}

/** Slaney's mel scale (librosa's default), as the feature service's MelFilterBank uses it. */
export function hzToMel(hz) {
  const linearLimitHz = 1000;
  const hzPerMel = 200 / 3;
  const logStep = Math.log(6.4) / 27;
  return hz < linearLimitHz ? hz / hzPerMel : linearLimitHz / hzPerMel + Math.log(hz / linearLimitHz) / logStep;
}

export function melToHz(mel) {
  const linearLimitHz = 1000;
  const hzPerMel = 200 / 3;
  const logStep = Math.log(6.4) / 27;
  const linearLimitMel = linearLimitHz / hzPerMel;
  return mel < linearLimitMel ? mel * hzPerMel : linearLimitHz * Math.exp(logStep * (mel - linearLimitMel));
}

/**
 * Where a frequency lies on the thumbnail's vertical axis, in bands from the bottom edge of band 0
 * (0) to the top edge of the last band (`bands`). The bank has bands + 2 equally spaced mel edges
 * from 20 Hz to half the analysis rate; band b is centred on edge b + 1.
 */
export function melPosition(hz, bands, analysisRateHz = DEFAULT_ANALYSIS_RATE_HZ) {
  const minMel = hzToMel(MEL_MIN_HZ);
  const maxMel = hzToMel(analysisRateHz / 2);
  const step = (maxMel - minMel) / (bands + 1);
  // centre of band b at minMel + (b + 1) * step; its cell spans b .. b + 1 on the axis
  return (hzToMel(hz) - minMel) / step - 0.5;
}

/** The centre frequency of each mel band, lowest first. */
export function melBandCentresHz(bands, analysisRateHz = DEFAULT_ANALYSIS_RATE_HZ) {
  const minMel = hzToMel(MEL_MIN_HZ);
  const step = (hzToMel(analysisRateHz / 2) - minMel) / (bands + 1);
  return Array.from({ length: bands }, (_, band) => melToHz(minMel + (band + 1) * step));
}

/** The q-quantile (0–1) of numbers, linearly interpolated between order statistics. */
export function quantile(values, q) {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/**
 * Where to draw the loudness range on the per-second curve. EBU Tech 3342 defines LRA as the
 * spread between the 10th and 95th percentiles of gated short-term loudness; the measured LRA is
 * the band's height, and its lower edge is the 10th percentile of the per-second values that pass
 * the same gates (−70 LUFS absolute, integrated − 20 LU relative).
 * @returns {{low: number, high: number} | null} null when no second passes the gates
 */
export function loudnessRangeBand(loudnessPerSecond, integratedLufs, rangeLu) {
  const relativeGate = integratedLufs - 20;
  const gated = loudnessPerSecond.filter((lufs) => Number.isFinite(lufs) && lufs > -70 && lufs > relativeGate);
  if (gated.length === 0 || !Number.isFinite(rangeLu)) {
    return null;
  }
  const low = quantile(gated, 0.1);
  return { low, high: low + rangeLu };
}
