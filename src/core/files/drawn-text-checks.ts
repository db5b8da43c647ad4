/**
 * The legibility rules on text as drawn (`wallrun check`): given what the page reports it draws
 * (src/core/wall/legibility.ts DrawnText) for one layout, errors for text under the wall's legible
 * minimum, text overlapping other text, and text cut by its tile. Pure: the CLI renders and reads
 * the report (src/cli/check.ts); these rules only judge it.
 */
import type { Diagnostic } from './diagnostics.js';
import { legibleMinimum, type DrawnText } from '../wall/legibility.js';
import { intersectRect } from '../wall/rect.js';
import type { Layout, Rect, Wall } from '../wall/model.js';
import { diagnosticAt, type YamlFile } from './yaml-position.js';

/** Reported numbers are rounded to 0.01 px; this keeps an exact fit a fit. */
const ROUNDING = 0.02;
/**
 * Boxes are line boxes (ascent + descent), not ink: two lines set one under the other may share a
 * pixel of leading without any letter touching, so an overlap counts from this many px each way.
 */
const OVERLAP_PX = 1;
/** Texts longer than this are shortened in messages. */
const QUOTE_CHARS = 40;

export const DRAWN_TEXT_CODES = {
  tooSmall: 'drawn-text-too-small',
  overlap: 'drawn-text-overlap',
  cut: 'drawn-text-cut',
} as const;

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return `"${flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1).trimEnd()}…` : flat}"`;
}

const n1 = (v: number): string => String(Number(v.toFixed(1)));

function boxText(r: Rect): string {
  return `${n1(r.x)},${n1(r.y)} ${n1(r.width)}×${n1(r.height)}`;
}

/** How far `box` reaches past `rect` on each side, the sides it does. */
function overhang(box: Rect, rect: Rect): string[] {
  const sides: [string, number][] = [
    ['left', rect.x - box.x],
    ['top', rect.y - box.y],
    ['right', box.x + box.width - (rect.x + rect.width)],
    ['bottom', box.y + box.height - (rect.y + rect.height)],
  ];
  return sides.filter(([, by]) => by > ROUNDING).map(([side, by]) => `${n1(by)} px ${side}`);
}

/** Diagnostics of the drawn-text rules for one layout, each at its tile in the layout's file. */
export function checkDrawnTexts(yaml: YamlFile, wall: Wall, layout: Layout, texts: readonly DrawnText[]): Diagnostic[] {
  const index = new Map(layout.tiles.map((t, i) => [t.id, i]));
  const at = (text: DrawnText, code: string, message: string): Diagnostic => {
    const i = index.get(text.tile);
    const path = i === undefined ? ['tiles'] : ['tiles', i];
    return diagnosticAt(yaml, path, code, `layout ${layout.id}, tile ${text.tile}: ${quote(text.text)} ${message}`);
  };
  const min = legibleMinimum(wall);
  const out: Diagnostic[] = [];

  for (const t of texts) {
    if (t.capHeightPx >= min.capHeightPx - ROUNDING) continue;
    out.push(
      at(
        t,
        DRAWN_TEXT_CODES.tooSmall,
        `has capitals ${n1(t.capHeightPx)} px high (${n1(t.capHeightMm)} mm on the panel, font ${n1(t.fontSizePx)} px), ` +
          `under the ${n1(min.capHeightMm)} mm (${n1(min.capHeightPx)} px) legible from ${wall.viewingDistanceM} m ` +
          `(viewing distance / legibilityRatio ${wall.legibilityRatio})`,
      ),
    );
  }

  texts.forEach((a, i) => {
    for (const b of texts.slice(i + 1)) {
      const both = intersectRect(a.box, b.box);
      if (!both || both.width <= OVERLAP_PX || both.height <= OVERLAP_PX) continue;
      const where = a.tile === b.tile ? '' : ` of tile ${b.tile}`;
      out.push(
        at(a, DRAWN_TEXT_CODES.overlap, `overlaps ${quote(b.text)}${where} by ${n1(both.width)} × ${n1(both.height)} px (at ${boxText(both)})`),
      );
    }
  });

  for (const t of texts) {
    const sides = overhang(t.box, t.tileRect);
    if (sides.length === 0) continue;
    out.push(
      at(t, DRAWN_TEXT_CODES.cut, `is cut by its tile: it reaches past it by ${sides.join(', ')} (text ${boxText(t.box)}, tile ${boxText(t.tileRect)})`),
    );
  }
  return out;
}
