/**
 * The job view at /jobs/<id>: the transitions as they happen, then the verdict, its explanation
 * and the spectral DNA, or the failure and what to do about it. Every part has its place (and
 * its minimum height) from the start, so nothing jumps when results arrive.
 */
import { authHeaders, getJob } from './api.js';
import { JobProgress, followJob } from './stream.js';
import { Problem } from './problem.js';
import { problemBox } from './problem-view.js';
import { chromaChart, loudnessChart, spectrogramChart } from './charts.js';
import { DEFAULT_ANALYSIS_RATE_HZ, thumbnailSeconds } from './dna.js';
import { featureSpec, inputCount } from './features.js';
import { clock, dateTime, elapsed, featureValue, keyName, percent, signedPoints, timeOfDay, trimmed, words } from './format.js';
import { closestSongRows, explanationNote, explanationPendingText, explanationUnavailableText } from './reasons.js';
import { submittedFiles } from './session.js';
import { h, svg } from './dom.js';

/** The models of a set (the cards' ensembles); the empty verdict card has a row for each. */
const ENSEMBLE_SIZE = 5;
/** How many closest training songs a verdict carries (inference's Ensemble.CLOSEST_SONGS). */
const CLOSEST_SONGS = 10;
const STEPS = ['QUEUED', 'AUDIO_READY', 'FEATURES_READY', 'DONE'];
const STEP_NAMES = { QUEUED: 'Queued', AUDIO_READY: 'Audio stored', FEATURES_READY: 'Measured', DONE: 'Verdict' };
const SOURCES = { AUDIO_UPLOAD: 'uploaded file', AUDIO_URL: 'link', FEATURE_VECTOR: 'Spotify features' };

/** Descriptors a person can read, with their units; others are shown by name. */
const DESCRIPTORS = {
  key_confidence: ['Key confidence', ''],
  pulse_strength: ['Pulse strength', ''],
  loudness_range_lu: ['Loudness range', 'LU'],
  sample_peak_dbfs: ['Sample peak', 'dBFS'],
  spectral_centroid_hz: ['Spectral centroid', 'Hz'],
  spectral_rolloff_hz: ['Spectral roll-off', 'Hz'],
  spectral_flatness: ['Spectral flatness', ''],
  zero_crossing_rate: ['Zero-crossing rate', ''],
  onset_rate_per_s: ['Onsets', 'per s'],
  beat_count: ['Beats', ''],
  time_signature: ['Time signature', 'beats per bar'],
  rms_mean: ['RMS mean', ''],
  rms_std: ['RMS std. dev.', ''],
  rms_max: ['RMS max', ''],
  sample_rate_hz: ['Sample rate', 'Hz'],
  channels: ['Channels', ''],
  analysis_sample_rate_hz: ['Analysis rate', 'Hz'],
};

const delay = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    resolve();
  }, { once: true });
});

export async function renderJob(main, { params: [id], signal, askForKey, rerender }) {
  const title = h('h1', { id: 'job-title' }, 'Job');
  const meta = h('p', { class: 'small muted' }, h('span', { class: 'mono' }, id));
  const timeline = h('ol', { class: 'timeline', 'aria-label': 'Progress' });
  const liveMode = h('p', { class: 'small muted live-mode', role: 'status' }, 'Connecting…');
  const statusArea = h('div', { 'aria-live': 'polite' });
  const verdictCard = h('section', { class: 'card verdict', 'aria-labelledby': 'verdict-title', id: 'verdict' },
    h('h2', { id: 'verdict-title' }, 'Verdict'), ...verdictParts(null));
  const explanationCard = h('section', { class: 'card explanation', 'aria-labelledby': 'explanation-title', id: 'explanation' },
    h('h2', { id: 'explanation-title' }, 'What moved it'), placeholder('Which features pushed P(HIT) up or down.'));
  const dnaCard = h('section', { class: 'card dna wide', 'aria-labelledby': 'dna-title', id: 'dna' },
    h('h2', { id: 'dna-title' }, 'Spectral DNA'), placeholder('The mel spectrogram, chroma and loudness, measured from the audio.'));
  main.append(
    h('section', { class: 'card', 'aria-labelledby': 'job-title' },
      h('div', { class: 'job-title' }, title, h('a', { href: `/jobs/${id}`, class: 'small' }, 'Link to this job')),
      meta, timeline, liveMode, statusArea),
    h('div', { class: 'job-grid' }, verdictCard, explanationCard, dnaCard));
  renderTimeline(timeline, new JobProgress());

  const progress = new JobProgress();
  let shownFinal = false;
  let shownEmptyBars = false;
  let shownPending = false;
  const update = () => {
    renderTimeline(timeline, progress);
    liveMode.textContent = progress.finished ? finishedText(progress.job)
      : progress.mode === 'live' ? 'Live: each step appears as it happens.'
        : progress.mode === 'polling' ? 'Checking for news every second or two.' : 'Connecting…';
    const job = progress.job;
    if (job) {
      title.textContent = job.sourceName ?? (job.source === 'FEATURE_VECTOR' ? 'Spotify feature vector' : 'Job');
      document.title = `${job.verdict?.label ?? job.status} · ${title.textContent} · HitOrFlop`;
      meta.replaceChildren(`${SOURCES[job.source] ?? job.source} · submitted ${dateTime(job.createdAt)} · `, h('span', { class: 'mono' }, job.id));
    }
    if (job && !progress.finished && !shownEmptyBars && inputCount(job.featureSet) > 0) {
      shownEmptyBars = true; // one empty bar per model input, so the card keeps its size when the verdict comes
      explanationCard.replaceChildren(h('h2', { id: 'explanation-title' }, 'What moved it'),
        ...explanationParts(Array.from({ length: inputCount(job.featureSet) }, () => null)));
    }
    if (progress.finished && !shownFinal) {
      shownFinal = true;
      renderResults(job, { verdictCard, explanationCard, dnaCard, signal });
    } else if (shownFinal && shownPending && !progress.awaitingExplanation) {
      renderExplanation(explanationCard, job.verdict);
    }
    shownPending = progress.awaitingExplanation;
  };
  try {
    try {
      progress.applyJob(await getJob(id, { signal }));
      update();
    } catch (problem) {
      if (!(problem instanceof Problem && problem.slug === 'job-not-found')) {
        throw problem; // a job just submitted may be unknown for a moment: followJob waits for it
      }
    }
    await followJob({ jobId: id, progress, onChange: update, fetchImpl: (...args) => fetch(...args), getJob,
      sleep: (ms) => delay(ms, signal), headers: authHeaders, signal });
    const pendingNote = explanationCard.querySelector('#explanation-pending');
    if (progress.awaitingExplanation && pendingNote && !signal.aborted) {
      pendingNote.textContent = explanationPendingText(false);
    }
  } catch (problem) {
    if (signal.aborted || !(problem instanceof Problem)) {
      if (!signal.aborted) {
        throw problem;
      }
      return;
    }
    liveMode.textContent = '';
    statusArea.replaceChildren(problemBox(problem));
    if (problem.status === 401 && await askForKey()) {
      rerender();
    }
  }
}

/** What the status line says (and a screen reader announces) when the job has ended. */
function finishedText(job) {
  if (job.status === 'FAILED') {
    return `Failed: ${job.failure?.title ?? 'no reason given'}.`;
  }
  return job.verdict ? `Done: ${job.verdict.label}, P(HIT) ${percent(job.verdict.probability)}.` : 'Done.';
}

function placeholder(text) {
  return h('div', { class: 'placeholder' }, text);
}

function renderTimeline(list, progress) {
  const at = new Map(progress.transitions.map((transition) => [transition.status, transition.at]));
  const queuedAt = at.get('QUEUED');
  const failedAt = at.get('FAILED');
  const lastReached = Math.max(-1, ...STEPS.map((step, index) => (at.has(step) ? index : -1)));
  const skipsAudio = progress.job?.source === 'FEATURE_VECTOR';
  let nextFound = false;
  list.replaceChildren(...STEPS.map((step, index) => {
    let state = 'waiting';
    let note = 'waiting';
    if (at.has(step)) {
      state = 'done';
      note = `${timeOfDay(at.get(step))}${step === 'QUEUED' ? '' : ` (${elapsed(queuedAt, at.get(step))})`}`;
    } else if (step === 'AUDIO_READY' && (skipsAudio || index < lastReached)) {
      state = 'skipped';
      note = 'not needed';
    } else if (!nextFound) {
      nextFound = true;
      if (failedAt) {
        state = 'failed';
        note = `failed ${timeOfDay(failedAt)}${queuedAt ? ` (${elapsed(queuedAt, failedAt)})` : ''}`;
      } else {
        state = 'current';
        note = 'working…';
      }
    }
    return h('li', { dataset: { state, step } }, h('span', { class: 'step' }, STEP_NAMES[step]), h('span', { class: 'small' }, note));
  }));
}

function renderResults(job, { verdictCard, explanationCard, dnaCard, signal }) {
  if (job.status === 'FAILED') {
    const failure = job.failure ?? {};
    const problem = new Problem({ type: failure.type, title: failure.title, detail: failure.detail });
    verdictCard.replaceChildren(h('h2', { id: 'verdict-title' }, 'No verdict'),
      problemBox(problem, { heading: 'The job failed', stage: failure.stage }));
    explanationCard.replaceChildren(h('h2', { id: 'explanation-title' }, 'What moved it'), placeholder('No verdict, so nothing to explain.'));
    dnaCard.replaceChildren(h('h2', { id: 'dna-title' }, 'Spectral DNA'), placeholder('Nothing was measured.'));
    return;
  }
  if (job.verdict) {
    verdictCard.replaceChildren(h('h2', { id: 'verdict-title' }, 'Verdict'), ...verdictParts(job.verdict));
    renderExplanation(explanationCard, job.verdict);
  }
  dnaCard.replaceChildren(h('h2', { id: 'dna-title' }, 'Spectral DNA'), ...dnaParts(job, signal));
}

/** The verdict's parts; without a verdict (the job still runs) the same parts, empty, so the card keeps its size. */
function verdictParts(verdict) {
  const votes = verdict?.votes ?? Array.from({ length: ENSEMBLE_SIZE }, () => null);
  return [
    h('div', { class: 'verdict-head' },
      h('span', { class: `label ${verdict?.label ?? 'pending'}`, id: verdict ? 'verdict-label' : null }, verdict?.label ?? '…'),
      gauge(verdict?.probability ?? null, verdict?.label),
      h('p', { class: 'verdict-summary' }, verdict
        ? [h('strong', { id: 'verdict-probability', dataset: { probability: verdict.probability } }, `P(HIT) ${percent(verdict.probability)}`),
          h('br'), `${verdict.hitVotes} of ${votes.length} models say HIT; P(HIT) is their calibrated combination.`]
        : [h('strong', {}, 'P(HIT) …'), h('br'), `Waiting for the ${votes.length} models to vote.`])),
    h('table', { id: verdict ? 'votes' : null },
      h('caption', { class: 'visually-hidden' }, 'Each model’s vote and probability of HIT'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Model'), h('th', { scope: 'col' }, 'Vote'), h('th', { scope: 'col', class: 'num' }, 'P(HIT)'))),
      h('tbody', {}, votes.map((vote) => (vote
        ? h('tr', { dataset: { model: vote.model, probability: vote.probability } },
          h('th', { scope: 'row' }, words(vote.model)),
          h('td', { class: `vote-${vote.label}` }, vote.label),
          h('td', { class: 'num' }, percent(vote.probability), ' ', probabilityBar(vote.probability)))
        : h('tr', {}, h('th', { scope: 'row', class: 'muted' }, '…'), h('td', { class: 'muted' }, '…'), h('td', { class: 'num muted' }, '…')))))),
    h('p', { class: 'small muted model-set' }, 'Model set ', h('code', {}, verdict?.modelSet ?? '…'), ', version ', h('code', {}, verdict?.modelVersion ?? '…')),
    h('p', { class: 'small trust' }, verdict ? trustSentence(verdict) : 'How far to trust it: said with the verdict.'),
    ...closestSongParts(verdict),
  ];
}

/** The honest sentence: the held-back AUC when the API gives it (proposed field `heldOutAuc`), else that it does not. */
function trustSentence(verdict) {
  const auc = verdict.heldOutAuc;
  if (auc && Number.isFinite(auc.value)) {
    return `How far to trust it: on artists the models never saw, this model set ranks a hit above a flop `
      + `${percent(auc.value, 0)} of the time (held-back ROC AUC ${trimmed(auc.value, 2)}`
      + `${Number.isFinite(auc.ci95Low) ? `, 95 % CI ${trimmed(auc.ci95Low, 2)}–${trimmed(auc.ci95High, 2)}` : ''}); 50 % would be a coin toss.`;
  }
  return `How far to trust it: the API does not report the held-back AUC of model set “${verdict.modelSet}” yet; `
    + 'the project’s training report has it. Read the verdict as a tendency, not a forecast.';
}

function gauge(probability, label) {
  const clamped = probability === null ? 0 : Math.min(1, Math.max(0, probability));
  const text = probability === null ? '–' : percent(probability, 0);
  return svg('svg', { class: 'gauge', viewBox: '0 0 180 104', role: 'img', 'aria-label': `P(HIT) gauge at ${text}; the middle mark is 50 %` },
    svg('path', { class: 'track', d: 'M 14 94 A 76 76 0 0 1 166 94', fill: 'none', 'stroke-width': '16' }),
    svg('path', { class: `fill-${label}`, d: 'M 14 94 A 76 76 0 0 1 166 94', fill: 'none', 'stroke-width': '16',
      pathLength: '100', 'stroke-dasharray': `${(clamped * 100).toFixed(2)} 100` }),
    svg('line', { class: 'tick', x1: '90', y1: '6', x2: '90', y2: '30', 'stroke-width': '2' }),
    svg('text', { x: '90', y: '90', 'text-anchor': 'middle' }, text));
}

function probabilityBar(probability) {
  const bar = h('span', { class: 'prob-bar', 'aria-hidden': 'true' });
  bar.style.width = `${(Math.min(1, Math.max(0, probability)) * 4).toFixed(2)}rem`;
  return bar;
}

/**
 * The explanation card of a verdict: its bars, or, while the explanation follows the verdict, one
 * empty bar per model input under "computing the reasons…", or, when they could not be computed,
 * those empty bars under why.
 */
function renderExplanation(explanationCard, verdict) {
  const pending = verdict.explanationPending === true;
  const unavailable = explanationUnavailableText(verdict);
  const parts = pending || unavailable ? explanationParts(Array.from({ length: inputCount(verdict.modelSet) }, () => null))
    : explanationParts(verdict.explanation ?? [], verdict);
  if (pending) { // in place of the note, so the card keeps the size it had while the job ran
    parts[0] = h('p', { class: 'small muted', id: 'explanation-pending', role: 'status' }, explanationPendingText(true));
  } else if (unavailable) {
    parts[0] = h('p', { class: 'small', id: 'explanation-unavailable', role: 'status' }, unavailable);
  }
  explanationCard.replaceChildren(h('h2', { id: 'explanation-title' }, 'What moved it'), ...parts);
}

/** The explanation's bars, strongest first; null items are empty bars of a running job. */
function explanationParts(explanation, verdict) {
  const known = explanation.filter(Boolean);
  const sorted = [...known].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const largest = Math.max(0.01, ...sorted.map((item) => Math.abs(item.contribution)));
  return [
    h('p', { class: 'small muted' }, explanationNote(verdict)),
    h('ol', { class: 'bars', id: known.length > 0 ? 'explanation-bars' : null },
      known.length === 0 ? explanation.map(() => h('li', {}, h('span', { class: 'name muted' }, '…', h('small', {}, '…'), h('small', {}, '…')),
        h('span', { class: 'axis', 'aria-hidden': 'true' }), h('span', { class: 'delta muted' }, '…')))
        : sorted.map((item) => {
          const bar = h('span', { class: `bar ${item.contribution >= 0 ? 'up' : 'down'}` });
          const half = (Math.abs(item.contribution) / largest) * 50;
          bar.style.width = `${half.toFixed(2)}%`;
          bar.style.left = item.contribution >= 0 ? '50%' : `${(50 - half).toFixed(2)}%`;
          return h('li', { dataset: { feature: item.feature, contribution: item.contribution } },
            h('span', { class: 'name' }, featureSpec(item.feature)?.label ?? words(item.feature),
              h('small', {}, `value ${featureValue(item.feature, item.value)}`),
              h('small', {}, `baseline ${featureValue(item.feature, item.baseline)}`)),
            h('span', { class: 'axis', 'aria-hidden': 'true' }, bar),
            h('span', { class: 'delta' }, signedPoints(item.contribution)));
        })),
  ];
}

/**
 * The closest training songs in a small table, when the verdict carries them; without a verdict
 * (the job still runs) the same table with empty rows, so nothing below moves when it comes. One
 * line per song (long names are cut with an ellipsis), so the table's height never depends on them.
 */
function closestSongParts(verdict) {
  const rows = verdict ? closestSongRows(verdict) : Array.from({ length: CLOSEST_SONGS }, () => null);
  if (rows.length === 0) {
    return [];
  }
  return [
    h('h3', {}, 'Closest songs the models learned from'),
    h('div', { class: 'table-wrap' }, h('table', { id: verdict ? 'closest-songs' : null, class: 'small closest-songs' },
      h('caption', { class: 'visually-hidden' }, 'The training songs nearest to this one, nearest first'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'song' }, 'Song'), h('th', { scope: 'col' }, 'Decade'),
        h('th', { scope: 'col' }, 'Charted'), h('th', { scope: 'col', class: 'num distance' }, 'Distance'))),
      h('tbody', {}, rows.map((row) => (row
        ? h('tr', { dataset: { label: row.label } },
          h('th', { scope: 'row', class: 'song', title: `${row.artist} – ${row.title}` }, `${row.artist} – ${row.title}`),
          h('td', {}, row.decade), h('td', { class: `vote-${row.label}` }, row.label), h('td', { class: 'num' }, row.distance))
        : h('tr', {}, h('th', { scope: 'row', class: 'song muted' }, '…'), h('td', { class: 'muted' }, '…'),
          h('td', { class: 'muted' }, '…'), h('td', { class: 'num muted' }, '…'))))))),
  ];
}

function dnaParts(job, signal) {
  const features = job.features ?? {};
  if (!job.dna) {
    return [h('p', { class: 'muted' }, 'Submitted as Spotify features: there was no audio to measure. The submitted values:'),
      figures(Object.entries(features).map(([name, value]) => [featureSpec(name)?.label ?? words(name), featureValue(name, value)]))];
  }
  const descriptors = job.descriptors ?? {};
  const rate = descriptors.analysis_sample_rate_hz ?? DEFAULT_ANALYSIS_RATE_HZ;
  const spectrogram = spectrogramChart(job.dna, rate);
  const loudness = loudnessChart(job.dna.loudnessPerSecond, features.loudness, descriptors.loudness_range_lu);
  const chroma = chromaChart(job.dna.chroma, features.key, features.mode, descriptors.key_confidence);
  spectrogram.element.id = 'spectrogram';
  loudness.element.id = 'loudness';
  chroma.element.id = 'chroma';
  const known = [
    ['Tempo', `${trimmed(features.tempo, 1)} BPM`],
    ['Key', keyName(features.key, features.mode)],
    ['Duration', clock(features.duration_ms / 1000)],
    ['Integrated loudness', `${trimmed(features.loudness, 1)} LUFS`],
  ];
  const described = Object.entries(descriptors).map(([name, value]) => {
    const [label, unit] = DESCRIPTORS[name] ?? [words(name), ''];
    return [label, `${trimmed(value, 3)}${unit ? ` ${unit}` : ''}`];
  });
  return [
    h('p', { class: 'small muted' }, 'Mel spectrogram: time across, pitch up, colour = level. Ticks on the top and bottom edges mark the beats.'),
    spectrogram.element,
    player(job.id, [[spectrogram, thumbnailSeconds(job.dna)], [loudness, job.dna.loudnessPerSecond.length]], signal),
    h('div', { class: 'charts-row' },
      h('figure', { class: 'chart-figure' }, chroma.element,
        h('figcaption', { class: 'chart-caption' }, 'Mean energy of each pitch class; the detected key’s tonic in blue.')),
      h('figure', { class: 'chart-figure' }, loudness.element,
        h('figcaption', { class: 'chart-caption' },
          `Momentary loudness per second. Dashed: integrated loudness ${trimmed(features.loudness, 1)} LUFS. `
          + `Band: loudness range (EBU 3342) ${trimmed(descriptors.loudness_range_lu, 1)} LU, from the 10th percentile of the gated seconds.`))),
    h('h3', {}, 'Measured'),
    figures([...known, ...described]),
  ];
}

function figures(pairs) {
  return h('dl', { class: 'figures' }, pairs.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}

/** Plays the song from this browser's own file (never fetched again), moving a cursor over the charts. */
function player(jobId, charts, signal) {
  const file = submittedFiles.of(jobId);
  if (!file) {
    return h('p', { class: 'small muted player' }, 'Play-back is offered in the browser tab that uploaded the file.');
  }
  const url = URL.createObjectURL(file);
  signal.addEventListener('abort', () => URL.revokeObjectURL(url), { once: true });
  const audio = h('audio', { controls: true, preload: 'metadata', src: url, 'aria-label': `Play ${file.name}` });
  let frame = 0;
  const follow = () => {
    for (const [chart, seconds] of charts) {
      chart.cursorAt(Math.min(1, audio.currentTime / seconds));
    }
    frame = audio.paused ? 0 : requestAnimationFrame(follow);
  };
  audio.addEventListener('play', () => { frame = requestAnimationFrame(follow); });
  audio.addEventListener('seeked', follow);
  audio.addEventListener('ended', () => {
    cancelAnimationFrame(frame);
    charts.forEach(([chart]) => chart.cursorAt(null));
  });
  return h('div', { class: 'player' }, audio, h('span', { class: 'small muted' }, file.name));
}
