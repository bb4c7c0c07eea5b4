/**
 * The API on this page's origin: reads with fetch, uploads with XMLHttpRequest (fetch reports no
 * upload progress), the API key from sessionStorage only, and every refusal as a Problem.
 */
import { networkProblem, problemFromResponse } from './problem.js';

/** The header service-common's ApiKeyGate reads (edge-security ApiKeys.HEADER). */
export const API_KEY_HEADER = 'X-API-Key';
const KEY_STORAGE_NAME = 'hitorflop.apiKey';

/** The API key of this browser tab: sessionStorage only, so it leaves with the tab. */
export const apiKey = {
  get: () => globalThis.sessionStorage?.getItem(KEY_STORAGE_NAME) || '',
  set: (key) => (key ? sessionStorage.setItem(KEY_STORAGE_NAME, key) : sessionStorage.removeItem(KEY_STORAGE_NAME)),
};

export function authHeaders(key = apiKey.get()) {
  return key ? { [API_KEY_HEADER]: key } : {};
}

/** GET a JSON resource; a refusal throws its Problem. */
export async function getJson(path, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json', ...authHeaders() }, signal });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw networkProblem(error.message);
  }
  const text = await response.text();
  if (!response.ok) {
    throw problemFromResponse(response.status, response.headers.get('Content-Type'), text);
  }
  return JSON.parse(text);
}

export const jobPath = (id) => `/v1/jobs/${encodeURIComponent(id)}`;

export function getJob(id, options) {
  return getJson(jobPath(id), options);
}

export function listJobs({ status = '', page = 0, size = 20 } = {}, options) {
  const query = new URLSearchParams({ page: String(page), size: String(size) });
  if (status) {
    query.set('status', status);
  }
  return getJson(`/v1/jobs?${query}`, options);
}

/**
 * POSTs a submission to /v1/jobs and resolves with the accepted job (202). A FormData body is
 * sent with XMLHttpRequest so `onUploadProgress(sentBytes, totalBytes)` can follow the upload.
 * @param {FormData|object} body FormData (a file) or an object sent as JSON
 * @param {string} idempotencyKey sent as a Structured Field string
 */
export function submitJob(body, idempotencyKey, onUploadProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/v1/jobs');
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Idempotency-Key', `"${idempotencyKey}"`);
    for (const [name, value] of Object.entries(authHeaders())) {
      request.setRequestHeader(name, value);
    }
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        onUploadProgress(event.loaded, event.total);
      }
    });
    request.addEventListener('load', () => {
      if (request.status === 202 || request.status === 200) {
        resolve(JSON.parse(request.responseText));
      } else {
        reject(problemFromResponse(request.status, request.getResponseHeader('Content-Type'), request.responseText));
      }
    });
    request.addEventListener('error', () => reject(networkProblem('The upload was interrupted')));
    request.addEventListener('timeout', () => reject(networkProblem('The upload timed out')));
    if (body instanceof FormData) {
      request.send(body);
    } else {
      request.setRequestHeader('Content-Type', 'application/json');
      request.send(JSON.stringify(body));
    }
  });
}
