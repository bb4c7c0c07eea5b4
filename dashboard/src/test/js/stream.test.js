import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EventStreamParser, JobProgress, followJob, nextStepAfter, pollDelayMs, streamHeaders } from '../../main/resources/dashboard/js/stream.js';
import { Problem } from '../../main/resources/dashboard/js/problem.js';

const recorded = JSON.parse(readFileSync(new URL('../fixtures/job-done-song.json', import.meta.url), 'utf8'));

test('events dispatch on a blank line; data lines join; comments and unknown fields are ignored', () => {
  const parser = new EventStreamParser();
  const events = parser.push(': keep-alive\n\nevent: transition\nid: 1\ndata: {"a":\ndata: 1}\nfoo: bar\n\ndata: plain\n\n');
  assert.deepEqual(events, [
    { type: 'transition', id: '1', data: '{"a":\n1}' },
    { type: 'message', id: '1', data: 'plain' }, // the last id stays until another is sent
  ]);
});

test('an event split anywhere across chunks, CRLF split included, comes out once and whole', () => {
  const text = 'retry: 2500\r\n\r\nevent: transition\r\nid: 7\r\ndata: {"status":"DONE"}\r\n\r\n';
  for (let cut = 1; cut < text.length; cut++) {
    const parser = new EventStreamParser();
    const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
    assert.deepEqual(events, [{ type: 'transition', id: '7', data: '{"status":"DONE"}' }], `cut at ${cut}`);
    assert.equal(parser.retryMs, 2500);
    assert.equal(parser.lastEventId, '7');
  }
});

test('an event without data is not dispatched, and an unfinished event waits for its blank line', () => {
  const parser = new EventStreamParser();
  assert.deepEqual(parser.push('event: transition\nid: 3\n\n'), []);
  assert.deepEqual(parser.push('event: job\ndata: {}\n'), []);
  assert.deepEqual(parser.push('\n'), [{ type: 'job', id: '3', data: '{}' }]);
});

test('progress keeps each transition once, in time order, and remembers the last event id', () => {
  const progress = new JobProgress();
  const transition = (id, status, at) => ({ type: 'transition', id: String(id), data: JSON.stringify({ status, at }) });
  assert.equal(progress.applyEvent(transition(1, 'QUEUED', '2026-12-05T00:31:13Z')), true);
  assert.equal(progress.applyEvent(transition(2, 'AUDIO_READY', '2026-12-05T00:31:14Z')), true);
  assert.equal(progress.applyEvent(transition(2, 'AUDIO_READY', '2026-12-05T00:31:14Z')), false);
  assert.equal(progress.lastEventId, '2');
  assert.equal(progress.status, 'AUDIO_READY');
  assert.equal(progress.finished, false);
  assert.equal(progress.applyJob(recorded), true); // a poll or the final event repeats known transitions
  assert.deepEqual(progress.transitions.map((t) => t.status), ['QUEUED', 'AUDIO_READY', 'FEATURES_READY', 'DONE']);
  assert.equal(progress.finished, true);
  assert.equal(progress.applyJob(recorded), false);
});

test('the answer to opening the stream decides: read it, wait for the job, poll, or stop', () => {
  assert.equal(nextStepAfter({ status: 200 }), 'stream');
  assert.equal(nextStepAfter({ status: 404, problemType: 'https://hitorflop.io/problems/job-not-found' }), 'retry');
  assert.equal(nextStepAfter({ status: 404, problemType: 'https://hitorflop.io/problems/not-found' }), 'poll');
  assert.equal(nextStepAfter({ status: 405 }), 'poll');
  assert.equal(nextStepAfter({ status: 502 }), 'poll');
  assert.equal(nextStepAfter({ status: 401 }), 'fail');
  assert.equal(nextStepAfter({ status: 400 }), 'fail');
});

test('Last-Event-ID is sent once an event was seen, with the API key header', () => {
  const progress = new JobProgress();
  assert.deepEqual(streamHeaders(progress, { 'X-API-Key': 'k' }), { 'X-API-Key': 'k', Accept: 'text/event-stream' });
  progress.applyEvent({ type: 'transition', id: '2', data: '{"status":"QUEUED","at":"2026-12-05T00:00:00Z"}' });
  assert.equal(streamHeaders(progress)['Last-Event-ID'], '2');
});

test('polls come quickly at first, then every 2 s', () => {
  assert.deepEqual([0, 4, 5, 19, 20, 500].map(pollDelayMs), [500, 500, 1000, 1000, 2000, 2000]);
});

/** A fake server for followJob: each call of fetch takes the next scripted answer. */
function scripted(answers) {
  const requests = [];
  const fetchImpl = async (url, init) => {
    requests.push({ url, headers: init.headers });
    const answer = answers.shift();
    if (answer instanceof Error) {
      throw answer;
    }
    return answer;
  };
  return { fetchImpl, requests };
}

function sse(...chunks) {
  return new Response(new ReadableStream({
    start(controller) {
      chunks.forEach((chunk) => controller.enqueue(new TextEncoder().encode(chunk)));
      controller.close();
    },
  }), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

/** A body that delivers `chunks` and then breaks, as a dropped connection does. */
function brokenSse(...chunks) {
  const pending = [...chunks];
  return new Response(new ReadableStream({
    pull(controller) {
      if (pending.length > 0) {
        controller.enqueue(new TextEncoder().encode(pending.shift()));
      } else {
        controller.error(new TypeError('network error')); // error() drops queued chunks: only after the last is read
      }
    },
  }), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

const problemAnswer = (status, slug) => new Response(JSON.stringify({ type: `https://hitorflop.io/problems/${slug}`, title: slug, status }),
  { status, headers: { 'Content-Type': 'application/problem+json' } });

const transitionEvent = (id) => {
  const { status, at } = recorded.transitions[id - 1];
  return `event: transition\nid: ${id}\ndata: ${JSON.stringify({ status, at })}\n\n`;
};

test('a dropped stream is opened again after the last event, and every transition is seen exactly once', async () => {
  const { fetchImpl, requests } = scripted([
    brokenSse(transitionEvent(1), transitionEvent(2), 'event: transition\nid: 3\ndata: {"status":"FEATU'),
    sse(transitionEvent(3), transitionEvent(4), `event: job\nid: 4\ndata: ${JSON.stringify(recorded)}\n\n`),
  ]);
  const progress = new JobProgress();
  const news = [];
  await followJob({ jobId: recorded.id, progress, fetchImpl, getJob: () => assert.fail('no poll while the stream works'),
    sleep: async () => {}, onChange: (p) => news.push(p.transitions.map((t) => t.status).join()) });
  assert.equal(requests.length, 2);
  assert.equal(requests[0].headers['Last-Event-ID'], undefined);
  assert.equal(requests[1].headers['Last-Event-ID'], '2'); // event 3 was cut short: it is asked for again
  assert.equal(requests[1].url, `/v1/jobs/${recorded.id}/events`);
  assert.deepEqual(progress.transitions.map((t) => t.status), ['QUEUED', 'AUDIO_READY', 'FEATURES_READY', 'DONE']);
  assert.equal(progress.job.verdict.label, 'FLOP');
  assert.equal(progress.mode, 'live');
  // each state appears once, in order, however often the page was told about news
  assert.deepEqual([...new Set(news)].filter(Boolean), ['QUEUED', 'QUEUED,AUDIO_READY', 'QUEUED,AUDIO_READY,FEATURES_READY',
    'QUEUED,AUDIO_READY,FEATURES_READY,DONE']);
});

test('without the events endpoint (404 not-found) the job is polled until it is final', async () => {
  const { fetchImpl } = scripted([problemAnswer(404, 'not-found')]);
  const queued = { ...recorded, status: 'QUEUED', transitions: recorded.transitions.slice(0, 1), verdict: undefined };
  const polls = [Promise.reject(new Problem({ status: 404, type: 'https://hitorflop.io/problems/job-not-found' })), queued, recorded];
  const waits = [];
  const progress = new JobProgress();
  await followJob({ jobId: recorded.id, progress, fetchImpl, getJob: async () => polls.shift(),
    sleep: async (ms) => { waits.push(ms); }, onChange: () => {} });
  assert.equal(progress.mode, 'polling');
  assert.equal(progress.finished, true);
  assert.equal(polls.length, 0);
  assert.deepEqual(waits, [500, 500]);
});

test('a job not known yet (404 job-not-found) is waited for on the stream, not polled', async () => {
  const { fetchImpl, requests } = scripted([problemAnswer(404, 'job-not-found'),
    sse(`event: job\nid: 4\ndata: ${JSON.stringify(recorded)}\n\n`)]);
  const progress = new JobProgress();
  await followJob({ jobId: recorded.id, progress, fetchImpl, getJob: () => assert.fail('no poll'), sleep: async () => {}, onChange: () => {} });
  assert.equal(requests.length, 2);
  assert.equal(progress.finished, true);
});

test('a refused key stops following with the server\'s problem', async () => {
  const { fetchImpl } = scripted([problemAnswer(401, 'unauthorized')]);
  await assert.rejects(followJob({ jobId: recorded.id, progress: new JobProgress(), fetchImpl, getJob: () => assert.fail('no poll'),
    sleep: async () => {}, onChange: () => {} }), (problem) => problem instanceof Problem && problem.status === 401 && problem.slug === 'unauthorized');
});

test('a network error on opening falls back to polling', async () => {
  const { fetchImpl } = scripted([new TypeError('Failed to fetch')]);
  const progress = new JobProgress();
  await followJob({ jobId: recorded.id, progress, fetchImpl, getJob: async () => recorded, sleep: async () => {}, onChange: () => {} });
  assert.equal(progress.mode, 'polling');
  assert.equal(progress.finished, true);
});

test('a verdict whose explanation follows keeps the stream until the explanation event, which fills it in', async () => {
  const pending = { ...recorded, verdict: { ...recorded.verdict, explanation: [], explanationPending: true } };
  const reasons = { explanationBaseline: 0.41, explanation: [{ feature: 'tempo', value: 120, baseline: 118, contribution: 0.02 }] };
  const { fetchImpl, requests } = scripted([sse(`event: job\nid: 4\ndata: ${JSON.stringify(pending)}\n\n`,
    `event: explanation\ndata: ${JSON.stringify(reasons)}\n\n`)]);
  const progress = new JobProgress();
  const seen = [];
  await followJob({ jobId: recorded.id, progress, fetchImpl, getJob: () => assert.fail('no poll'), sleep: async () => {},
    onChange: (p) => seen.push(p.awaitingExplanation) });
  assert.equal(requests.length, 1);
  assert.deepEqual(seen.slice(-2), [true, false]);
  assert.equal(progress.job.verdict.explanationPending, false);
  assert.equal(progress.job.verdict.explanationBaseline, 0.41);
  assert.deepEqual(progress.job.verdict.explanation, reasons.explanation);
});

test('an explanation event saying the reasons could not be computed ends the wait with why', async () => {
  const pending = { ...recorded, verdict: { ...recorded.verdict, explanation: [], explanationPending: true } };
  const unavailable = { explanation: [], explanationUnavailable: { type: 'https://hitorflop.io/problems/explanation-unavailable',
    title: 'The verdict\'s reasons could not be computed', detail: 'explaining ran out of memory' } };
  const { fetchImpl, requests } = scripted([sse(`event: job\nid: 4\ndata: ${JSON.stringify(pending)}\n\n`,
    `event: explanation\ndata: ${JSON.stringify(unavailable)}\n\n`)]);
  const progress = new JobProgress();
  await followJob({ jobId: recorded.id, progress, fetchImpl, getJob: () => assert.fail('no poll'), sleep: async () => {}, onChange: () => {} });
  assert.equal(requests.length, 1);
  assert.equal(progress.awaitingExplanation, false);
  assert.deepEqual(progress.job.verdict.explanation, []);
  assert.equal(progress.job.verdict.explanationUnavailable.detail, 'explaining ran out of memory');
});

test('a page opened on a DONE job still waiting for its explanation opens the stream once for it', async () => {
  const pending = { ...recorded, verdict: { ...recorded.verdict, explanation: [], explanationPending: true } };
  const { fetchImpl, requests } = scripted([sse(`event: job\nid: 4\ndata: ${JSON.stringify(pending)}\n\n`)]);
  const progress = new JobProgress();
  progress.applyJob(pending);
  await followJob({ jobId: recorded.id, progress, fetchImpl, getJob: () => assert.fail('no poll'), sleep: async () => {}, onChange: () => {} });
  assert.equal(requests.length, 1, 'the server ended the stream without it: the page stops asking');
  assert.equal(progress.awaitingExplanation, true);
});

test('polling goes on for the explanation of a DONE job, and stops when it came', async () => {
  const { fetchImpl } = scripted([problemAnswer(404, 'not-found')]);
  const pending = { ...recorded, verdict: { ...recorded.verdict, explanation: [], explanationPending: true } };
  const explained = { ...recorded, verdict: { ...recorded.verdict, explanationPending: false } };
  const polls = [pending, pending, explained];
  const progress = new JobProgress();
  await followJob({ jobId: recorded.id, progress, fetchImpl, getJob: async () => polls.shift(), sleep: async () => {}, onChange: () => {} });
  assert.equal(polls.length, 0);
  assert.equal(progress.awaitingExplanation, false);
});

test('an explanation event without a pending verdict changes nothing', () => {
  const progress = new JobProgress();
  progress.applyJob(recorded);
  assert.equal(progress.applyEvent({ type: 'explanation', id: '', data: '{"explanationBaseline":0.1,"explanation":[]}' }), false);
  assert.deepEqual(progress.job.verdict.explanation, recorded.verdict.explanation);
});
