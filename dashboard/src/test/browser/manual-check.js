/**
 * The manual check in real headless Chromium, against the fixture server: drives the page the
 * way a person would (upload through the file input, a feature vector, the keyboard alone),
 * compares what it shows with the recorded jobs, measures first paint, and writes the
 * screenshots under docs/ (quantised to 128 colours by ffmpeg, a third of the size). Not part of the build: it needs playwright-core from npm (kept out of
 * the repository) and Debian's chromium.
 *
 *   npm install --prefix /tmp/pw playwright-core
 *   PLAYWRIGHT_CORE=/tmp/pw/node_modules/playwright-core/index.mjs node src/test/browser/manual-check.js
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { decodeThumbnail } from '../../main/resources/dashboard/js/dna.js';
import { levelColours } from '../../main/resources/dashboard/js/scales.js';

const { chromium } = await import(process.env.PLAYWRIGHT_CORE ?? 'playwright-core');
const here = fileURLToPath(new URL('.', import.meta.url));
const docs = join(here, '../../../../docs');
const port = process.env.PORT ?? '18695';
const base = `http://127.0.0.1:${port}`;
const song = JSON.parse(readFileSync(join(here, '../fixtures/job-done-song.json'), 'utf8'));
const failed = JSON.parse(readFileSync(join(here, '../fixtures/job-failed-not-music.json'), 'utf8'));

const server = spawn(process.execPath, [join(here, '../server/fixture-server.js'), '--port', port, '--step-ms', '300'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const results = [];
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

async function check(name, fn) {
  try {
    await fn();
    results.push(`ok   ${name}`);
  } catch (error) {
    results.push(`FAIL ${name}: ${error.message}`);
  }
}

try {
  // first paint of the submit view, from a cold browser context
  const cold = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await cold.goto(`${base}/`, { waitUntil: 'load' });
  const paint = await cold.evaluate(() => performance.getEntriesByType('paint').map((entry) => [entry.name, Math.round(entry.startTime)]));
  console.log('paint timings (ms):', JSON.stringify(paint));
  await cold.close();

  // upload through the file input; the job view follows the (fixture) event stream live
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(`${base}/`);
  const audio = join(mkdtempSync(join(tmpdir(), 'dashboard-')), song.sourceName);
  writeFileSync(audio, Buffer.alloc(4096)); // the fixture server does not decode it; the page only uploads and keeps it
  await page.setInputFiles('#file-input', audio);
  const modes = [];
  await page.exposeFunction('recordMode', (text) => modes.push(text));
  await page.evaluate(() => new MutationObserver(() => window.recordMode(document.querySelector('.live-mode')?.textContent ?? ''))
    .observe(document.body, { subtree: true, childList: true, characterData: true }));
  await page.click('button[type="submit"]');
  await page.waitForURL(`**/jobs/${song.id}`);
  await page.waitForSelector('#verdict-label', { timeout: 15000 });
  await page.waitForTimeout(300); // let the ResizeObserver draw the charts
  await check('the job view followed the event stream live', () => assert.ok(modes.some((text) => text.startsWith('Live')), modes.join(' | ')));
  await check('the label and P(HIT) equal the API\'s verdict', async () => {
    assert.equal(await page.textContent('#verdict-label'), song.verdict.label);
    assert.equal(Number(await page.getAttribute('#verdict-probability', 'data-probability')), song.verdict.probability);
  });
  await check('the five votes equal the API\'s', async () => {
    const rows = await page.$$eval('#votes tbody tr', (trs) => trs.map((tr) => [tr.dataset.model, Number(tr.dataset.probability), tr.children[1].textContent]));
    assert.deepEqual(rows, song.verdict.votes.map((vote) => [vote.model, vote.probability, vote.label]));
  });
  await check('one explanation bar per model input', async () => {
    assert.equal(await page.$$eval('#explanation-bars li', (items) => items.length), Object.keys(song.features).length);
  });
  await check('spectrogram pixels are the thumbnail\'s levels in viridis', async () => {
    const thumbnail = decodeThumbnail(song.dna);
    const colours = levelColours();
    const cells = [[0, 0], [10, 40], [32, 120], [50, 200], [63, thumbnail.columns - 1]];
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
  await check('the file played back is the one this browser uploaded', async () => {
    assert.match(await page.getAttribute('.player audio', 'src'), /^blob:/);
  });
  await screenshot(page, 'dashboard-job-desktop.png');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(300);
  await check('no horizontal scrolling at 375 px', async () => {
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'the page is wider than the window');
  });
  await screenshot(page, 'dashboard-job-375.png');

  // a failed job: its problem and what to do
  await page.goto(`${base}/jobs/${failed.id}`);
  await page.waitForSelector('#verdict .problem');
  await check('a FAILED job shows its problem type, title, detail and advice', async () => {
    const text = await page.textContent('#verdict .problem');
    for (const part of ['not-music', failed.failure.title, failed.failure.detail, 'What you can do']) {
      assert.ok(text.includes(part), `missing “${part}”`);
    }
  });

  // the features form: client-side refusal in the server's words, then the server's own problem
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${base}/`);
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

  // keyboard only: Tab reaches every control of the submit view, each with a visible focus ring
  await page.goto(`${base}/`);
  await page.check('input[name="mode"][value="features"]');
  const controls = await page.$$eval('a[href], button, input, select', (elements) => elements
    .filter((element) => element.offsetParent !== null || element.closest('dialog') === null && element.getClientRects().length > 0)
    .filter((element) => !element.closest('dialog') && !(element.type === 'radio' && !element.checked))
    .map((element) => element.id || element.name || element.textContent.trim()));
  const reached = new Set();
  await page.evaluate(() => document.activeElement?.blur());
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
    const missed = controls.filter((control) => !reached.has(control));
    assert.deepEqual(missed, []);
  });
  await check('no errors in the console', () => assert.deepEqual(consoleErrors, []));
  results.forEach((line) => console.log(line));
  process.exitCode = results.some((line) => line.startsWith('FAIL')) ? 1 : 0;
} finally {
  await browser.close();
  server.kill();
}
