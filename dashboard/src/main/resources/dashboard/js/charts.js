/**
 * The spectral DNA drawn on canvas by hand: three charts of a few hundred points each need no
 * charting library. Each chart redraws at its container's width (ResizeObserver) and reports
 * its plot area, so a cursor can follow play-back and browser tests can sample pixels.
 */
import { decodeThumbnail, loudnessRangeBand, melPosition, thumbnailSeconds, MEL_MIN_HZ } from './dna.js';
import { frequencyTicks, levelColours, linearScale, niceTicks, viridis } from './scales.js';
import { PITCH_CLASS_NAMES, hertz, keyName, trimmed } from './format.js';
import { fitCanvas, h } from './dom.js';

const INK = '#1b1b1f';
const MUTED = '#555560';
const GRID = '#d9d9df';
const LABEL_FONT = '12px system-ui, sans-serif';

/**
 * A chart: a canvas in a box, redrawn when the box changes width.
 * @param {string} label what the chart shows, for screen readers
 * @param {number} height CSS pixels
 * @param {(context: CanvasRenderingContext2D, width: number, canvas: HTMLCanvasElement) => object} draw returns the plot area
 */
function chart(label, height, draw) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  const overlay = h('canvas', { 'aria-hidden': 'true', class: 'overlay' });
  const cursor = h('div', { class: 'cursor', 'aria-hidden': 'true' });
  const box = h('div', { class: 'chart' }, canvas, overlay, cursor);
  overlay.style.position = 'absolute';
  overlay.style.inset = '0';
  overlay.style.pointerEvents = 'none';
  const state = { plot: null };
  const redraw = () => {
    const width = box.clientWidth;
    if (width > 0) {
      state.plot = draw(fitCanvas(canvas, width, height), width, canvas, fitCanvas(overlay, width, height));
      Object.assign(canvas.dataset, {
        plotLeft: state.plot.left, plotTop: state.plot.top, plotWidth: state.plot.width, plotHeight: state.plot.height,
      });
      cursor.style.top = `${state.plot.top}px`;
      cursor.style.height = `${state.plot.height}px`;
    }
  };
  new ResizeObserver(redraw).observe(box);
  return {
    element: box,
    /** Moves the play-back cursor to `fraction` (0–1) of the chart's time axis; null hides it. */
    cursorAt(fraction) {
      box.dataset.playing = String(fraction !== null);
      if (fraction !== null && state.plot) {
        cursor.style.left = `${state.plot.left + fraction * state.plot.width - 1}px`;
      }
    },
  };
}

function axisText(context, text, x, y, align, baseline, colour = MUTED) {
  context.fillStyle = colour;
  context.font = LABEL_FONT;
  context.textAlign = align;
  context.textBaseline = baseline;
  context.fillText(text, x, y);
}

/**
 * The mel spectrogram: the thumbnail's cells painted 1:1 (no smoothing, so a pixel shows its
 * cell's level), time across, frequency up on the mel scale, a dB colour scale on the right and
 * the beat grid on the overlay canvas.
 */
export function spectrogramChart(dna, analysisRateHz) {
  const thumbnail = decodeThumbnail(dna);
  const seconds = thumbnailSeconds(dna);
  const image = paintThumbnail(thumbnail);
  return chart(`Mel spectrogram, ${trimmed(seconds, 0)} s by ${thumbnail.bands} mel bands from ${MEL_MIN_HZ} Hz to ${hertz(analysisRateHz / 2)}Hz`,
    280, (context, width, canvas, overlayContext) => {
      const plot = { left: 46, top: 8, width: Math.max(10, width - 46 - 70), height: 280 - 8 - 30 };
      context.imageSmoothingEnabled = false;
      context.drawImage(image, plot.left, plot.top, plot.width, plot.height);
      const time = linearScale([0, seconds], [plot.left, plot.left + plot.width]);
      for (const t of niceTicks(0, seconds, Math.max(2, Math.floor(plot.width / 80)))) {
        tickMark(context, time(t), plot.top + plot.height, 0, 4);
        axisText(context, `${t} s`, time(t), plot.top + plot.height + 6, 'center', 'top');
      }
      const bandY = (position) => plot.top + plot.height - (position / thumbnail.bands) * plot.height;
      let lastLabelY = Infinity;
      for (const hz of frequencyTicks(50, analysisRateHz / 2)) {
        const y = bandY(melPosition(hz, thumbnail.bands, analysisRateHz) + 0.5);
        if (y >= plot.top && y <= plot.top + plot.height && lastLabelY - y >= 16) {
          lastLabelY = y;
          tickMark(context, plot.left, y, -4, 0);
          axisText(context, hertz(hz), plot.left - 6, y, 'right', 'middle');
        }
      }
      axisText(context, 'Hz', 4, plot.top, 'left', 'top', INK);
      colourScale(context, dna, { left: plot.left + plot.width + 12, top: plot.top, width: 12, height: plot.height });
      overlayContext.strokeStyle = 'rgba(255, 255, 255, 0.55)';
      overlayContext.lineWidth = 1;
      for (const beat of dna.beats ?? []) {
        const x = Math.round(time(beat)) + 0.5;
        overlayContext.beginPath();
        overlayContext.moveTo(x, plot.top);
        overlayContext.lineTo(x, plot.top + 6);
        overlayContext.moveTo(x, plot.top + plot.height - 6);
        overlayContext.lineTo(x, plot.top + plot.height);
        overlayContext.stroke();
      }
      return plot;
    });
}

/** The thumbnail as an image of columns × bands pixels, highest band on top. */
function paintThumbnail(thumbnail) {
  const image = new OffscreenCanvas(thumbnail.columns, thumbnail.bands);
  const context = image.getContext('2d');
  const pixels = context.createImageData(thumbnail.columns, thumbnail.bands);
  const colours = levelColours();
  for (let band = 0; band < thumbnail.bands; band++) {
    const row = thumbnail.bands - 1 - band;
    for (let column = 0; column < thumbnail.columns; column++) {
      const level = thumbnail.level(band, column);
      pixels.data.set(colours.subarray(level * 4, level * 4 + 4), (row * thumbnail.columns + column) * 4);
    }
  }
  context.putImageData(pixels, 0, 0);
  return image;
}

function colourScale(context, dna, box) {
  for (let y = 0; y < box.height; y++) {
    const [r, g, b] = viridis(1 - y / (box.height - 1));
    context.fillStyle = `rgb(${r} ${g} ${b})`;
    context.fillRect(box.left, box.top + y, box.width, 1);
  }
  const db = linearScale([dna.floorDb, dna.ceilingDb], [box.top + box.height, box.top]);
  for (const level of niceTicks(dna.floorDb, dna.ceilingDb, 4)) {
    tickMark(context, box.left + box.width, db(level), 4, 0);
    axisText(context, `${level}`, box.left + box.width + 6, db(level), 'left', 'middle');
  }
  axisText(context, 'dB', box.left + box.width + 6, box.top + box.height + 6, 'left', 'top', INK);
}

function tickMark(context, x, y, dx, dy) {
  context.strokeStyle = MUTED;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(Math.round(x) + 0.5, Math.round(y) + 0.5);
  context.lineTo(Math.round(x + dx) + 0.5, Math.round(y + dy) + 0.5);
  context.stroke();
}

/** The 12 pitch classes' mean energy, the detected key's tonic marked. */
export function chromaChart(chroma, key, mode, confidence) {
  const keyText = key >= 0 ? `${keyName(key, mode)}${Number.isFinite(confidence) ? `, confidence ${trimmed(confidence, 2)}` : ''}` : 'no key detected';
  return chart(`Chroma: mean energy per pitch class; detected key ${keyText}`, 220, (context, width) => {
    const plot = { left: 34, top: 24, width: Math.max(10, width - 34 - 8), height: 220 - 24 - 26 };
    const y = linearScale([0, 1], [plot.top + plot.height, plot.top]);
    gridLines(context, plot, [0, 0.5, 1], y, (v) => trimmed(v, 1));
    const slot = plot.width / 12;
    chroma.forEach((energy, pitch) => {
      const isTonic = pitch === key;
      context.fillStyle = isTonic ? '#3730a3' : '#8f8fa3';
      const x = plot.left + pitch * slot + slot * 0.15;
      context.fillRect(x, y(energy), slot * 0.7, y(0) - y(energy));
      axisText(context, PITCH_CLASS_NAMES[pitch], x + slot * 0.35, plot.top + plot.height + 6, 'center', 'top', isTonic ? INK : MUTED);
    });
    axisText(context, `Key: ${keyText}`, plot.left, 4, 'left', 'top', INK);
    return plot;
  });
}

/** Momentary loudness per second, the integrated loudness and the loudness range marked. */
export function loudnessChart(loudnessPerSecond, integratedLufs, rangeLu) {
  const finite = loudnessPerSecond.filter(Number.isFinite);
  const band = loudnessRangeBand(loudnessPerSecond, integratedLufs, rangeLu);
  const top = Math.ceil((Math.max(...finite, integratedLufs, band?.high ?? -Infinity) + 3) / 5) * 5;
  const bottom = Math.max(top - 60, Math.floor((Math.min(...finite, integratedLufs) - 3) / 5) * 5);
  return chart(`Loudness per second; integrated ${trimmed(integratedLufs, 1)} LUFS, loudness range ${trimmed(rangeLu, 1)} LU`,
    220, (context, width) => {
      const plot = { left: 40, top: 24, width: Math.max(10, width - 40 - 10), height: 220 - 24 - 30 };
      const x = linearScale([0, loudnessPerSecond.length], [plot.left, plot.left + plot.width]);
      const y = linearScale([bottom, top], [plot.top + plot.height, plot.top]);
      const clampY = (lufs) => y(Math.min(top, Math.max(bottom, lufs)));
      gridLines(context, plot, niceTicks(bottom, top, 4), y, (v) => `${v}`);
      if (band) {
        context.fillStyle = 'rgba(55, 48, 163, 0.14)';
        context.fillRect(plot.left, clampY(band.high), plot.width, clampY(band.low) - clampY(band.high));
      }
      context.strokeStyle = '#3730a3';
      context.lineWidth = 2;
      context.beginPath();
      loudnessPerSecond.forEach((lufs, second) => {
        const px = x(second + 0.5);
        if (second === 0) {
          context.moveTo(px, clampY(lufs));
        } else {
          context.lineTo(px, clampY(lufs));
        }
      });
      context.stroke();
      context.setLineDash([6, 4]);
      context.strokeStyle = INK;
      context.lineWidth = 1.5;
      context.beginPath();
      context.moveTo(plot.left, clampY(integratedLufs));
      context.lineTo(plot.left + plot.width, clampY(integratedLufs));
      context.stroke();
      context.setLineDash([]);
      for (const t of niceTicks(0, loudnessPerSecond.length, Math.max(2, Math.floor(plot.width / 80)))) {
        tickMark(context, x(t), plot.top + plot.height, 0, 4);
        axisText(context, `${t} s`, x(t), plot.top + plot.height + 6, 'center', 'top');
      }
      axisText(context, 'LUFS', 4, 4, 'left', 'top', INK);
      return plot;
    });
}

function gridLines(context, plot, ticks, y, label) {
  context.strokeStyle = GRID;
  context.lineWidth = 1;
  for (const tick of ticks) {
    const py = Math.round(y(tick)) + 0.5;
    context.beginPath();
    context.moveTo(plot.left, py);
    context.lineTo(plot.left + plot.width, py);
    context.stroke();
    axisText(context, label(tick), plot.left - 6, py, 'right', 'middle');
  }
}
