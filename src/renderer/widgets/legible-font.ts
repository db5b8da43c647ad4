/**
 * The smallest font size a widget may draw on this wall, from the wall's legible cap height
 * (core/wall/legibility.ts: viewing distance / legibilityRatio), and a one-line fit that shortens
 * text rather than shrinking it: widgets lay themselves out to the minimum, never under it.
 */
import type { Text } from 'pixi.js';
import type { Wall } from '../../core/wall/model.js';
import { CAP_HEIGHT_RATIO, legibleMinimum } from '../../core/wall/legibility.js';

/** Font size (wall px) whose capitals are the wall's legible minimum; a prop below it is raised to it. */
export function minFontPx(wall: Wall): number {
  return Math.ceil(legibleMinimum(wall).capHeightPx / CAP_HEIGHT_RATIO);
}

/** A declared font size, never under the wall's minimum. */
export function legibleFontPx(wall: Wall, declared: unknown, fallback = minFontPx(wall)): number {
  const min = minFontPx(wall);
  return Math.max(min, typeof declared === 'number' && Number.isFinite(declared) ? declared : fallback);
}

/**
 * Sets `text` to the first of `candidates` (fullest first) that fits `maxWidth` on one line, else
 * the last one shortened with an ellipsis; '' when not even one character and the ellipsis fit.
 */
export function fitLine(text: Text, candidates: readonly string[], maxWidth: number): string {
  text.style.wordWrap = false;
  for (const c of candidates) {
    text.text = c;
    if (text.width <= maxWidth) return c;
  }
  const last = candidates[candidates.length - 1] ?? '';
  let lo = 0;
  let hi = last.length - 1;
  let best = '';
  while (lo <= hi) {
    const n = (lo + hi) >> 1;
    text.text = `${last.slice(0, n).trimEnd()}…`;
    if (n > 0 && text.width <= maxWidth) {
      best = text.text;
      lo = n + 1;
    } else hi = n - 1;
  }
  text.text = best;
  return best;
}
