import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import { checkDrawnTexts } from './drawn-text-checks.js';
import { analyseLayout } from './validate.js';
import { CAP_HEIGHT_RATIO, legibleMinimum, type DrawnText } from '../wall/legibility.js';
import type { Rect, Wall } from '../wall/model.js';
import { makeWall } from '../../../test/support/wall-fixtures.js';

const enc = new TextEncoder();
const TILE_A: Rect = { x: 3, y: 3, width: 960, height: 540 };
const TILE_B: Rect = { x: 963, y: 3, width: 960, height: 540 };

/** Tiles a (line 5) and b (line 6) side by side on makeWall()'s r1c1 (0.63 mm/px; 5 m / 250 = 20 mm ≈ 31.7 px). */
function check(texts: DrawnText[], wall: Wall = makeWall()): string[] {
  const source = `id: overview
title: { vi: "Tổng quan", en: "Overview" }
theme: dark
tiles:
  - { id: a, widget: text, rect: { x: 3, y: 3, width: 960, height: 540 }, props: { text: "A" } }
  - { id: b, widget: text, rect: { x: 963, y: 3, width: 960, height: 540 }, props: { text: "B" } }
`;
  const analysis = analyseLayout({ path: 'layouts/overview.yaml', bytes: enc.encode(source) });
  if (!analysis.value || !analysis.yaml) throw new Error(analysis.diagnostics.map(formatDiagnostic).join('\n'));
  const found = checkDrawnTexts(analysis.yaml, wall, analysis.value, texts);
  expect(found.every((d) => d.severity === 'error')).toBe(true);
  return found.map((d) => `${d.code} ${formatDiagnostic(d)}`);
}

/** A text of font size `font` at `box` in tile a (or b). */
function drawn(text: string, font: number, box: Rect, tile: 'a' | 'b' = 'a'): DrawnText {
  const capHeightPx = font * CAP_HEIGHT_RATIO;
  return { text, fontSizePx: font, capHeightPx, capHeightMm: capHeightPx * 0.63, tile, tileRect: tile === 'a' ? TILE_A : TILE_B, box, screen: 'r1c1' };
}

describe('drawn text: the legible minimum', () => {
  it('is viewing distance / legibilityRatio, in mm and in wall px of the panel', () => {
    const min = legibleMinimum({ ...makeWall(), legibilityRatio: 215 });
    expect(min.capHeightMm).toBeCloseTo(23.26, 2);
    expect(min.capHeightPx).toBeCloseTo(36.91, 2);
    expect(min.mmPerPx).toBeCloseTo(0.63, 6);
  });

  it('fails text whose capitals are under it, naming layout, tile and text', () => {
    expect(check([drawn('Nguồn: Sở Y tế', 32, { x: 10, y: 10, width: 200, height: 40 })])).toEqual([
      'drawn-text-too-small layouts/overview.yaml:5:5: error: tiles[0]: layout overview, tile a: "Nguồn: Sở Y tế" has capitals 23.7 px high ' +
        '(14.9 mm on the panel, font 32 px), under the 20 mm (31.7 px) legible from 5 m (viewing distance / legibilityRatio 250)',
    ]);
  });

  it('passes capitals at or over it, and tightens with the ratio', () => {
    const atMinimum = drawn('GRDP', 31.75 / CAP_HEIGHT_RATIO, { x: 10, y: 10, width: 200, height: 60 });
    expect(check([atMinimum])).toEqual([]);
    expect(check([atMinimum], { ...makeWall(), legibilityRatio: 215 })).toHaveLength(1);
  });
});

describe('drawn text: overlap', () => {
  it('fails two texts whose boxes cross, in one tile or across tiles', () => {
    const found = check([
      drawn('Mực nước', 60, { x: 10, y: 10, width: 300, height: 80 }),
      drawn('1,12 m', 60, { x: 250, y: 50, width: 200, height: 80 }),
      drawn('Sông Tiền', 60, { x: 900, y: 300, width: 200, height: 80 }),
      drawn('Cảnh báo', 60, { x: 970, y: 320, width: 200, height: 80 }, 'b'),
    ]);
    expect(found.filter((l) => l.startsWith('drawn-text-overlap'))).toEqual([
      'drawn-text-overlap layouts/overview.yaml:5:5: error: tiles[0]: layout overview, tile a: "Mực nước" overlaps "1,12 m" by 60 × 40 px (at 250,50 60×40)',
      'drawn-text-overlap layouts/overview.yaml:5:5: error: tiles[0]: layout overview, tile a: "Sông Tiền" overlaps "Cảnh báo" of tile b by 130 × 60 px (at 970,320 130×60)',
    ]);
  });

  it('lets lines that only share a pixel of leading, or touch, pass', () => {
    expect(
      check([
        drawn('Dòng một', 60, { x: 10, y: 10, width: 300, height: 80 }),
        drawn('Dòng hai', 60, { x: 10, y: 89, width: 300, height: 80 }),
        drawn('Bên cạnh', 60, { x: 310, y: 10, width: 300, height: 80 }),
      ]),
    ).toEqual([]);
  });
});

describe('drawn text: cut by its tile', () => {
  it('fails a box reaching past its tile, saying by how much on which side', () => {
    expect(check([drawn('07:00 07:00 07:00', 60, { x: 900, y: 500, width: 100, height: 80 })])).toEqual([
      'drawn-text-cut layouts/overview.yaml:5:5: error: tiles[0]: layout overview, tile a: "07:00 07:00 07:00" is cut by its tile: ' +
        'it reaches past it by 37 px right, 37 px bottom (text 900,500 100×80, tile 3,3 960×540)',
    ]);
  });

  it('passes a box exactly filling its tile, and one a widget masked inside it', () => {
    expect(check([drawn('Đầy', 60, { ...TILE_B }, 'b')])).toEqual([]);
    expect(check([{ ...drawn('Chạy chữ', 60, { x: 963, y: 100, width: 960, height: 80 }, 'b'), masked: true }])).toEqual([]);
  });

  it('shortens a long text in the message', () => {
    const long = 'Cảnh báo lũ quét và sạt lở đất tại các xã vùng núi phía bắc tỉnh';
    const [line] = check([drawn(long, 60, { x: 0, y: 10, width: 100, height: 80 })]);
    expect(line).toContain('"Cảnh báo lũ quét và sạt lở đất tại các…" is cut by its tile: it reaches past it by 3 px left');
  });
});
