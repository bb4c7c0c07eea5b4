import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** WCAG 2.2 relative luminance and contrast ratio of #rrggbb colours. */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const css = readFileSync(new URL('../../main/resources/dashboard/css/dashboard.css', import.meta.url), 'utf8');
const palette = Object.fromEntries([...css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6});/gi)].map(([, name, value]) => [name, value]));

test('the contrast formula gives the known extremes', () => {
  assert.equal(contrast('#000000', '#ffffff'), 21);
  assert.equal(contrast('#777777', '#777777'), 1);
});

test('every text colour the page uses reaches 4.5:1 (WCAG AA) on the backgrounds it is shown on', () => {
  const pairs = [
    ...['text', 'muted', 'accent', 'hit', 'flop'].flatMap((text) => [[text, 'surface'], [text, 'bg']]),
    ['text', 'selected-bg'], ['text', 'problem-bg'], ['flop', 'problem-bg'], ['muted', 'problem-bg'],
    ['accent-text', 'accent'], ['warn-text', 'warn-bg'],
  ];
  for (const [text, background] of pairs) {
    assert.ok(palette[text] && palette[background], `--${text} and --${background} are defined`);
    const ratio = contrast(palette[text], palette[background]);
    assert.ok(ratio >= 4.5, `--${text} on --${background}: ${ratio.toFixed(2)}:1`);
  }
});

test('the focus ring and input borders stand out from the surface (3:1, WCAG non-text contrast)', () => {
  assert.ok(contrast(palette.focus, palette.surface) >= 3);
  assert.ok(contrast(palette.muted, palette.surface) >= 3);
});
