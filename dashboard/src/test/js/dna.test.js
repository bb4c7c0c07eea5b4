import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  base64Bytes, decodeThumbnail, hzToMel, levelToDb, loudnessRangeBand, melBandCentresHz, melPosition, melToHz, quantile, thumbnailSeconds,
} from '../../main/resources/dashboard/js/dna.js';

const recorded = JSON.parse(readFileSync(new URL('../fixtures/job-done-song.json', import.meta.url), 'utf8'));

/** A thumbnail whose every cell's level is known: level = (band * 7 + column * 3) mod 256. */
function generatedDna(bands, columns) {
  const levels = Buffer.alloc(bands * columns);
  for (let band = 0; band < bands; band++) {
    for (let column = 0; column < columns; column++) {
      levels[band * columns + column] = (band * 7 + column * 3) % 256;
    }
  }
  return { melBands: bands, columns, secondsPerColumn: 0.25, melSpectrogram: levels.toString('base64'), floorDb: -100, ceilingDb: -20 };
}

test('base64 decodes to the bytes, high bytes included', () => {
  assert.deepEqual([...base64Bytes(Buffer.from([0, 1, 127, 128, 255]).toString('base64'))], [0, 1, 127, 128, 255]);
});

test('the thumbnail is read band by band, lowest band first', () => {
  const thumbnail = decodeThumbnail(generatedDna(64, 249));
  assert.equal(thumbnail.levels.length, 64 * 249);
  for (const [band, column] of [[0, 0], [0, 248], [63, 0], [17, 100], [63, 248]]) {
    assert.equal(thumbnail.level(band, column), (band * 7 + column * 3) % 256, `band ${band}, column ${column}`);
  }
});

test('a thumbnail of the wrong size is refused', () => {
  const dna = { ...generatedDna(4, 5), columns: 6 };
  assert.throws(() => decodeThumbnail(dna), /20 bytes, not melBands × columns = 24/);
});

test('the recorded job\'s thumbnail decodes to melBands × columns levels spanning the song', () => {
  const thumbnail = decodeThumbnail(recorded.dna);
  assert.equal(thumbnail.levels.length, recorded.dna.melBands * recorded.dna.columns);
  // the builder's ceiling is the loudest cell rounded up to a whole dB: within 1 dB of 80, so ≥ 255 − 255 / 80
  assert.ok(Math.max(...thumbnail.levels) >= 251);
  assert.ok(Math.abs(thumbnailSeconds(recorded.dna) - recorded.features.duration_ms / 1000) < 1);
});

test('levels map linearly from floorDb (0) to ceilingDb (255)', () => {
  const dna = { floorDb: -107, ceilingDb: -27 };
  assert.equal(levelToDb(0, dna), -107);
  assert.equal(levelToDb(255, dna), -27);
  assert.ok(Math.abs(levelToDb(127.5, dna) - -67) < 1e-9);
});

test('Slaney\'s mel scale: linear to 1 kHz, logarithmic above, and its own inverse', () => {
  assert.ok(Math.abs(hzToMel(1000) - 15) < 1e-12);
  assert.ok(Math.abs(hzToMel(200) - 3) < 1e-12);
  assert.ok(Math.abs(hzToMel(6400) - 42) < 1e-9); // 27 mels per factor 6.4 above 1 kHz
  for (const hz of [20, 440, 999, 1000, 4000, 11025]) {
    assert.ok(Math.abs(melToHz(hzToMel(hz)) - hz) < 1e-9, `${hz} Hz`);
  }
});

test('each band centre sits in the middle of its row; edges are 20 Hz and half the rate', () => {
  const centres = melBandCentresHz(64, 22050);
  centres.forEach((hz, band) => assert.ok(Math.abs(melPosition(hz, 64, 22050) - (band + 0.5)) < 1e-9, `band ${band}`));
  assert.ok(Math.abs(melPosition(20, 64, 22050) - -0.5) < 1e-9);
  assert.ok(Math.abs(melPosition(11025, 64, 22050) - 64.5) < 1e-9);
  assert.ok(centres.every((hz, band) => band === 0 || hz > centres[band - 1]));
});

test('quantiles interpolate between order statistics', () => {
  assert.equal(quantile([3, 1, 2, 4, 5], 0.5), 3);
  assert.equal(quantile([1, 2, 3, 4], 0.1), 1.3);
  assert.equal(quantile([7], 0.95), 7);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test('the LRA band starts at the 10th percentile of the gated seconds and is LRA high', () => {
  // integrated -14 LUFS puts the relative gate at -34: the two silent seconds drop out, the quiet -30 s stay in
  const seconds = [-80, -80, ...Array.from({ length: 90 }, (_, i) => -12 + (i % 3)), ...Array(10).fill(-30)];
  const band = loudnessRangeBand(seconds, -14, 6);
  assert.equal(band.low, quantile(seconds.filter((v) => v > -70 && v > -34), 0.1));
  assert.equal(band.high, band.low + 6);
  assert.equal(loudnessRangeBand([-80, -90], -14, 6), null);
});
