/** A problem as a box: what happened (type, title, detail, field errors) and what to do next. */
import { adviceFor } from './problem.js';
import { h } from './dom.js';
import { words } from './format.js';

/**
 * @param {import('./problem.js').Problem} problem
 * @param {{heading?: string, stage?: string}} options
 */
export function problemBox(problem, { heading, stage } = {}) {
  return h('div', { class: 'problem', role: 'alert', dataset: { problemType: problem.slug } },
    h('h3', {}, heading ?? problem.title),
    heading ? h('p', {}, h('strong', {}, problem.title)) : null,
    problem.detail ? h('p', { class: 'detail' }, problem.detail) : null,
    problem.errors.length > 0
      ? h('ul', {}, problem.errors.map((error) => h('li', {}, h('code', {}, error.field ?? error.name ?? ''), ' ',
        error.problem ?? error.message ?? '')))
      : null,
    h('p', { class: 'small muted' },
      `Problem type `, h('code', {}, problem.slug),
      problem.status ? ` · HTTP ${problem.status}` : '',
      stage ? ` · at ${words(stage)}` : ''),
    h('p', { class: 'next' }, `What you can do: ${adviceFor(problem)}`));
}
