import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SubmissionKeys, fingerprintOf, randomUuid } from '../../main/resources/dashboard/js/submission-keys.js';

const counter = () => {
  let n = 0;
  return () => `key-${++n}`;
};

test('a double click or a retry of the same submission sends the same key', () => {
  const keys = new SubmissionKeys(counter());
  const fingerprint = fingerprintOf('features', { tempo: 118 }, undefined);
  assert.equal(keys.keyFor(fingerprint), 'key-1');
  assert.equal(keys.keyFor(fingerprintOf('features', { tempo: 118 }, undefined)), 'key-1');
});

test('another submission, or the same one after the server answered, gets a new key', () => {
  const keys = new SubmissionKeys(counter());
  assert.equal(keys.keyFor(fingerprintOf('link', { url: 'https://a.example/x.mp3' }, undefined)), 'key-1');
  assert.equal(keys.keyFor(fingerprintOf('link', { url: 'https://a.example/x.mp3' }, 'https://hook.example/')), 'key-2');
  keys.answered();
  assert.equal(keys.keyFor(fingerprintOf('link', { url: 'https://a.example/x.mp3' }, 'https://hook.example/')), 'key-3');
});

test('a file is the same submission when its name, size and modification time are', () => {
  const file = { name: 'song.mp3', size: 600834, lastModified: 1764892800000 };
  assert.equal(fingerprintOf('file', file, undefined), fingerprintOf('file', { ...file }, undefined));
  assert.notEqual(fingerprintOf('file', file, undefined), fingerprintOf('file', { ...file, size: 600835 }, undefined));
});

test('without randomUUID (an insecure context) the key is still a version 4 UUID', () => {
  const source = { getRandomValues: (bytes) => bytes.fill(0xff) };
  assert.equal(randomUuid(source), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  assert.match(randomUuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(randomUuid(), randomUuid());
});
