/**
 * What the job view says about a verdict's reasons, without the DOM: the sentence above the
 * explanation bars (Shapley values since verdict schema 2, occlusion differences before) and the
 * rows of the closest training songs.
 */
import { percent, trimmed } from './format.js';

/** The sentence that says what a bar means, for the verdict's kind of explanation (none yet: a running job). */
export function explanationNote(verdict) {
  if (!verdict) {
    return 'Each bar: how much the feature moves P(HIT) away from the typical song’s; the bars add up to the difference.';
  }
  const baseline = verdict.explanationBaseline;
  if (Number.isFinite(baseline)) {
    return `Each bar: the feature’s Shapley value, its share of the move from the typical song’s P(HIT) `
      + `${percent(baseline)} (the mean over the model set’s background songs) to this song’s `
      + `${percent(verdict.probability)}; the bars add up to the difference. Green pushes towards HIT, red towards FLOP.`;
  }
  return 'Each bar: how much P(HIT) changes when the feature’s value replaces the training baseline. Green pushes towards HIT, red towards FLOP.';
}

/**
 * What the explanation card says while the verdict's reasons follow it: they are being computed,
 * or (`stillComing` false) the page stopped waiting for them.
 */
export function explanationPendingText(stillComing) {
  return stillComing
    ? 'Computing the reasons… they follow the verdict.'
    : 'The reasons are not ready yet: reload this page in a minute.';
}

/**
 * What the explanation card says when the verdict's reasons could not be computed (the verdict's
 * `explanationUnavailable` problem), or null when they were, or still may be.
 */
export function explanationUnavailableText(verdict) {
  const problem = verdict?.explanationUnavailable;
  if (!problem) {
    return null;
  }
  return problem.detail ? `The reasons could not be computed: ${problem.detail}` : 'The reasons could not be computed.';
}

/** The closest training songs as table rows, nearest first; empty for verdicts that do not carry them. */
export function closestSongRows(verdict) {
  return [...(verdict?.closestSongs ?? [])]
    .sort((a, b) => a.distance - b.distance)
    .map((song) => ({
      title: song.title,
      artist: song.artist,
      decade: song.decade,
      label: song.label,
      distance: trimmed(song.distance, 2),
    }));
}
