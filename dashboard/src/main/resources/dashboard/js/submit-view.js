/** The submit view: a file (drag and drop or pick, with upload progress), a link, or the 13 Spotify features. */
import { submitJob } from './api.js';
import { SPOTIFY_FEATURES, validateFeatureTexts } from './features.js';
import { SubmissionKeys, fingerprintOf } from './submission-keys.js';
import { Problem } from './problem.js';
import { problemBox } from './problem-view.js';
import { submittedFiles } from './session.js';
import { h } from './dom.js';

/** One key per distinct submission, kept across re-renders of the view. */
const keys = new SubmissionKeys();

/** The README's example vector, so the form can be tried at once. */
const EXAMPLE_FEATURES = {
  danceability: '0.72', energy: '0.81', key: '5', loudness: '-5.2', mode: '1', speechiness: '0.05',
  acousticness: '0.11', instrumentalness: '0', liveness: '0.12', valence: '0.64', tempo: '118',
  duration_ms: '210000', time_signature: '4',
};

export function renderSubmit(main, { navigate, askForKey }) {
  const fileInput = h('input', { type: 'file', id: 'file-input', name: 'file', accept: 'audio/*,video/*,.flac,.mp3,.wav,.ogg,.m4a,.opus' });
  const chosen = h('p', { class: 'small', id: 'file-chosen', 'aria-live': 'polite' }, 'No file chosen yet.');
  const dropZone = h('label', { class: 'drop-zone', for: 'file-input' },
    h('span', {}, h('strong', {}, 'Drop an audio file here'), h('br'), 'or choose one:'),
    fileInput, chosen);
  const linkInput = h('input', { type: 'url', id: 'link-input', name: 'url', inputmode: 'url', placeholder: 'https://…', 'aria-describedby': 'link-hint link-error' });
  const linkError = h('p', { class: 'error', id: 'link-error' });
  const featureInputs = new Map();
  const featureErrors = new Map();
  const featureFields = SPOTIFY_FEATURES.map((spec) => {
    const id = `feature-${spec.name}`;
    const input = h('input', { id, name: spec.name, type: 'text', inputmode: spec.min < 0 ? 'text' : 'decimal', autocomplete: 'off',
      'aria-describedby': `${id}-hint ${id}-error` });
    const error = h('p', { class: 'error', id: `${id}-error` });
    featureInputs.set(spec.name, input);
    featureErrors.set(spec.name, error);
    return h('div', { class: 'field' },
      h('label', { for: id }, spec.label, ' ', h('span', { class: 'muted small' }, `(${spec.unit})`)),
      input,
      h('p', { class: 'hint', id: `${id}-hint` }, `${spec.min} to ${spec.max}${spec.integral ? ', whole' : ''}. ${spec.description}`),
      error);
  });
  const webhookInput = h('input', { type: 'url', id: 'webhook-input', name: 'webhook', inputmode: 'url', placeholder: 'https://…', 'aria-describedby': 'webhook-hint webhook-error' });
  const webhookError = h('p', { class: 'error', id: 'webhook-error' });

  const panels = {
    file: h('div', { class: 'panel', id: 'panel-file' }, dropZone),
    link: h('div', { class: 'panel field', id: 'panel-link' },
      h('label', { for: 'link-input' }, 'Link to a song'), linkInput,
      h('p', { class: 'hint', id: 'link-hint' }, 'A direct audio URL, or a page yt-dlp understands (YouTube, SoundCloud, Bandcamp, …).'),
      linkError),
    features: h('div', { class: 'panel', id: 'panel-features' },
      h('p', { class: 'small muted' }, 'The 13 audio features of the Spotify Web API, in its units. All are needed.'),
      h('div', { class: 'feature-grid' }, featureFields),
      h('button', { type: 'button', onclick: () => featureInputs.forEach((input, name) => { input.value = EXAMPLE_FEATURES[name]; }) },
        'Fill in an example')),
  };
  const modeRadios = Object.entries({ file: 'Audio file', link: 'Link', features: 'Spotify features' }).map(([value, text]) =>
    h('label', {}, h('input', { type: 'radio', name: 'mode', value, checked: value === 'file' }), text));
  const modes = h('fieldset', { class: 'modes' }, h('legend', {}, 'What do you have?'), modeRadios);
  const showMode = () => {
    const mode = currentMode();
    for (const [name, panel] of Object.entries(panels)) {
      panel.hidden = name !== mode;
    }
  };
  const currentMode = () => modes.querySelector('input:checked').value;
  modes.addEventListener('change', showMode);

  const progress = h('progress', { max: '100', value: '0', 'aria-label': 'Upload progress', hidden: true });
  const status = h('p', { class: 'small', role: 'status' });
  const submitButton = h('button', { type: 'submit', class: 'primary' }, 'Analyse');
  const problemArea = h('div', { 'aria-live': 'assertive' });

  const form = h('form', { novalidate: true, class: 'card' },
    h('h1', {}, 'Analyse a song'),
    h('p', { class: 'muted' }, 'Five models vote HIT or FLOP, say which features pushed them, and draw the song’s measured spectral DNA.'),
    modes, panels.file, panels.link, panels.features,
    h('div', { class: 'field' },
      h('label', { for: 'webhook-input' }, 'Webhook URL ', h('span', { class: 'muted small' }, '(optional)')),
      webhookInput,
      h('p', { class: 'hint', id: 'webhook-hint' }, 'Receives the finished job, signed per Standard Webhooks.'),
      webhookError),
    h('div', { class: 'submit-row' }, submitButton, progress, status),
    problemArea);
  main.append(form);
  showMode();

  const showFile = () => {
    const file = fileInput.files[0];
    chosen.textContent = file ? `Chosen: ${file.name} (${(file.size / 1e6).toFixed(1)} MB)` : 'No file chosen yet.';
  };
  fileInput.addEventListener('change', showFile);
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.dataset.over = 'true';
  });
  dropZone.addEventListener('dragleave', () => { dropZone.dataset.over = 'false'; });
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.dataset.over = 'false';
    if (event.dataTransfer?.files.length) {
      fileInput.files = event.dataTransfer.files;
      showFile();
    }
  });

  const setError = (input, errorElement, message) => {
    errorElement.textContent = message ?? '';
    input.setAttribute('aria-invalid', String(Boolean(message)));
  };

  /** The submission the form holds, or null after marking what is wrong. */
  const readForm = () => {
    const webhook = webhookInput.value.trim();
    const webhookProblem = webhook && !isHttpUrl(webhook) ? 'must be an http(s) URL' : null;
    setError(webhookInput, webhookError, webhookProblem);
    const valid = !webhookProblem;
    const mode = currentMode();
    if (mode === 'file') {
      const file = fileInput.files[0];
      chosen.textContent = file ? chosen.textContent : 'Choose an audio file first.';
      return file && valid ? { mode, file, webhook } : null;
    }
    if (mode === 'link') {
      const url = linkInput.value.trim();
      setError(linkInput, linkError, !url ? 'is missing' : !isHttpUrl(url) ? 'must be an http(s) URL' : null);
      return isHttpUrl(url) && valid ? { mode, url, webhook } : null;
    }
    const { features, problems } = validateFeatureTexts(Object.fromEntries([...featureInputs].map(([name, input]) => [name, input.value])));
    for (const [name, input] of featureInputs) {
      setError(input, featureErrors.get(name), problems[name]);
    }
    return Object.keys(problems).length === 0 && valid ? { mode, features, webhook } : null;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problemArea.replaceChildren();
    const submission = readForm();
    if (!submission) {
      [...form.querySelectorAll('[aria-invalid="true"]')].find((input) => !input.closest('[hidden]'))?.focus();
      status.textContent = 'Please correct the marked fields.';
      return;
    }
    const { body, fingerprint } = requestOf(submission);
    const key = keys.keyFor(fingerprint);
    submitButton.disabled = true;
    progress.hidden = submission.mode !== 'file';
    progress.value = 0;
    status.textContent = submission.mode === 'file' ? 'Uploading…' : 'Submitting…';
    try {
      const job = await submitJob(body, key, (sent, total) => {
        progress.value = Math.round((sent / total) * 100);
        status.textContent = sent < total ? `Uploading… ${progress.value} %` : 'Uploaded; converting…';
      });
      keys.answered();
      if (submission.file) {
        submittedFiles.remember(job.id, submission.file);
      }
      navigate(`/jobs/${job.id}`);
    } catch (problem) {
      if (!(problem instanceof Problem)) {
        throw problem;
      }
      if (problem.status > 0) {
        keys.answered();
      }
      status.textContent = '';
      progress.hidden = true;
      for (const error of problem.errors) {
        const input = featureInputs.get(error.field);
        if (input) {
          setError(input, featureErrors.get(error.field), error.problem);
        }
      }
      problemArea.replaceChildren(problemBox(problem));
      if (problem.status === 401 && await askForKey()) {
        status.textContent = 'Key saved: submit again.';
      }
    } finally {
      submitButton.disabled = false;
    }
  });
}

function isHttpUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function requestOf(submission) {
  const webhook = submission.webhook || undefined;
  if (submission.mode === 'file') {
    const body = new FormData();
    body.append('file', submission.file, submission.file.name);
    if (webhook) {
      body.append('webhook_url', webhook);
    }
    return { body, fingerprint: fingerprintOf('file', submission.file, webhook) };
  }
  const payload = submission.mode === 'link' ? { url: submission.url } : { features: submission.features };
  const body = webhook ? { ...payload, webhook: { url: webhook } } : payload;
  return { body, fingerprint: fingerprintOf(submission.mode, payload, webhook) };
}
