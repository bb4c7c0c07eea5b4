import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frequencyTicks, levelColours, linearScale, niceStep, niceTicks, viridis } from '../../main/resources/dashboard/js/scales.js';

test('a linear scale maps the domain onto the range and back, also reversed (y grows down)', () => {
  const y = linearScale([-60, 0], [200, 20]);
  assert.equal(y(-60), 200);
  assert.equal(y(0), 20);
  assert.equal(y(-30), 110);
  assert.equal(y.invert(110), -30);
  assert.equal(linearScale([5, 5], [0, 10])(5), 0); // an empty domain does not divide by zero
});

test('tick steps are 1, 2 or 5 times a power of ten', () => {
  assert.equal(niceStep(75, 5), 20);
  assert.equal(niceStep(80, 4), 20);
  assert.equal(niceStep(1, 4), 0.5);
  assert.equal(niceStep(30, 3), 10);
  assert.equal(niceStep(0.07, 5), 0.02);
});

test('ticks are round numbers inside the span, without float drift', () => {
  assert.deepEqual(niceTicks(0, 75, 5), [0, 20, 40, 60]);
  assert.deepEqual(niceTicks(-107, -27, 4), [-100, -80, -60, -40]);
  assert.deepEqual(niceTicks(0, 0.3, 3), [0, 0.1, 0.2, 0.3]);
  assert.deepEqual(niceTicks(3, 3), [3]);
});

test('frequency ticks are 1-2-5 per decade within the band', () => {
  assert.deepEqual(frequencyTicks(50, 11025), [50, 100, 200, 500, 1000, 2000, 5000, 10000]);
  assert.deepEqual(frequencyTicks(150, 900), [200, 500]);
});

test('viridis runs from dark purple to yellow, clamped, exact at its stops', () => {
  assert.deepEqual(viridis(0), [68, 1, 84]);
  assert.deepEqual(viridis(1), [253, 231, 37]);
  assert.deepEqual(viridis(0.5), [33, 144, 141]);
  assert.deepEqual(viridis(-1), viridis(0));
  assert.deepEqual(viridis(2), viridis(1));
  assert.deepEqual(viridis(Number.NaN), viridis(0));
  // lightness never falls, so louder never reads darker (neighbouring levels may round to one colour)
  const luma = (t) => viridis(t).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  for (let level = 1; level < 256; level++) {
    assert.ok(luma(level / 255) >= luma((level - 1) / 255), `level ${level}`);
  }
  for (let level = 8; level < 256; level += 8) {
    assert.ok(luma(level / 255) > luma((level - 8) / 255), `levels ${level - 8} to ${level}`);
  }
});

test('the level table holds each level\'s colour, opaque', () => {
  const table = levelColours();
  assert.equal(table.length, 1024);
  assert.deepEqual([...table.subarray(0, 4)], [...viridis(0), 255]);
  assert.deepEqual([...table.subarray(255 * 4, 256 * 4)], [...viridis(1), 255]);
  assert.deepEqual([...table.subarray(128 * 4, 129 * 4)], [...viridis(128 / 255), 255]);
});
