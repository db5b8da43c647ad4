import { describe, expect, it } from 'vitest';
import { screenActiveRect, wallBounds } from '../wall/geometry.js';
import { IDENTIFY_HOTKEY, IDENTIFY_LAYOUT_ID, gridPosition, identifyLayout, withIdentifyLayout, type AlignmentGridProps } from './identify.js';
import type { Layout, Theme } from '../wall/model.js';
import { WIDGET_TYPES } from '../wall/model.js';
import { makeWall, screenById } from '../../../test/support/wall-fixtures.js';
import { loadLayout } from '../files/validate.js';

const wall = makeWall();
const inside = (r: { x: number; y: number; width: number; height: number }, a: typeof r): boolean =>
  r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.width && r.y + r.height <= a.y + a.height;

describe('identifyLayout', () => {
  const layout = identifyLayout(wall);

  it('is a generated layout: one alignment grid over the wall, an id and a detail tile inside each screen', () => {
    expect(layout).toMatchObject({ id: IDENTIFY_LAYOUT_ID, theme: wall.defaultTheme, generated: true, subdivision: { columns: 1, rows: 1 } });
    expect(layout.tiles).toHaveLength(1 + 2 * 18);
    expect(layout.tiles[0]).toMatchObject({ id: 'alignment-grid', widget: 'alignment-grid', rect: wallBounds(wall) });
    expect(WIDGET_TYPES as readonly string[]).not.toContain('alignment-grid'); // layout files cannot name it
    for (const screen of wall.screens) {
      const active = screenActiveRect(wall, screen);
      const [id, info] = ['id', 'info'].map((p) => layout.tiles.find((t) => t.id === `${p}-${screen.id}`)!);
      expect(id).toMatchObject({ widget: 'text', props: { text: screen.id, align: 'center' } });
      expect(inside(id!.rect!, active) && inside(info!.rect!, active), screen.id).toBe(true);
      expect(id!.rect!.y + id!.rect!.height).toBeLessThan(active.y + active.height / 2); // above the centre crosshair
      expect(info!.rect!.y).toBeGreaterThan(active.y + active.height / 2);
    }
    expect(layout.tiles.find((t) => t.id === 'info-r2c3')!.props.text).toEqual({
      vi: 'cột 2, hàng 1\nconnector DP-3\nnode node-2',
      en: 'col 2, row 1\nconnector DP-3\nnode node-2',
    });
    // Large type: the id is a fifth of the screen's height.
    expect(layout.tiles.find((t) => t.id === 'id-r1c1')!.props.fontSizePx).toBe(238);
  });

  it('puts a crosshair at each centre and four whose arms end on the outermost lit pixels', () => {
    const props = layout.tiles[0]!.props as unknown as AlignmentGridProps;
    expect(props.crosshairs).toHaveLength(5 * 18);
    const r = screenActiveRect(wall, screenById(wall, 'r1c2'));
    const marks = props.crosshairs.slice(5, 10);
    expect(marks[0]).toEqual({ x: r.x + 960, y: r.y + 540, armPx: 68 });
    expect(marks.slice(1).map((c) => [c.x - c.armPx, c.y - c.armPx, c.x + c.armPx, c.y + c.armPx])).toEqual([
      [r.x, r.y, r.x + 136, r.y + 136],
      [r.x + r.width - 136, r.y, r.x + r.width, r.y + 136],
      [r.x, r.y + r.height - 136, r.x + 136, r.y + r.height],
      [r.x + r.width - 136, r.y + r.height - 136, r.x + r.width, r.y + r.height],
    ]);
  });

  it('keeps lines at least 2 device px wide and 24 apart at any scale', () => {
    const metrics = (scale: number) => {
      const p = identifyLayout(wall, { scale }).tiles[0]!.props as unknown as AlignmentGridProps;
      return [p.spacingPx, p.lineWidthPx];
    };
    expect(metrics(1)).toEqual([120, 2]);
    expect(metrics(0.25)).toEqual([120, 8]);
    expect(metrics(0.1)).toEqual([240, 20]);
    expect(metrics(0.05)).toEqual([480, 40]);
  });

  it('describes free and spanning screens by where they are', () => {
    const w = makeWall({ columns: 2, rows: 1 });
    w.screens[0]!.cell = { col: 0, row: 0, colSpan: 2, rowSpan: 1 };
    w.screens[1] = { ...w.screens[1]!, cell: undefined, rect: { x: 4000, y: 0, width: 1080, height: 1920 } };
    expect(gridPosition(w, w.screens[0]!)).toEqual({ vi: 'cột 0, hàng 0 (2x1)', en: 'col 0, row 0 (2x1)' });
    expect(gridPosition(w, w.screens[1]!)).toEqual({ vi: 'tự do 1080x1920+4000+0', en: 'free 1080x1920+4000+0' });
  });
});

describe('a layout file', () => {
  it('can neither name the internal widget nor take the identify id', () => {
    const file = (id: string, widget: string) => `id: ${id}\ntitle: { vi: "x", en: "x" }\ntheme: control-room-dark\ntiles:\n  - { id: g, widget: ${widget}, cell: { col: 0, row: 0 }, props: { text: x } }\n`;
    const load = (text: string) => loadLayout({ path: 'layouts/x.yaml', bytes: new TextEncoder().encode(text) });
    expect(load(file('x', 'text')).ok).toBe(true);
    expect(load(file('x', 'alignment-grid')).ok).toBe(false);
    expect(load(file('"wallrun:identify"', 'text')).ok).toBe(false);
  });
});

describe('withIdentifyLayout', () => {
  const theme = (id: string) => ({ id }) as Theme;
  const user = (id: string, hotkey?: string) => ({ id, ...(hotkey ? { hotkey } : {}) }) as Layout;

  it('adds the identify layout once, on its hotkey unless a project layout took it, in a theme the page has', () => {
    const added = withIdentifyLayout(wall, [user('overview', 'F1')], [theme('control-room-dark')]);
    expect(added.map((l) => [l.id, l.hotkey, l.theme])).toEqual([['overview', 'F1', undefined], [IDENTIFY_LAYOUT_ID, IDENTIFY_HOTKEY, 'control-room-dark']]);
    expect(withIdentifyLayout(wall, added, [theme('control-room-dark')])).toHaveLength(2);
    const taken = withIdentifyLayout(wall, [user('mine', 'alt+ctrl+i')], [theme('high-contrast')]);
    expect(taken[1]).toMatchObject({ theme: 'high-contrast' });
    expect(taken[1]!.hotkey).toBeUndefined();
  });
});
