/**
 * A job's live progress: the Server-Sent Events of `GET /v1/jobs/{id}/events` (format in the
 * module README), read with fetch rather than EventSource, because EventSource can neither send
 * the X-API-Key header nor show the answer's status (a 404 of a job not yet known and a 404 of
 * an endpoint that does not exist must be told apart), and polling `GET /v1/jobs/{id}` when the
 * endpoint is missing or fails. The parsing and the resume bookkeeping are pure and tested; the
 * loop that drives them takes its fetch and its timer from the caller.
 */
import { problemFromResponse } from './problem.js';

/**
 * Parses the text/event-stream format (WHATWG HTML, "Server-sent events", §9.2.6) from chunks
 * of text as they arrive: lines end in CRLF, LF or CR; `data` lines join with LF; a blank line
 * dispatches; comments (":") and unknown fields are ignored; `id` is remembered across events.
 */
export class EventStreamParser {
  #buffer = '';
  #data = [];
  #event = '';
  #lastEventId = '';
  #pendingCarriageReturn = false;
  /** The reconnection time the server asked for with `retry:`, in ms, or null. */
  retryMs = null;

  get lastEventId() {
    return this.#lastEventId;
  }

  /** @returns {{type: string, id: string, data: string}[]} the events completed by this chunk */
  push(chunk) {
    let text = chunk;
    if (this.#pendingCarriageReturn && text.startsWith('\n')) {
      text = text.slice(1); // the LF of a CRLF split across chunks
    }
    this.#pendingCarriageReturn = text.endsWith('\r');
    this.#buffer += text;
    const events = [];
    let match;
    const lineEnd = /\r\n|\r|\n/g;
    let consumed = 0;
    while ((match = lineEnd.exec(this.#buffer)) !== null) {
      const line = this.#buffer.slice(consumed, match.index);
      consumed = match.index + match[0].length;
      const event = this.#line(line);
      if (event) {
        events.push(event);
      }
    }
    this.#buffer = this.#buffer.slice(consumed);
    return events;
  }

  #line(line) {
    if (line === '') {
      return this.#dispatch();
    }
    if (line.startsWith(':')) {
      return null;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'data') {
      this.#data.push(value);
    } else if (field === 'event') {
      this.#event = value;
    } else if (field === 'id' && !value.includes('\0')) {
      this.#lastEventId = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) {
      this.retryMs = Number(value);
    }
    return null;
  }

  #dispatch() {
    const hasData = this.#data.length > 0;
    const event = { type: this.#event || 'message', id: this.#lastEventId, data: this.#data.join('\n') };
    this.#data = [];
    this.#event = '';
    return hasData ? event : null;
  }
}

/**
 * What the page knows of a job's progress, whichever way it arrives. Transitions are kept once
 * each (a resumed stream or a poll may repeat them), in the order they happened.
 */
export class JobProgress {
  /** @type {{status: string, at: string}[]} */
  transitions = [];
  /** The whole job once final (DONE or FAILED), else the latest job seen by a poll, or null. */
  job = null;
  /** The id to send as Last-Event-ID when the stream is opened again ('' before any event). */
  lastEventId = '';
  /** How news arrives: 'live' (the event stream), 'polling', or null before either started. */
  mode = null;

  /**
   * Applies one stream event; returns whether it told something new.
   * `transition` data: {"status": "AUDIO_READY", "at": "<ISO-8601>"}; `job` data: the job as
   * GET /v1/jobs/{id} shows it, sent once the job is final; `explanation` data:
   * {"explanationBaseline": 0.41, "explanation": [...]}, or {"explanation": [], "explanationUnavailable":
   * {type, title, detail}} when the reasons could not be computed, sent after a `job` whose verdict says
   * `explanationPending` (the explanation follows the verdict).
   */
  applyEvent(event) {
    if (event.id) {
      this.lastEventId = event.id;
    }
    if (event.type === 'transition') {
      return this.#addTransition(JSON.parse(event.data));
    }
    if (event.type === 'job') {
      return this.applyJob(JSON.parse(event.data));
    }
    if (event.type === 'explanation') {
      return this.applyExplanation(JSON.parse(event.data));
    }
    return false;
  }

  /** Puts the verdict's explanation, which follows the verdict (or why it could not be computed), into the job's verdict. */
  applyExplanation({ explanationBaseline, explanation, explanationUnavailable }) {
    if (!this.awaitingExplanation) {
      return false;
    }
    this.job = { ...this.job,
      verdict: { ...this.job.verdict, explanation, explanationBaseline, explanationUnavailable, explanationPending: false } };
    return true;
  }

  /** Applies a job as GET /v1/jobs/{id} answers it (a poll, or the stream's final event). */
  applyJob(job) {
    let changed = this.job === null || this.job.status !== job.status || this.job.updatedAt !== job.updatedAt
      || this.job.verdict?.explanationPending !== job.verdict?.explanationPending;
    for (const transition of job.transitions ?? []) {
      changed = this.#addTransition(transition) || changed;
    }
    this.job = job;
    return changed;
  }

  get status() {
    return this.transitions.at(-1)?.status ?? this.job?.status ?? null;
  }

  /** Whether the job has ended and its full view is known: nothing more will come. */
  get finished() {
    return this.job !== null && (this.job.status === 'DONE' || this.job.status === 'FAILED');
  }

  /** Whether the job is DONE and its verdict's explanation is still to come. */
  get awaitingExplanation() {
    return this.finished && this.job.verdict?.explanationPending === true;
  }

  #addTransition(transition) {
    if (this.transitions.some((known) => known.status === transition.status)) {
      return false; // a state is entered once (results-service keeps one transition per state)
    }
    this.transitions.push({ status: transition.status, at: transition.at });
    this.transitions.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return true;
  }
}

/**
 * How to follow a job after an answer of the events endpoint: read the stream, wait a moment
 * and open it again (the job is not known yet, right after the 202), or poll instead.
 * @param {{status: number, problemType?: string}} answer
 * @returns {'stream'|'retry'|'poll'|'fail'}
 */
export function nextStepAfter(answer) {
  if (answer.status === 200) {
    return 'stream';
  }
  if (answer.status === 404 && answer.problemType?.endsWith('/job-not-found')) {
    return 'retry';
  }
  if (answer.status === 401 || answer.status === 400) {
    return 'fail';
  }
  return 'poll'; // 404 not-found / 405: no such endpoint yet; 5xx or a network error: the plain GET still works
}

/** The headers to (re)open the stream with: Last-Event-ID once an event has been seen. */
export function streamHeaders(progress, apiHeaders = {}) {
  const headers = { ...apiHeaders, Accept: 'text/event-stream' };
  if (progress.lastEventId) {
    headers['Last-Event-ID'] = progress.lastEventId;
  }
  return headers;
}

/** Milliseconds to wait before poll number `attempt` (from 0): quick at first, then every 2 s. */
export function pollDelayMs(attempt) {
  return attempt < 5 ? 500 : attempt < 20 ? 1000 : 2000;
}

/** Consecutive failed polls (network or 5xx) before the page gives up and shows the problem. */
const MAX_TRANSIENT_POLL_FAILURES = 10;
/** Opens of the stream answered 404 job-not-found before the page polls instead (the job appears within moments). */
const MAX_NOT_YET_KNOWN = 20;
/** Polls for a DONE job's explanation before the page stops asking (about two minutes, as the stream waits). */
const MAX_EXPLANATION_POLLS = 60;

/**
 * Follows a job until it is final and its verdict explained: the event stream while it works,
 * polling when it does not. `progress.mode` says which ('live' or 'polling'); `onChange(progress)`
 * runs after each news. Resolves when the job is final and a stream that had it has ended (with
 * the explanation, or when the server stopped waiting for it: `progress.awaitingExplanation` then
 * stays true), or `signal` aborts; rejects with the Problem that stopped it.
 * @param {{jobId: string, progress: JobProgress, onChange: (p: JobProgress) => void,
 *          fetchImpl: typeof fetch, getJob: (id: string, o: {signal?: AbortSignal}) => Promise<object>,
 *          sleep: (ms: number) => Promise<void>, headers?: () => Record<string, string>, signal?: AbortSignal}} options
 */
export async function followJob(options) {
  const { jobId, progress, onChange, fetchImpl, sleep, signal, headers = () => ({}) } = options;
  let notYetKnown = 0;
  while ((!progress.finished || progress.awaitingExplanation) && !signal?.aborted) {
    let response;
    try {
      response = await fetchImpl(`/v1/jobs/${encodeURIComponent(jobId)}/events`,
        { headers: streamHeaders(progress, headers()), signal, cache: 'no-store' });
    } catch {
      if (signal?.aborted) {
        return;
      }
      return poll(options);
    }
    const problem = response.ok ? null : await problemOf(response);
    const step = nextStepAfter({ status: response.status, problemType: problem?.type });
    if (step === 'fail') {
      throw problem;
    }
    if (step === 'poll' || (step === 'retry' && ++notYetKnown > MAX_NOT_YET_KNOWN)) {
      return poll(options);
    }
    if (step === 'retry') {
      await sleep(500);
      continue;
    }
    progress.mode = 'live';
    onChange(progress);
    const parser = new EventStreamParser();
    try {
      await readEvents(response.body, parser, (event) => {
        if (progress.applyEvent(event)) {
          onChange(progress);
        }
      });
    } catch {
      if (signal?.aborted) {
        return;
      }
      // the connection broke: open it again below, resuming after progress.lastEventId
    }
    if (progress.finished) {
      return; // the stream ends with the job, or with its explanation, or when the server stops waiting for it
    }
    await sleep(parser.retryMs ?? 1000);
  }
}

async function poll({ jobId, progress, onChange, getJob, sleep, signal }) {
  progress.mode = 'polling';
  onChange(progress);
  let failures = 0;
  let explanationPolls = 0;
  const goOn = () => !progress.finished || (progress.awaitingExplanation && explanationPolls++ < MAX_EXPLANATION_POLLS);
  for (let attempt = 0; goOn() && !signal?.aborted; attempt++) {
    try {
      const job = await getJob(jobId, { signal });
      failures = 0;
      if (progress.applyJob(job)) {
        onChange(progress);
      }
    } catch (problem) {
      if (signal?.aborted) {
        return;
      }
      const notYetKnown = problem.status === 404 && problem.slug === 'job-not-found' && attempt < MAX_NOT_YET_KNOWN;
      const transient = problem.status === 0 || problem.status >= 500;
      if (!notYetKnown && !(transient && ++failures < MAX_TRANSIENT_POLL_FAILURES)) {
        throw problem;
      }
    }
    if (!progress.finished || progress.awaitingExplanation) {
      await sleep(pollDelayMs(attempt));
    }
  }
}

async function problemOf(response) {
  return problemFromResponse(response.status, response.headers.get('Content-Type'), await response.text());
}

async function readEvents(body, parser, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    parser.push(value).forEach(onEvent);
  }
}
