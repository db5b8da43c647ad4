/**
 * Every text the scene draws, as the legibility check needs it (src/core/wall/legibility.ts): its
 * font size and cap height in wall px with its world scale applied, its box, its tile and screen.
 * Read from the pixi tree at report time (after a render, through text-walk.ts), so it covers every
 * widget's text (makeText, tile titles, chart labels, badges) without widgets reporting anything.
 */
import { Container, Matrix, Text } from 'pixi.js';
import type { TabularText } from '../widgets/tabular-text.js';
import { walkTexts } from './text-walk.js';
import { capHeightOf, legibleMinimum, type DrawnText } from '../../core/wall/legibility.js';
import { intersectRect, screenActiveRect } from '../../core/wall/geometry.js';
import type { Rect, Wall } from '../../core/wall/model.js';
import type { TileView } from './tile-view.js';

/** Reported numbers keep two decimals: enough for px and mm, readable in a JSON report. */
const round = (v: number): number => Math.round(v * 100) / 100;

function roundRect(r: Rect): Rect {
  return { x: round(r.x), y: round(r.y), width: round(r.width), height: round(r.height) };
}

/** The transform from `node`'s local space to `top`'s (top itself excluded). */
function toAncestor(node: Container, top: Container): Matrix {
  const path: Container[] = [];
  for (let n: Container | null = node; n && n !== top; n = n.parent) path.unshift(n);
  const m = new Matrix();
  for (const n of path) {
    n.updateLocalTransform();
    m.append(n.localTransform);
  }
  return m;
}

/** The axis-aligned box of local rect `r` mapped by `m`. */
function mapRect(m: Matrix, r: { x: number; y: number; width: number; height: number }): Rect {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [[r.x, r.y], [r.x + r.width, r.y], [r.x, r.y + r.height], [r.x + r.width, r.y + r.height]] as const) {
    xs.push(m.a * x + m.c * y + m.tx);
    ys.push(m.b * x + m.d * y + m.ty);
  }
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

function shown(node: Container): boolean {
  return node.visible && node.renderable && node.alpha > 0;
}

function screenAt(wall: Wall, box: Rect): string | null {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (const s of wall.screens) {
    const r = screenActiveRect(wall, s);
    if (cx >= r.x && cx < r.x + r.width && cy >= r.y && cy < r.y + r.height) return s.id;
  }
  return null;
}

/** One tile's texts, in wall px. */
function tileTexts(view: TileView, wall: Wall, mmPerPx: number): DrawnText[] {
  const top = view.container;
  const out: DrawnText[] = [];
  const describe = (text: Text | TabularText, label: string, masks: readonly Container[]): DrawnText => {
    const m = toAncestor(text, top);
    const scaleY = Math.hypot(m.c, m.d);
    const fontSizePx = Number(text.style.fontSize) * scaleY;
    let local: Rect = mapRect(m, text instanceof Text ? text.bounds : text.getLocalBounds());
    let masked = false;
    for (const mask of masks) {
      const clip = mapRect(toAncestor(mask, top), mask.getLocalBounds());
      const cut = intersectRect(local, clip) ?? { x: local.x, y: local.y, width: 0, height: 0 };
      if (cut.width < local.width || cut.height < local.height) masked = true;
      local = cut;
    }
    const box = { ...local, x: local.x + view.rect.x, y: local.y + view.rect.y };
    const capHeightPx = capHeightOf(fontSizePx);
    return {
      text: label,
      fontSizePx: round(fontSizePx),
      capHeightPx: round(capHeightPx),
      capHeightMm: round(capHeightPx * mmPerPx),
      tile: view.tile.id,
      tileRect: { ...view.rect },
      box: roundRect(box),
      ...(masked ? { masked } : {}),
      screen: screenAt(wall, box),
    };
  };
  walkTexts(top, { shown, skip: top.mask instanceof Container ? top.mask : null, text: (node, masks) => out.push(describe(node, node.text.trim(), masks)) });
  // A text wholly hidden by an inner mask (a ticker piece scrolled off) is not drawn.
  return out.filter((t) => t.box.width > 0 && t.box.height > 0);
}

/** The texts of every shown tile of a scene. */
export function drawnTexts(tiles: readonly TileView[], wall: Wall): DrawnText[] {
  const { mmPerPx } = legibleMinimum(wall);
  return tiles.filter((t) => t.visible).flatMap((t) => tileTexts(t, wall, mmPerPx));
}
