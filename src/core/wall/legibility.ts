/**
 * Legibility as arithmetic (../shared/DESIGN.md): the smallest character height a viewer reads at
 * the wall's viewing distance, and what the page reports about every text it draws, so that the
 * check compares what is drawn, not what a layout declares.
 */
import { wallPitchMm } from './geometry.js';
import type { Rect, Wall } from './model.js';

/**
 * Height of a capital letter as a share of the font size for Be Vietnam Pro, the bundled font: its
 * OS/2 sCapHeight is 740 of 1000 units in every weight the wall bundles (the "about 0.7").
 * A test measures drawn capitals against it (test/e2e/text-report.test.ts).
 */
export const CAP_HEIGHT_RATIO = 0.74;

/** One text as the scene draws it, in wall px (the text's world scale applied). */
export interface DrawnText {
  text: string;
  /** The font size the text is styled with, times its vertical scale in the wall. */
  fontSizePx: number;
  /** Height of a capital letter as drawn: fontSizePx × CAP_HEIGHT_RATIO. */
  capHeightPx: number;
  /** The same on the panel: capHeightPx × the panel's mm per px (vertical). */
  capHeightMm: number;
  /** Id of the tile that draws it. */
  tile: string;
  /** Its tile's rect, as placed now (degraded mode may have moved it). */
  tileRect: Rect;
  /**
   * The text's box (line box, not ink) in wall px, cut to any mask inside the tile that clips it
   * (a ticker's scrolling band); the tile's own clip is left out, so a box past the tile shows it.
   */
  box: Rect;
  /** A mask inside the tile (not the tile's own clip) cut the box: the widget scrolls or crops on purpose. */
  masked?: boolean;
  /** The screen holding the centre of the box; null on no screen (between panels). */
  screen: string | null;
}

/** The smallest legible character height on this wall: viewing distance / legibilityRatio. */
export interface LegibleMinimum {
  capHeightMm: number;
  /** The same in wall px of the grid panel (its vertical pitch). */
  capHeightPx: number;
  /** The grid panel's vertical mm per wall px. */
  mmPerPx: number;
}

export function legibleMinimum(wall: Pick<Wall, 'viewingDistanceM' | 'legibilityRatio' | 'grid'>): LegibleMinimum {
  const mmPerPx = wallPitchMm(wall).height;
  const capHeightMm = (wall.viewingDistanceM * 1000) / wall.legibilityRatio;
  return { capHeightMm, capHeightPx: capHeightMm / mmPerPx, mmPerPx };
}

/** The cap height of a font size, in wall px. */
export function capHeightOf(fontSizePx: number): number {
  return fontSizePx * CAP_HEIGHT_RATIO;
}
