/**
 * Idempotency keys for submissions: one key per distinct submission, kept while it is in flight
 * or failed on the way (a double click or a retry after a dropped connection sends the same key,
 * so the server makes one job), and dropped once the server has given its answer.
 */

/** A random version 4 UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function randomUuid(random = globalThis.crypto) {
  if (typeof random.randomUUID === 'function') {
    return random.randomUUID();
  }
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class SubmissionKeys {
  #fingerprint = null;
  #key = null;
  #newKey;

  constructor(newKey = randomUuid) {
    this.#newKey = newKey;
  }

  /** The key for a submission described by `fingerprint`: the same as last time for the same submission. */
  keyFor(fingerprint) {
    if (fingerprint !== this.#fingerprint) {
      this.#fingerprint = fingerprint;
      this.#key = this.#newKey();
    }
    return this.#key;
  }

  /** The server answered (a job or a refusal): the next submission, even an identical one, is new. */
  answered() {
    this.#fingerprint = null;
  }
}

/** What makes a submission the same one: the payload and the webhook, not the moment. */
export function fingerprintOf(kind, payload, webhookUrl) {
  if (kind === 'file') {
    return `file:${payload.name}:${payload.size}:${payload.lastModified}|${webhookUrl}`;
  }
  return `${kind}:${JSON.stringify(payload)}|${webhookUrl}`;
}
