/**
 * The `spotify` feature set as the contract defines it (io.hitorflop.contract.features.FeatureSet):
 * names in model input order, units, ranges and whether only whole numbers are meaningful. The
 * client checks a vector with the same rule and the same words as FeatureSpec.problemWith, so
 * what the page refuses is exactly what the server would refuse. features.test.js reads the
 * contract's source and fails when the two drift apart.
 */

const UNIT_INTERVAL = '0..1';

function unitFeature(name, label, description) {
  return { name, label, unit: UNIT_INTERVAL, min: 0, max: 1, integral: false, step: 0.01, description };
}

/** @typedef {{name: string, label: string, unit: string, min: number, max: number, integral: boolean, step: number, description: string}} FeatureSpec */

/** @type {ReadonlyArray<FeatureSpec>} */
export const SPOTIFY_FEATURES = Object.freeze([
  unitFeature('danceability', 'Danceability', 'How suitable for dancing: tempo, rhythm stability, beat strength, regularity.'),
  unitFeature('energy', 'Energy', 'Perceptual intensity and activity.'),
  { name: 'key', label: 'Key', unit: 'pitch class', min: -1, max: 11, integral: true, step: 1,
    description: 'C = 0 … B = 11; -1 when no key is detected.' },
  { name: 'loudness', label: 'Loudness', unit: 'dB', min: -70, max: 10, integral: false, step: 0.1,
    description: 'Overall loudness (integrated, LUFS-like).' },
  { name: 'mode', label: 'Mode', unit: '1 major / 0 minor', min: 0, max: 1, integral: true, step: 1,
    description: 'Modality of the key.' },
  unitFeature('speechiness', 'Speechiness', 'Presence of spoken words.'),
  unitFeature('acousticness', 'Acousticness', 'Confidence the track is acoustic.'),
  unitFeature('instrumentalness', 'Instrumentalness', 'Likelihood the track has no vocals.'),
  unitFeature('liveness', 'Liveness', 'Likelihood an audience is present in the recording.'),
  unitFeature('valence', 'Valence', 'Musical positiveness.'),
  { name: 'tempo', label: 'Tempo', unit: 'BPM', min: 0, max: 300, integral: false, step: 0.1,
    description: 'Estimated tempo in beats per minute.' },
  { name: 'duration_ms', label: 'Duration', unit: 'ms', min: 1000, max: 7200000, integral: true, step: 1,
    description: 'Duration of the track in milliseconds.' },
  { name: 'time_signature', label: 'Time signature', unit: 'beats per bar', min: 0, max: 7, integral: true, step: 1,
    description: 'Beats per bar as Spotify reports it (3 to 7; 0 and 1 occur in its data).' },
].map(Object.freeze));

/** The `audio` set's inputs in model order: what the feature service measures (a subset of the above). */
export const AUDIO_FEATURE_NAMES = Object.freeze(['tempo', 'loudness', 'key', 'mode', 'duration_ms']);

/** How many model inputs a feature set has (the explanation has a bar for each), or 0 for an unknown set. */
export function inputCount(featureSet) {
  return featureSet === 'spotify' ? SPOTIFY_FEATURES.length : featureSet === 'audio' ? AUDIO_FEATURE_NAMES.length : 0;
}

const BY_NAME = new Map(SPOTIFY_FEATURES.map((spec) => [spec.name, spec]));

/** The spec of a feature of either set (the audio set's five are shared with spotify), or undefined. */
export function featureSpec(name) {
  return BY_NAME.get(name);
}

/** A number the way Java's FeatureSpec.format prints it: whole numbers without a fraction. */
function javaNumber(value) {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    return String(value);
  }
  const text = String(value);
  return text.includes('.') || text.includes('e') ? text : `${text}.0`;
}

/**
 * Why `value` cannot be scored as `spec`, in the server's words, or null when it can.
 * @param {FeatureSpec} spec
 * @param {number|null|undefined} value
 */
export function problemWith(spec, value) {
  if (value === null || value === undefined) {
    return 'is missing';
  }
  if (!Number.isFinite(value)) {
    return 'is not a finite number';
  }
  if (value < spec.min || value > spec.max) {
    return `must be between ${javaNumber(spec.min)} and ${javaNumber(spec.max)} ${spec.unit}, was ${javaNumber(value)}`;
  }
  if (spec.integral && !Number.isInteger(value)) {
    return `must be a whole number, was ${javaNumber(value)}`;
  }
  return null;
}

/**
 * A form field's text as a number: empty is missing (null), anything that is not a plain
 * decimal number is NaN. `Number('')` would be 0 and `parseFloat('1x')` 1; neither is wanted.
 */
export function parseFeatureText(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') {
    return null;
  }
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * Checks the form's texts: every feature's value, or its problem.
 * @param {Record<string, string>} texts feature name → what the person typed
 * @returns {{features: Record<string, number>, problems: Record<string, string>}}
 */
export function validateFeatureTexts(texts) {
  const features = {};
  const problems = {};
  for (const spec of SPOTIFY_FEATURES) {
    const value = parseFeatureText(texts[spec.name]);
    const problem = problemWith(spec, value);
    if (problem) {
      problems[spec.name] = problem;
    } else {
      features[spec.name] = value;
    }
  }
  return { features, problems };
}
