import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Problem, adviceFor, networkProblem, problemFromResponse } from '../../main/resources/dashboard/js/problem.js';

const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

test('a problem document is read whole: type, title, status, detail, field errors', () => {
  const problem = problemFromResponse(422, 'application/problem+json', fixture('problem-invalid-features.json'));
  assert.equal(problem.slug, 'invalid-features');
  assert.equal(problem.title, 'Feature vector invalid');
  assert.equal(problem.status, 422);
  assert.equal(problem.detail, '3 feature(s) cannot be scored');
  assert.deepEqual(problem.errors.map((error) => error.field), ['danceability', 'key', 'time_signature']);
  assert.equal(adviceFor(problem), 'Correct the marked features and submit again.');
});

test('an answer that is not a problem document still becomes a problem with its status', () => {
  const problem = problemFromResponse(502, 'text/html', '<html>Bad Gateway</html>');
  assert.equal(problem.status, 502);
  assert.equal(problem.title, 'The server answered 502');
  assert.equal(problem.detail, '<html>Bad Gateway</html>');
  assert.match(adviceFor(problem), /Try again/);
  assert.equal(problemFromResponse(500, 'application/json', '{broken').title, 'The server answered 500');
});

test('a failed job\'s problem names what to do next', () => {
  const job = JSON.parse(fixture('job-failed-not-music.json'));
  const problem = new Problem(job.failure);
  assert.equal(problem.slug, 'not-music');
  assert.match(adviceFor(problem), /music/);
  assert.match(adviceFor(new Problem({ type: 'https://hitorflop.io/problems/unauthorized', status: 401 })), /API key/);
  assert.equal(networkProblem('offline').status, 0);
  assert.match(adviceFor(networkProblem('offline')), /stack is running/);
  assert.match(adviceFor(new Problem({ type: 'https://hitorflop.io/problems/queue-unavailable', status: 503 })), /nothing was queued/);
});
