import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestSongRows, explanationNote, explanationPendingText, explanationUnavailableText } from '../../main/resources/dashboard/js/reasons.js';

test('a Shapley explanation is described from its baseline to the probability', () => {
  const note = explanationNote({ probability: 0.62, explanationBaseline: 0.5 });
  assert.match(note, /Shapley value/);
  assert.match(note, /typical song’s P\(HIT\) 50\.0 %/);
  assert.match(note, /this song’s 62\.0 %/);
});

test('an explanation without a baseline (verdict schema 1) keeps the occlusion sentence', () => {
  assert.match(explanationNote({ probability: 0.62 }), /replaces the training baseline/);
});

test('before the verdict the bars are announced as Shapley values', () => {
  assert.match(explanationNote(undefined), /the bars add up to the difference/);
});

test('closest songs are listed nearest first with a short distance', () => {
  const rows = closestSongRows({
    closestSongs: [
      { title: 'B-Side', artist: 'Nobody', decade: '90s', label: 'FLOP', distance: 0.5012 },
      { title: 'Hey Jude', artist: 'The Beatles', decade: '60s', label: 'HIT', distance: 0.4213 },
    ],
  });
  assert.deepEqual(rows.map((row) => row.title), ['Hey Jude', 'B-Side']);
  assert.deepEqual(rows[0], { title: 'Hey Jude', artist: 'The Beatles', decade: '60s', label: 'HIT', distance: '0.42' });
});

test('a verdict without closest songs has no rows', () => {
  assert.deepEqual(closestSongRows({}), []);
});

test('while the reasons follow the verdict the card says they are computed, and what to do when the page stops waiting', () => {
  assert.match(explanationPendingText(true), /^Computing the reasons…/);
  assert.match(explanationPendingText(false), /reload this page/);
});

test('reasons that could not be computed are said so in plain words, with the server\'s detail', () => {
  const verdict = { explanation: [], explanationPending: false, explanationUnavailable: {
    type: 'https://hitorflop.io/problems/explanation-unavailable', title: 'The verdict\'s reasons could not be computed',
    detail: 'explaining ran out of memory' } };
  assert.equal(explanationUnavailableText(verdict), 'The reasons could not be computed: explaining ran out of memory');
  assert.equal(explanationUnavailableText({ explanationUnavailable: { type: verdict.explanationUnavailable.type } }),
    'The reasons could not be computed.');
});

test('reasons that came, are coming or were not asked for are not called unavailable', () => {
  assert.equal(explanationUnavailableText({ explanation: [], explanationPending: true }), null);
  assert.equal(explanationUnavailableText({ explanation: [{ feature: 'tempo', contribution: 0.1 }] }), null);
  assert.equal(explanationUnavailableText(undefined), null);
});
