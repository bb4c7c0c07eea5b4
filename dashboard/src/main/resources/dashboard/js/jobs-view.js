/** The jobs list: newest first, filtered by status, a page at a time; each row opens its job. */
import { listJobs } from './api.js';
import { Problem } from './problem.js';
import { problemBox } from './problem-view.js';
import { dateTime, percent } from './format.js';
import { h } from './dom.js';

const STATUSES = ['QUEUED', 'AUDIO_READY', 'FEATURES_READY', 'DONE', 'FAILED'];
const PAGE_SIZE = 20;
const SOURCES = { AUDIO_UPLOAD: 'upload', AUDIO_URL: 'link', FEATURE_VECTOR: 'features' };

export async function renderJobs(main, { query, signal, navigate, askForKey, rerender }) {
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : '';
  const page = Math.max(0, Number.parseInt(query.get('page') ?? '0', 10) || 0);
  const filter = h('select', { id: 'status-filter', name: 'status' },
    h('option', { value: '' }, 'All'),
    STATUSES.map((name) => h('option', { value: name, selected: name === status }, name)));
  const go = (nextStatus, nextPage) => {
    const search = new URLSearchParams();
    if (nextStatus) {
      search.set('status', nextStatus);
    }
    if (nextPage > 0) {
      search.set('page', String(nextPage));
    }
    navigate(`/jobs${search.size ? `?${search}` : ''}`);
  };
  filter.addEventListener('change', () => go(filter.value, 0));
  const body = h('div', { class: 'table-wrap', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  main.append(h('section', { class: 'card', 'aria-labelledby': 'jobs-title' },
    h('div', { class: 'job-title' }, h('h1', { id: 'jobs-title' }, 'Jobs'), h('button', { type: 'button', onclick: rerender }, 'Refresh')),
    h('div', { class: 'list-controls' },
      h('div', { class: 'field' }, h('label', { for: 'status-filter' }, 'Status'), filter)),
    body));

  let result;
  try {
    result = await listJobs({ status, page, size: PAGE_SIZE }, { signal });
  } catch (problem) {
    if (!(problem instanceof Problem)) {
      if (signal.aborted) {
        return;
      }
      throw problem;
    }
    body.setAttribute('aria-busy', 'false');
    body.replaceChildren(problemBox(problem));
    if (problem.status === 401 && await askForKey()) {
      rerender();
    }
    return;
  }
  body.setAttribute('aria-busy', 'false');
  const lastPage = Math.max(0, Math.ceil(result.total / result.size) - 1);
  if (result.items.length === 0) {
    body.replaceChildren(h('p', {}, status ? `No ${status} jobs.` : 'No jobs yet. ', status ? null : h('a', { href: '/' }, 'Analyse a song.')));
    return;
  }
  body.replaceChildren(
    h('table', {},
      h('caption', { class: 'visually-hidden' }, `Jobs${status ? ` in status ${status}` : ''}, newest first, page ${page + 1} of ${lastPage + 1}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Song'), h('th', { scope: 'col' }, 'Submitted'),
        h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Verdict'), h('th', { scope: 'col', class: 'num' }, 'P(HIT)'))),
      h('tbody', {}, result.items.map((job) => h('tr', {},
        h('td', {}, h('a', { href: `/jobs/${job.id}` }, job.sourceName ?? `${SOURCES[job.source] ?? 'job'} ${job.id.slice(0, 8)}`),
          h('span', { class: 'small muted' }, ` · ${SOURCES[job.source] ?? job.source}`)),
        h('td', {}, dateTime(job.createdAt)),
        h('td', { class: 'status' }, job.status),
        h('td', { class: job.label ? `vote-${job.label}` : 'muted' }, job.label ?? '–'),
        h('td', { class: 'num' }, Number.isFinite(job.probability) ? percent(job.probability) : '–'))))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', disabled: page === 0, onclick: () => go(status, page - 1) }, '← Newer'),
      h('span', {}, `Page ${page + 1} of ${lastPage + 1} · ${result.total} jobs`),
      h('button', { type: 'button', disabled: page >= lastPage, onclick: () => go(status, page + 1) }, 'Older →')));
}
