import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AUDIO_FEATURE_NAMES, SPOTIFY_FEATURES, featureSpec, inputCount, parseFeatureText, problemWith, validateFeatureTexts } from '../../main/resources/dashboard/js/features.js';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

test('the form refuses what the server refused, in the server\'s words', () => {
  // the body that produced problem-invalid-features.json on the real stack
  const texts = { danceability: '1.72', energy: '0.81', key: '5.5', loudness: '-5.2', mode: '1', speechiness: '0.05',
    acousticness: '0.11', instrumentalness: '0.0', liveness: '0.12', valence: '0.64', tempo: '118.0', duration_ms: '210000' };
  const { problems } = validateFeatureTexts(texts);
  const server = Object.fromEntries(fixture('problem-invalid-features.json').errors.map((error) => [error.field, error.problem]));
  assert.deepEqual(problems, server);
});

test('a complete vector in range passes and comes back as numbers', () => {
  const texts = Object.fromEntries(SPOTIFY_FEATURES.map((spec) => [spec.name, String(spec.integral ? spec.max : (spec.min + spec.max) / 2)]));
  const { features, problems } = validateFeatureTexts(texts);
  assert.deepEqual(problems, {});
  assert.equal(features.duration_ms, 7200000);
  assert.equal(features.loudness, -30);
  assert.equal(Object.keys(features).length, 13);
});

test('range edges are inclusive; just outside is refused; whole-number features refuse fractions', () => {
  const tempo = featureSpec('tempo');
  assert.equal(problemWith(tempo, 0), null);
  assert.equal(problemWith(tempo, 300), null);
  assert.equal(problemWith(tempo, 300.5), 'must be between 0 and 300 BPM, was 300.5');
  assert.equal(problemWith(featureSpec('key'), -1), null);
  assert.equal(problemWith(featureSpec('key'), -2), 'must be between -1 and 11 pitch class, was -2');
  assert.equal(problemWith(featureSpec('mode'), 0.5), 'must be a whole number, was 0.5');
  assert.equal(problemWith(tempo, Number.NaN), 'is not a finite number');
  assert.equal(problemWith(tempo, null), 'is missing');
});

test('form text is a number only when it is one plain decimal', () => {
  assert.equal(parseFeatureText(''), null);
  assert.equal(parseFeatureText('  '), null);
  assert.equal(parseFeatureText(' 0.5 '), 0.5);
  assert.equal(parseFeatureText('-5.2'), -5.2);
  assert.equal(parseFeatureText('.5'), 0.5);
  assert.equal(parseFeatureText('1e3'), 1000);
  assert.ok(Number.isNaN(parseFeatureText('1x')));
  assert.ok(Number.isNaN(parseFeatureText('0x10')));
  assert.ok(Number.isNaN(parseFeatureText('Infinity')));
  assert.ok(Number.isNaN(parseFeatureText('1,5')));
});

/**
 * The contract is Java; the page cannot import it. This reads FeatureSet.java's spotify set
 * (names in order) and every spec's unit and range, so a change there fails here until the page
 * follows. (Once the module is in the reactor a generated JSON could replace this copy.)
 */
test('the page\'s spotify features equal the contract\'s FeatureSet.SPOTIFY', () => {
  const source = readFileSync(new URL('../../../../contract/src/main/java/io/hitorflop/contract/features/FeatureSet.java', import.meta.url), 'utf8');
  const spotifyBlock = source.slice(source.indexOf('SPOTIFY("spotify"'), source.indexOf('private final String id'));
  const specs = new Map();
  for (const [, constant, kind, name, unit, min, max] of source.matchAll(
    /(?:static final FeatureSpec (\w+) = )?FeatureSpec\.(real|whole)\("(\w+)", "([^"]+)", ([-\d_.]+), ([-\d_.]+)/g)) {
    const spec = { name, unit, min: Number(min.replaceAll('_', '')), max: Number(max.replaceAll('_', '')), integral: kind === 'whole' };
    specs.set(name, spec);
    if (constant) {
      specs.set(`Specs.${constant}`, spec);
    }
  }
  const unitRange = /static FeatureSpec unit\(String name, String description\) \{\s*return FeatureSpec\.real\(name, "([^"]+)", (\d+), (\d+)/.exec(source);
  const contract = [...spotifyBlock.matchAll(/Specs\.unit\("(\w+)"|(Specs\.[A-Z_]+)|FeatureSpec\.(?:real|whole)\("(\w+)"/g)].map(([, unitName, constant, named]) =>
    (unitName ? { name: unitName, unit: unitRange[1], min: Number(unitRange[2]), max: Number(unitRange[3]), integral: false }
      : specs.get(constant ?? named)));
  assert.equal(contract.length, 13);
  assert.deepEqual(SPOTIFY_FEATURES.map(({ name, unit, min, max, integral }) => ({ name, unit, min, max, integral })), contract);
});

test('the page\'s audio set is the contract\'s FeatureSet.AUDIO, in order, and every input has a spec', () => {
  const source = readFileSync(new URL('../../../../contract/src/main/java/io/hitorflop/contract/features/FeatureSet.java', import.meta.url), 'utf8');
  const audioBlock = source.slice(source.indexOf('AUDIO("audio"'), source.indexOf('SPOTIFY("spotify"'));
  const constants = Object.fromEntries([...source.matchAll(/static final FeatureSpec (\w+) = FeatureSpec\.\w+\("(\w+)"/g)].map(([, constant, name]) => [constant, name]));
  const contract = [...audioBlock.matchAll(/Specs\.([A-Z_]+)/g)].map(([, constant]) => constants[constant]);
  assert.deepEqual([...AUDIO_FEATURE_NAMES], contract);
  assert.ok(AUDIO_FEATURE_NAMES.every((name) => featureSpec(name)));
  assert.deepEqual([inputCount('audio'), inputCount('spotify'), inputCount('other')], [5, 13, 0]);
});
