/** How the page writes numbers, times and musical names. Locale-independent so tests are exact. */

/** Pitch-class names, C first, as the chroma and the `key` feature count them. */
export const PITCH_CLASS_NAMES = Object.freeze(['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B']);

/** "A minor", "E♭ major"; "no key detected" for -1; a key without a usable mode is just the tonic. */
export function keyName(key, mode) {
  if (!Number.isInteger(key) || key < 0 || key > 11) {
    return 'no key detected';
  }
  if (mode === 1) {
    return `${PITCH_CLASS_NAMES[key]} major`;
  }
  return mode === 0 ? `${PITCH_CLASS_NAMES[key]} minor` : PITCH_CLASS_NAMES[key];
}

/** A probability as a percentage with one decimal when it matters: 0.6234 → "62.3 %". */
export function percent(probability, decimals = 1) {
  return `${(probability * 100).toFixed(decimals)} %`;
}

/** A change of probability in percentage points with its sign: 0.031 → "+3.1 pp", -0.002 → "−0.2 pp". */
export function signedPoints(delta, decimals = 1) {
  const rounded = Number((delta * 100).toFixed(decimals));
  if (rounded === 0) {
    return `±${(0).toFixed(decimals)} pp`;
  }
  const sign = rounded > 0 ? '+' : '−';
  return `${sign}${Math.abs(rounded).toFixed(decimals)} pp`;
}

/** Seconds as m:ss (or h:mm:ss): 210.4 → "3:30". */
export function clock(seconds) {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Seconds between two ISO instants as "+2.7 s" (or "+1 min 5 s" past a minute). */
export function elapsed(fromIso, toIso) {
  const seconds = (Date.parse(toIso) - Date.parse(fromIso)) / 1000;
  if (!Number.isFinite(seconds)) {
    return '';
  }
  if (seconds < 60) {
    return `+${seconds.toFixed(1)} s`;
  }
  return `+${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** An ISO instant as the wall-clock time of day in UTC, to the second: "00:41:07 UTC". */
export function timeOfDay(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(11, 19)} UTC`;
}

/** An ISO instant as date and time in UTC: "2026-12-05 00:41 UTC". */
export function dateTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A frequency for an axis: 440 → "440", 2000 → "2k", 12500 → "12.5k". */
export function hertz(hz) {
  if (hz < 1000) {
    return String(Math.round(hz));
  }
  const k = hz / 1000;
  return `${Number.isInteger(k) ? k : k.toFixed(1)}k`;
}

/** A number with at most `decimals` decimals and no trailing zeros: 0.5000 → "0.5". */
export function trimmed(value, decimals = 2) {
  if (!Number.isFinite(value)) {
    return '–';
  }
  return String(Number(value.toFixed(decimals)));
}

/**
 * A model input as a person reads it: key and mode by name, duration as a clock, units after
 * the number.
 */
export function featureValue(name, value) {
  switch (name) {
    case 'key':
      return keyName(value, null);
    case 'mode':
      return value === 1 ? 'major' : value === 0 ? 'minor' : trimmed(value);
    case 'duration_ms':
      return clock(value / 1000);
    case 'tempo':
      return `${trimmed(value, 1)} BPM`;
    case 'loudness':
      return `${trimmed(value, 1)} dB`;
    case 'time_signature':
      return `${trimmed(value, 0)}/4`;
    default:
      return trimmed(value, 3);
  }
}

/** A snake_case name as words: "loudness_range_lu" → "loudness range lu". */
export function words(name) {
  return String(name).replaceAll('_', ' ');
}
