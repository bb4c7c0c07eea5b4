/**
 * RFC 9457 problems as the page shows them: the server's own (type, title, detail, field
 * errors), or one the page makes up when no problem document came back (network down, a proxy's
 * HTML page). Each type comes with what the person can do about it.
 */

export const PROBLEM_BASE = 'https://hitorflop.io/problems/';

export class Problem extends Error {
  /**
   * @param {{type?: string, title?: string, status?: number, detail?: string, errors?: {field?: string, name?: string, message?: string}[]}} body
   */
  constructor(body) {
    super(body.detail || body.title || 'Request failed');
    this.type = body.type || 'about:blank';
    this.title = body.title || 'Request failed';
    this.status = body.status ?? 0;
    this.detail = body.detail || '';
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }

  /** The last path segment of the type URI, e.g. "not-music". */
  get slug() {
    return this.type.startsWith(PROBLEM_BASE) ? this.type.slice(PROBLEM_BASE.length) : this.type;
  }
}

/** A problem from an answer's status and body text: the body's problem when it is one, else a stand-in. */
export function problemFromResponse(status, contentType, bodyText) {
  if (/json/i.test(contentType ?? '')) {
    try {
      const body = JSON.parse(bodyText);
      if (body && typeof body === 'object') {
        return new Problem({ status, ...body });
      }
    } catch {
      // not JSON after all: described below
    }
  }
  return new Problem({ status, title: `The server answered ${status}`, detail: String(bodyText ?? '').slice(0, 200) });
}

export function networkProblem(message) {
  return new Problem({ status: 0, title: 'No answer from the server',
    detail: `${message || 'The request did not reach the server'}. Is the stack up (./hitorflop up)?` });
}

const ADVICE = {
  'unauthorized': 'Enter a valid API key (the key button at the top right).',
  'job-not-found': 'Check the id, or enter the API key the job was submitted with: jobs of other keys are not shown.',
  'invalid-job-id': 'A job id is a UUID such as 8e03978e-40d5-43e8-bc93-6894a57f9324.',
  'invalid-features': 'Correct the marked features and submit again.',
  'not-music': 'Submit a recording with music in it; silence, noise, a test tone or a hum get no verdict.',
  'unsupported-audio': 'Convert the file to a common format (MP3, FLAC, WAV, Ogg, M4A) and try again.',
  'audio-too-long': 'Submit a shorter excerpt.',
  'payload-too-large': 'Submit a smaller file, e.g. an MP3 instead of a WAV.',
  'download-failed': 'Check that the link opens in a browser, or download the song and upload the file.',
  'source-forbidden': 'The site refused the download: upload the file instead.',
  'bot-check': 'The site asks for a bot check: download the song yourself and upload the file.',
  'no-audio': 'The link offers no audio: use a link to a song.',
  'live-stream': 'Live streams cannot be judged: link a recording.',
  'forbidden-url': 'The link or webhook points to a private address: use a public one.',
  'service-busy': 'Too many uploads are being converted: try again in a minute.',
  'queue-unavailable': 'The job queue is not reachable right now (nothing was queued): submit again in a minute.',
  'timed-out': 'The job took too long: submit it again; if it keeps happening, look at ./hitorflop logs.',
  'feature-extraction-failed': 'The song could not be measured: try another file or format.',
  'inference-failed': 'The models failed on this song: submit it again; if it keeps happening, report it.',
  'invalid-event': 'Submit the song again.',
  'idempotency-key-reused': 'Reload the page and submit again.',
  'conflict': 'The same submission is still being processed: wait a moment.',
  'bad-gateway': 'A service is down: check ./hitorflop status.',
  'gateway-timeout': 'A service is slow: try again in a moment.',
};

/** What the person can do next about a problem. */
export function adviceFor(problem) {
  return ADVICE[problem.slug]
    ?? (problem.status === 0 ? 'Check that the stack is running and reload the page.'
      : problem.status >= 500 ? 'Try again; if it keeps happening, look at ./hitorflop logs.'
        : 'Correct the request and try again.');
}
