/**
 * A severity's shape (core/wall/vocabulary.ts: triangle, diamond, square, circle, ring) drawn in
 * its colour, so the level reads without colour too: for colour-blind staff and on grey photos.
 * Drawn as vector shapes, not font glyphs, so it looks the same whatever fonts the wall PC has.
 */
import { Graphics } from 'pixi.js';
import type { Severity, Theme } from '../../core/wall/model.js';
import { SEVERITY_TERMS } from '../../core/wall/vocabulary.js';
import { colorNumber } from './text-style.js';

/** A mark `size` px square, its top-left at (0, 0); labelled `severity:<level>:<shape>` for tests. */
export function severityMark(theme: Theme, severity: Severity, size: number): Graphics {
  const { shape, colorToken } = SEVERITY_TERMS[severity];
  const color = colorNumber(theme.severity[colorToken]);
  const s = Math.max(4, size);
  const g = new Graphics({ label: `severity:${severity}:${shape}` });
  const c = s / 2;
  switch (shape) {
    case 'triangle':
      g.poly([c, 0, s, s * 0.9, 0, s * 0.9]).fill(color);
      break;
    case 'diamond':
      g.poly([c, 0, s, c, c, s, 0, c]).fill(color);
      break;
    case 'square':
      g.rect(s * 0.1, s * 0.1, s * 0.8, s * 0.8).fill(color);
      break;
    case 'circle':
      g.circle(c, c, s * 0.42).fill(color);
      break;
    case 'ring':
      g.circle(c, c, s * 0.36).stroke({ width: Math.max(2, s * 0.14), color });
      break;
  }
  g.eventMode = 'none';
  return g;
}
