/**
 * Serves the page as the router will (static files, index.html for /, /jobs and /jobs/<id>)
 * and the API either from the recorded jobs in ../fixtures (default) or by forwarding /v1/** to
 * a running stack (--api http://127.0.0.1:8080). In fixture mode it also plays the proposed
 * `GET /v1/jobs/{id}/events` stream (README, "Event stream"), so the live path can be tried
 * before results-service has it. Node's standard library only.
 *
 * With --api-key, every /v1 request must carry that X-API-Key (as with API keys enabled) or gets
 * the services' 401 problem.
 *
 *   node src/test/server/fixture-server.js [--port 8090] [--api http://127.0.0.1:8080] [--step-ms 400] [--api-key KEY]
 */
import { createServer, request as httpRequest } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = fileURLToPath(new URL('.', import.meta.url));
const webRoot = join(here, '../../main/resources/dashboard');
const fixtures = join(here, '../fixtures');
const { values: options } = parseArgs({ options: {
  port: { type: 'string', default: '8090' }, api: { type: 'string' }, 'step-ms': { type: 'string', default: '400' },
  'api-key': { type: 'string' },
} });
const stepMs = Number(options['step-ms']);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
const PAGE_PATHS = [/^\/$/, /^\/jobs\/?$/, /^\/jobs\/[^/]+$/];

const jobs = new Map();
for (const name of (await readdir(fixtures)).filter((file) => file.startsWith('job-'))) {
  const job = JSON.parse(await readFile(join(fixtures, name), 'utf8'));
  jobs.set(job.id, job);
}
const jobsPage = JSON.parse(await readFile(join(fixtures, 'jobs-page.json'), 'utf8'));
const invalidFeatures = await readFile(join(fixtures, 'problem-invalid-features.json'), 'utf8');

function problem(response, status, slug, title, detail) {
  response.writeHead(status, { 'Content-Type': 'application/problem+json' });
  response.end(JSON.stringify({ type: `https://hitorflop.io/problems/${slug}`, title, status, detail }));
}

function json(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Jobs submitted to this server replay their recorded transitions, one per step, from the moment of the POST. */
const submittedAt = new Map();

/** How many of the job's transitions have happened by now. */
function revealed(job) {
  const since = submittedAt.get(job.id);
  return since === undefined ? job.transitions.length
    : Math.min(job.transitions.length, Math.floor((Date.now() - since) / stepMs) + 1);
}

/** The job as GET /v1/jobs/{id} would show it now: before its last step, without its results. */
function snapshot(job) {
  const count = revealed(job);
  if (count === job.transitions.length) {
    return job;
  }
  const { features, descriptors, dna, verdict, failure, ...running } = job;
  const transitions = job.transitions.slice(0, count);
  return { ...running, status: transitions.at(-1).status, transitions, updatedAt: transitions.at(-1).at };
}

/** The proposed event stream: one `transition` per state entered (id = its position), then `job`. */
function events(request, response, job) {
  let sent = Number.parseInt(request.headers['last-event-id'] ?? '0', 10) || 0;
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
  response.write('retry: 1000\n\n');
  const timer = setInterval(() => {
    if (sent < revealed(job)) {
      sent += 1;
      response.write(`event: transition\nid: ${sent}\ndata: ${JSON.stringify(job.transitions[sent - 1])}\n\n`);
    } else if (sent === job.transitions.length) {
      clearInterval(timer);
      response.end(`event: job\nid: ${sent}\ndata: ${JSON.stringify(job)}\n\n`);
    }
  }, stepMs / 3);
  request.on('close', () => clearInterval(timer));
}

/** The Idempotency-Key of every POST, in order; GET /__submissions shows them (for the manual check). */
const idempotencyKeys = [];

function fixtureApi(request, response, path) {
  const [, , , id, tail] = path.split('/');
  if (request.method === 'POST' && path === '/v1/jobs') {
    idempotencyKeys.push(request.headers['idempotency-key'] ?? null);
    let body = '';
    request.on('data', (chunk) => { body += chunk.length < 65536 ? chunk : ''; });
    request.on('end', () => {
      const isJson = /json/.test(request.headers['content-type'] ?? '');
      if (isJson && /"danceability":\s*1\.72/.test(body)) {
        response.writeHead(422, { 'Content-Type': 'application/problem+json' });
        response.end(invalidFeatures);
        return;
      }
      const job = [...jobs.values()].find((candidate) => (isJson ? candidate.source === 'FEATURE_VECTOR' : candidate.status === 'DONE' && candidate.dna));
      submittedAt.set(job.id, Date.now());
      json(response, 202, { id: job.id, status: 'QUEUED', source: job.source, featureSet: job.featureSet, sourceName: job.sourceName, createdAt: job.createdAt });
    });
    return;
  }
  if (path === '/v1/jobs') {
    const query = new URL(request.url, 'http://localhost').searchParams;
    const status = query.get('status');
    const items = jobsPage.items.filter((item) => !status || item.status === status);
    json(response, 200, { ...jobsPage, items, total: items.length });
  } else if (jobs.has(id) && tail === 'events') {
    events(request, response, jobs.get(id));
  } else if (jobs.has(id) && tail === undefined) {
    json(response, 200, snapshot(jobs.get(id)));
  } else {
    problem(response, 404, 'job-not-found', 'No such job', `no job ${id}`);
  }
}

function forward(request, response) {
  const target = new URL(request.url, options.api);
  const upstream = httpRequest(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
    response.writeHead(answer.statusCode, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', (error) => problem(response, 502, 'bad-gateway', 'The API did not answer', error.message));
  request.pipe(upstream);
}

async function serveFile(response, path) {
  const file = normalize(join(webRoot, path));
  if (!file.startsWith(webRoot)) {
    problem(response, 400, 'invalid-path', 'Invalid path', path);
    return;
  }
  try {
    const content = await readFile(file);
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(content);
  } catch {
    problem(response, 404, 'not-found', 'No such resource', path);
  }
}

createServer((request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  if (path === '/__submissions') {
    return json(response, 200, idempotencyKeys);
  }
  if (path.startsWith('/v1/') && options['api-key'] && request.headers['x-api-key'] !== options['api-key']) {
    return problem(response, 401, 'unauthorized', 'Missing or unknown API key', 'send a known key in the X-API-Key header');
  }
  if (path.startsWith('/v1/')) {
    return options.api ? forward(request, response) : fixtureApi(request, response, path);
  }
  return serveFile(response, PAGE_PATHS.some((pattern) => pattern.test(path)) ? '/index.html' : path);
}).listen(Number(options.port), '127.0.0.1', () => {
  console.log(`dashboard on http://127.0.0.1:${options.port}/ (API: ${options.api ?? 'fixtures'})`);
});
