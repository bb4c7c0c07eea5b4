/**
 * The page's entry: a history-API router over three views (/ submit, /jobs list, /jobs/<id>
 * job), the API-key dialog, and link handling. The server answers every one of these paths with
 * index.html; /v1/** is the API.
 */
import { apiKey } from './api.js';
import { renderSubmit } from './submit-view.js';
import { renderJobs } from './jobs-view.js';
import { renderJob } from './job-view.js';

const ROUTES = [
  { pattern: /^\/$/, view: renderSubmit, title: 'Analyse a song', nav: '/' },
  { pattern: /^\/jobs\/?$/, view: renderJobs, title: 'Jobs', nav: '/jobs' },
  { pattern: /^\/jobs\/([^/]+)$/, view: renderJob, title: 'Job', nav: '/jobs' },
];

const main = document.getElementById('main');
const keyButton = document.getElementById('api-key-button');
const keyDialog = document.getElementById('api-key-dialog');
let currentView = null;

export function navigate(path, { replace = false } = {}) {
  if (replace) {
    history.replaceState(null, '', path);
  } else {
    history.pushState(null, '', path);
  }
  render({ moveFocus: true });
}

/** Asks for the API key; resolves true when a key was saved (the caller may retry). */
export function askForKey() {
  const input = document.getElementById('api-key-input');
  input.value = apiKey.get();
  keyDialog.showModal();
  return new Promise((resolve) => {
    keyDialog.addEventListener('close', () => {
      if (keyDialog.returnValue === 'save') {
        apiKey.set(input.value.trim());
      } else if (keyDialog.returnValue === 'clear') {
        apiKey.set('');
      }
      showKeyState();
      resolve(keyDialog.returnValue === 'save' || keyDialog.returnValue === 'clear');
    }, { once: true });
  });
}

function showKeyState() {
  keyButton.dataset.set = String(apiKey.get() !== '');
  keyButton.setAttribute('aria-label', apiKey.get() ? 'API key (set)' : 'API key (none)');
}

function render({ moveFocus }) {
  currentView?.abort();
  currentView = new AbortController();
  const path = location.pathname;
  const route = ROUTES.find((candidate) => candidate.pattern.test(path));
  main.replaceChildren();
  for (const link of document.querySelectorAll('.site-header nav a')) {
    if (route && link.getAttribute('href') === route.nav) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  document.title = `${route?.title ?? 'Not found'} · HitOrFlop`;
  const context = {
    params: route ? path.match(route.pattern).slice(1).map(decodeURIComponent) : [],
    query: new URLSearchParams(location.search),
    signal: currentView.signal,
    navigate,
    askForKey,
    rerender: () => render({ moveFocus: false }),
  };
  if (route) {
    route.view(main, context);
  } else {
    main.append(Object.assign(document.createElement('p'), { textContent: 'No such page.' }));
  }
  if (moveFocus) {
    main.focus({ preventScroll: false });
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  const url = new URL(link.href, location.href);
  if (url.origin === location.origin && !url.pathname.startsWith('/v1/') && !link.hasAttribute('download') && !link.target) {
    event.preventDefault();
    navigate(url.pathname + url.search);
  }
});
window.addEventListener('popstate', () => render({ moveFocus: true }));
keyButton.addEventListener('click', async () => {
  if (await askForKey()) {
    render({ moveFocus: false });
  }
});
showKeyState();
render({ moveFocus: false });
