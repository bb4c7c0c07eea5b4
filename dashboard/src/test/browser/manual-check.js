/**
 * The manual check in real headless Chromium. Drives the page the way a person would (upload
 * through the file input, a feature vector, an API key, the keyboard alone), compares what it
 * shows with the job's JSON, measures first paint and layout shift, and writes screenshots under
 * dashboard/target/manual-check/ (quantised to 128 colours by ffmpeg, a third of the size).
 *
 * Against the recorded jobs (the fixture server, started here). The same checks against the real
 * stack are e2e-tests' DashboardBrowserIT (Selenium, run by CI).
 *
 * Not part of the build: it needs playwright-core from npm (kept out of the repository) and
 * Debian's chromium.
 *
 *   npm install --prefix /tmp/pw playwright-core
 *   PLAYWRIGHT_CORE=/tmp/pw/node_modules/playwright-core/index.mjs node src/test/browser/manual-check.js
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import assert from 'node:assert/strict';
import { decodeThumbnail } from '../../main/resources/dashboard/js/dna.js';
import { levelColours } from '../../main/resources/dashboard/js/scales.js';

const { chromium } = await import(process.env.PLAYWRIGHT_CORE ?? 'playwright-core');
const { values: options } = parseArgs({ options: { port: { type: 'string', default: '18695' } } });
const here = fileURLToPath(new URL('.', import.meta.url));
// the committed screenshots under docs/ come from the real stack (DashboardBrowserIT); these stay in target/
const docs = join(here, '../../../target/manual-check');
mkdirSync(docs, { recursive: true });
const fixture = (name) => JSON.parse(readFileSync(join(here, '../fixtures', name), 'utf8'));
const song = fixture('job-done-song.json');
const failed = fixture('job-failed-not-music.json');
const API_KEY = 's3cret-key';

const servers = [];
async function startServer(port, ...extra) {
  const server = spawn(process.execPath, [join(here, '../server/fixture-server.js'), '--port', String(port), '--step-ms', '300', ...extra],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(server);
  await new Promise((resolve) => server.stdout.once('data', resolve));
  return `http://127.0.0.1:${port}`;
}

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push(`ok   ${name}`);
  } catch (error) {
    results.push(`FAIL ${name}: ${error.message.split('\n')[0]}`);
  }
}

/** A full-page screenshot, shrunk to a 128-colour PNG so the repository stays small. */
async function screenshot(page, name) {
  const path = join(docs, name);
  await page.screenshot({ path, fullPage: true });
  const shrunk = `${path}.tmp.png`;
  const ffmpeg = spawnSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', path,
    '-vf', 'split[a][b];[a]palettegen=max_colors=128[p];[b][p]paletteuse=dither=none', shrunk]);
  if (ffmpeg.status === 0) {
    renameSync(shrunk, path);
  }
}

function watchConsole(page) {
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(`${message.text()} ${message.location().url ?? ''}`));
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Uploads `file` through the file input and waits for the job view's verdict; records what happened on the way. */
async function uploadAndWait(page, base, file, timeout) {
  await page.goto(`${base}/`);
  await page.setInputFiles('#file-input', file);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout });
  await page.waitForSelector('.timeline li');
  const boxesWhileRunning = await cardTops(page);
  const modes = new Set();
  const seenStates = new Set();
  const deadline = Date.now() + timeout;
  while (!(await page.$('#verdict-label, #verdict .problem')) && Date.now() < deadline) {
    modes.add(await page.textContent('.live-mode'));
    for (const state of await page.$$eval('.timeline li', (items) => items.map((li) => `${li.dataset.step}:${li.dataset.state}`))) {
      seenStates.add(state);
    }
    await page.waitForTimeout(100);
  }
  await page.waitForSelector('#verdict-label', { timeout: 1000 });
  await page.waitForTimeout(300); // the ResizeObserver draws the charts on the next frame
  return { id: page.url().split('/').at(-1), modes, seenStates, boxesWhileRunning, boxesDone: await cardTops(page) };
}

function cardTops(page) {
  return page.$$eval('#verdict, #explanation, #dna', (cards) => cards.map((card) => Math.round(card.getBoundingClientRect().top)));
}

/** What every DONE job view must show of its job's JSON. */
async function checkDoneJob(page, job, label) {
  await check(`${label}: the label and P(HIT) equal the API's verdict`, async () => {
    assert.equal(await page.textContent('#verdict-label'), job.verdict.label);
    assert.equal(Number(await page.getAttribute('#verdict-probability', 'data-probability')), job.verdict.probability);
  });
  await check(`${label}: the five votes equal the API's`, async () => {
    const rows = await page.$$eval('#votes tbody tr', (trs) => trs.map((tr) => [tr.dataset.model, Number(tr.dataset.probability), tr.children[1].textContent]));
    assert.deepEqual(rows, job.verdict.votes.map((vote) => [vote.model, vote.probability, vote.label]));
  });
  await check(`${label}: one explanation bar per model input`, async () => {
    assert.equal(await page.$$eval('#explanation-bars li', (items) => items.length), Object.keys(job.features).length);
  });
  await check(`${label}: spectrogram pixels are the thumbnail's levels in viridis`, async () => {
    const thumbnail = decodeThumbnail(job.dna);
    const colours = levelColours();
    const cells = [[0, 0], [10, 40], [32, Math.floor(thumbnail.columns / 2)], [50, thumbnail.columns - 20], [63, thumbnail.columns - 1]];
    const sampled = await page.$eval('#spectrogram canvas', (canvas, { cells, bands, columns }) => {
      const { plotLeft, plotTop, plotWidth, plotHeight } = canvas.dataset;
      const ratio = canvas.width / canvas.clientWidth;
      const context = canvas.getContext('2d');
      return cells.map(([band, column]) => {
        const x = (Number(plotLeft) + ((column + 0.5) / columns) * Number(plotWidth)) * ratio;
        const y = (Number(plotTop) + ((bands - band - 0.5) / bands) * Number(plotHeight)) * ratio;
        return [...context.getImageData(Math.floor(x), Math.floor(y), 1, 1).data].slice(0, 3);
      });
    }, { cells, bands: thumbnail.bands, columns: thumbnail.columns });
    cells.forEach(([band, column], i) => {
      const level = thumbnail.level(band, column);
      assert.deepEqual(sampled[i], [...colours.subarray(level * 4, level * 4 + 3)], `band ${band}, column ${column}, level ${level}`);
    });
  });
  await check(`${label}: the file played back is the one this browser uploaded`, async () => {
    assert.match(await page.getAttribute('.player audio', 'src'), /^blob:/);
  });
}

function checkLiveRun(run, label, expectLive) {
  return check(`${label}: the job view ${expectLive ? 'followed the event stream live' : 'polled'}, each step appeared, nothing moved`, () => {
    assert.ok([...run.modes].some((text) => text.startsWith(expectLive ? 'Live' : 'Checking')), [...run.modes].join(' | '));
    assert.ok(run.seenStates.has('DONE:current') || run.seenStates.has('FEATURES_READY:current'), [...run.seenStates].join(' '));
    assert.deepEqual(run.boxesDone, run.boxesWhileRunning, `card tops (px) while running ${run.boxesWhileRunning} vs. DONE ${run.boxesDone}`);
  });
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const base = await startServer(options.port);
  const cold = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await cold.goto(`${base}/`, { waitUntil: 'load' });
  const paint = await cold.evaluate(() => performance.getEntriesByType('paint').map((entry) => [entry.name, Math.round(entry.startTime)]));
  console.log('paint timings (ms):', JSON.stringify(paint));
  await cold.close();

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchConsole(page);
  const audio = join(mkdtempSync(join(tmpdir(), 'dashboard-')), song.sourceName);
  writeFileSync(audio, Buffer.alloc(4096)); // the fixture server does not decode it; the page only uploads and keeps it
  const run = await uploadAndWait(page, base, audio, 15000);
  await checkLiveRun(run, 'fixtures', true);
  await checkDoneJob(page, song, 'fixtures');
  await screenshot(page, 'dashboard-job-desktop.png');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(300);
  await check('no horizontal scrolling at 375 px', async () => {
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'the page is wider than the window');
  });
  await screenshot(page, 'dashboard-job-375.png');

  const phoneRun = await uploadAndWait(page, base, audio, 15000);
  await checkLiveRun(phoneRun, 'fixtures at 375 px', true);

  await page.goto(`${base}/jobs/${failed.id}`);
  await page.waitForSelector('#verdict .problem');
  await check('a FAILED job shows its problem type, title, detail and advice', async () => {
    const text = await page.textContent('#verdict .problem');
    for (const part of ['not-music', failed.failure.title, failed.failure.detail, 'What you can do']) {
      assert.ok(text.includes(part), `missing “${part}”`);
    }
  });

  await page.goto(`${base}/`);
  await check('a file dropped on the drop zone is taken as the file to upload', async () => {
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(1000)], 'dropped.wav', { type: 'audio/wav' }));
      return transfer;
    });
    await page.dispatchEvent('.drop-zone', 'dragover', { dataTransfer });
    await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer });
    assert.match(await page.textContent('#file-chosen'), /dropped\.wav/);
    assert.equal(await page.$eval('#file-input', (input) => input.files[0]?.name), 'dropped.wav');
  });
  await page.check('input[name="mode"][value="link"]');
  await page.fill('#link-input', 'ftp://example.com/song.mp3');
  await page.click('button[type="submit"]');
  await check('a link that is not http(s) is refused before anything is sent', async () => {
    assert.equal(await page.textContent('#link-error'), 'must be an http(s) URL');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'link-input');
  });
  await page.check('input[name="mode"][value="features"]');
  await page.click('text=Fill in an example');
  await page.fill('#feature-danceability', '1.72');
  await page.fill('#feature-key', '5.5');
  await page.click('button[type="submit"]');
  await check('an invalid vector is marked field by field before anything is sent', async () => {
    assert.equal(await page.textContent('#feature-danceability-error'), 'must be between 0 and 1 0..1, was 1.72');
    assert.equal(await page.textContent('#feature-key-error'), 'must be a whole number, was 5.5');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'feature-danceability');
  });
  await screenshot(page, 'dashboard-submit-375.png');
  await page.click('text=Fill in an example');
  await page.dblclick('button[type="submit"]');
  await check('a valid vector makes a job whose view lists the submitted features instead of DNA', async () => {
    await page.waitForSelector('#verdict-label');
    await page.waitForSelector('#dna .figures');
    assert.match(await page.textContent('#dna'), /Spotify features/);
    assert.equal(await page.getAttribute('.timeline li[data-step="AUDIO_READY"]', 'data-state'), 'skipped');
  });

  await check('a double click sends one submission, with an Idempotency-Key', async () => {
    const keys = await (await fetch(`${base}/__submissions`)).json();
    assert.equal(keys.length, 3, keys.join()); // the two uploads above, then the vector
    assert.match(keys[2], /^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/);
    assert.equal(new Set(keys).size, 3);
  });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${base}/jobs`);
  await page.selectOption('#status-filter', 'FAILED');
  await check('the status filter lists only that status, in the URL too, and a row opens its job', async () => {
    await page.waitForURL('**/jobs?status=FAILED');
    await page.waitForSelector('table tbody tr');
    const statuses = await page.$$eval('table tbody tr td.status', (cells) => cells.map((cell) => cell.textContent));
    assert.deepEqual(statuses, ['FAILED']);
    await page.click('table tbody tr a');
    await page.waitForURL(`**/jobs/${failed.id}`);
    await page.waitForSelector('#verdict .problem');
    await page.goBack();
    await page.waitForSelector('table tbody tr');
    assert.equal(await page.inputValue('#status-filter'), 'FAILED');
  });

  await page.goto(`${base}/`);
  await page.check('input[name="mode"][value="features"]');
  const controls = await page.$$eval('a[href], button, input, select', (elements) => elements
    .filter((element) => !element.closest('dialog') && element.getClientRects().length > 0)
    .filter((element) => !(element.type === 'radio' && !element.checked))
    .map((element) => element.id || element.name || element.textContent.trim()));
  const reached = new Set();
  for (let press = 0; press < controls.length + 10; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      return { key: element.id || element.name || element.textContent.trim(), ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (focused.ring) {
      reached.add(focused.key);
    }
  }
  await check('Tab reaches every control of the submit view, each with a visible focus ring', () => {
    assert.deepEqual(controls.filter((control) => !reached.has(control)), []);
  });
  await check('no errors in the console', () => assert.deepEqual(errors, []));

  const keyed = await startServer(Number(options.port) + 1, '--api-key', API_KEY);
  const keyPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await keyPage.goto(`${keyed}/jobs`);
  await check('with API keys on, a 401 shows its problem and asks for the key; the key then opens the list', async () => {
    await keyPage.waitForSelector('.problem[data-problem-type="unauthorized"]');
    await keyPage.waitForSelector('#api-key-dialog[open]');
    await keyPage.fill('#api-key-input', API_KEY);
    await keyPage.press('#api-key-input', 'Enter');
    await keyPage.waitForSelector('table tbody tr');
    assert.equal(await keyPage.evaluate(() => sessionStorage.getItem('hitorflop.apiKey')), API_KEY);
    assert.equal(await keyPage.evaluate(() => localStorage.length), 0);
  });
  results.forEach((line) => console.log(line));
  process.exitCode = results.some((line) => line.startsWith('FAIL')) ? 1 : 0;
} finally {
  await browser.close();
  servers.forEach((server) => server.kill());
}
