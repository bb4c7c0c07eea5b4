import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock, dateTime, elapsed, featureValue, hertz, keyName, percent, signedPoints, timeOfDay, trimmed, words } from '../../main/resources/dashboard/js/format.js';

test('keys are named from the pitch class and the mode', () => {
  assert.equal(keyName(9, 0), 'A minor');
  assert.equal(keyName(3, 1), 'E♭ major');
  assert.equal(keyName(0, null), 'C');
  assert.equal(keyName(-1, 1), 'no key detected');
  assert.equal(keyName(12, 1), 'no key detected');
});

test('probabilities are percentages, contributions signed percentage points', () => {
  assert.equal(percent(0.12817), '12.8 %');
  assert.equal(percent(1, 0), '100 %');
  assert.equal(signedPoints(-0.39685), '−39.7 pp');
  assert.equal(signedPoints(0.031), '+3.1 pp');
  assert.equal(signedPoints(0.0004), '±0.0 pp');
  assert.equal(signedPoints(-0.0004), '±0.0 pp');
});

test('durations read as a clock', () => {
  assert.equal(clock(75), '1:15');
  assert.equal(clock(59.6), '1:00');
  assert.equal(clock(3725), '1:02:05');
  assert.equal(clock(-3), '0:00');
});

test('times are UTC and independent of the machine\'s zone', () => {
  assert.equal(timeOfDay('2026-12-05T00:31:13.387667Z'), '00:31:13 UTC');
  assert.equal(dateTime('2026-12-05T00:31:13.387667Z'), '2026-12-05 00:31 UTC');
  assert.equal(elapsed('2026-12-05T00:31:13.387Z', '2026-12-05T00:31:16.287Z'), '+2.9 s');
  assert.equal(elapsed('2026-12-05T00:31:00Z', '2026-12-05T00:32:05Z'), '+1 min 5 s');
  assert.equal(timeOfDay('not a time'), '');
});

test('axis and figure numbers', () => {
  assert.equal(hertz(440), '440');
  assert.equal(hertz(2000), '2k');
  assert.equal(hertz(11025), '11.0k');
  assert.equal(trimmed(0.5), '0.5');
  assert.equal(trimmed(10.0612, 2), '10.06');
  assert.equal(trimmed(Number.NaN), '–');
  assert.equal(featureValue('duration_ms', 216966.5), '3:37');
  assert.equal(featureValue('key', 5), 'F');
  assert.equal(featureValue('mode', 0), 'minor');
  assert.equal(featureValue('loudness', -9.2899), '-9.3 dB');
  assert.equal(featureValue('danceability', 0.7234), '0.723');
  assert.equal(words('loudness_range_lu'), 'loudness range lu');
});
