/** Scales, axis ticks and the colour map the canvas charts share. */

/**
 * A linear map from a domain to a range, with its inverse.
 * @returns {((x: number) => number) & {invert: (y: number) => number}}
 */
export function linearScale([d0, d1], [r0, r1]) {
  const span = d1 - d0 || 1;
  const scale = (x) => r0 + ((x - d0) / span) * (r1 - r0);
  scale.invert = (y) => d0 + ((y - r0) / (r1 - r0 || 1)) * span;
  return scale;
}

/** The step between ticks for a span: 1, 2 or 5 times a power of ten, giving about `count` ticks. */
export function niceStep(span, count) {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Round tick values inside [min, max], about `count` of them. */
export function niceTicks(min, max, count = 5) {
  if (!(max > min)) {
    return [min];
  }
  const step = niceStep(max - min, count);
  const ticks = [];
  // integer multiples avoid the drift of repeated float addition
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) {
    ticks.push(Number((i * step).toPrecision(12)));
  }
  return ticks;
}

/** Frequencies worth a label on a mel axis (1-2-5 per decade), within [minHz, maxHz]. */
export function frequencyTicks(minHz, maxHz) {
  const ticks = [];
  for (let decade = 10; decade <= maxHz; decade *= 10) {
    for (const factor of [1, 2, 5]) {
      const hz = decade * factor;
      if (hz >= minHz && hz <= maxHz) {
        ticks.push(hz);
      }
    }
  }
  return ticks;
}

/**
 * Viridis (matplotlib's perceptually uniform, colour-blind safe map) at 9 stops, interpolated
 * linearly between them.
 */
const VIRIDIS = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

/** The colour of t in [0, 1] (clamped) as [r, g, b] bytes. */
export function viridis(t) {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const position = clamped * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - i;
  return VIRIDIS[i].map((c, k) => Math.round(c + (VIRIDIS[i + 1][k] - c) * f));
}

/** A 256-entry RGBA table for an 8-bit level, so a whole thumbnail is painted without per-pixel maths. */
export function levelColours() {
  const table = new Uint8ClampedArray(256 * 4);
  for (let level = 0; level < 256; level++) {
    const [r, g, b] = viridis(level / 255);
    table.set([r, g, b, 255], level * 4);
  }
  return table;
}
