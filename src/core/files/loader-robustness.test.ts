import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostics.js';
import { loadProject } from './project.js';
import { loadLayout, loadTheme, loadWall } from './validate.js';
import { SMALL_LAYOUT as LAYOUT, SMALL_THEME as THEME } from '../../../test/support/small-project-files.js';

const enc = new TextEncoder();

const WALL = `id: w
title: { vi: "Tường", en: "Wall" }
timezone: Asia/Ho_Chi_Minh
viewingDistanceM: 5
defaultLayout: overview
defaultTheme: dark
grid:
  columns: 2
  rows: 1
  panel: { resolution: { width: 1920, height: 1080 }, activeMm: { width: 1209.6, height: 680.4 }, bezelMm: 1.75 }
nodes:
  - { id: node-1, decoderBudget: 2 }
screens:
  - { id: a, cell: { col: 0, row: 0 }, display: { connector: "DP-1" }, node: node-1 }
  - { id: b, rect: { x: 1929, y: 3, width: 1920, height: 1080 }, rotation: 180, display: { edidName: X, serial: "1" }, node: node-1 }
`;

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = [' ', '\n', ':', '-', '{', '}', '[', ']', '"', '&a', '*a', '<<', '#', '\t', '0', 'x', '\u00e9', '\xff'];

/** A few random edits (delete a span, insert noise, duplicate a line) of a good file. */
function mutate(text: string, rnd: () => number): Uint8Array {
  let out = text;
  const edits = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * out.length);
    const kind = rnd();
    if (kind < 0.4) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rnd() * 6));
    else if (kind < 0.8) out = out.slice(0, at) + NOISE[Math.floor(rnd() * NOISE.length)] + out.slice(at);
    else {
      const lines = out.split('\n');
      const line = Math.floor(rnd() * lines.length);
      lines.splice(line, 0, lines[line] ?? '');
      out = lines.join('\n');
    }
  }
  const bytes = enc.encode(out);
  // Now and then a byte that is not UTF-8.
  if (rnd() < 0.05 && bytes.length > 0) bytes[Math.floor(rnd() * bytes.length)] = 0xc3;
  return bytes;
}

function wellFormed(list: readonly Diagnostic[], files: string[]): void {
  for (const d of list) {
    expect(d.code).not.toBe('internal-error');
    expect(files).toContain(d.file);
    expect(d.message.length).toBeGreaterThan(0);
    expect(Number.isInteger(d.line) && d.line >= 0 && Number.isInteger(d.column) && d.column >= 0).toBe(true);
  }
}

describe('loaders on damaged input', () => {
  it('load the undamaged files', () => {
    const result = loadProject({
      wall: { path: 'wall.yaml', bytes: enc.encode(WALL) },
      layouts: [{ path: 'layouts/overview.yaml', bytes: enc.encode(LAYOUT) }],
      themes: [{ path: 'themes/dark.yaml', bytes: enc.encode(THEME) }],
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  // SEED=n npx vitest run src/core/files/loader-robustness.test.ts replays other edits.
  it('never throw and always point into the file, over 300 random edits', () => {
    const rnd = random(Number(process.env.SEED ?? 20240611));
    for (let i = 0; i < 100; i++) {
      const wall = { path: 'wall.yaml', bytes: mutate(WALL, rnd) };
      const layout = { path: 'layouts/overview.yaml', bytes: mutate(LAYOUT, rnd) };
      const theme = { path: 'themes/dark.yaml', bytes: mutate(THEME, rnd) };
      for (const [result, path] of [
        [loadWall(wall), wall.path],
        [loadLayout(layout), layout.path],
        [loadTheme(theme), theme.path],
      ] as const) {
        wellFormed(result.ok ? result.warnings : result.diagnostics, [path]);
      }
      const project = loadProject({ wall, layouts: [layout], themes: [theme] });
      wellFormed(project.diagnostics, [wall.path, layout.path, theme.path]);
      if (!project.ok) expect(project.diagnostics.length).toBeGreaterThan(0);
    }
  });
});
