/**
 * Reference images of the shipped layouts (test/reference/README.md): where a Chromium version's
 * set lives, how a frozen render is taken, and how two pictures are compared.
 *
 * Why per Chromium major: a Debian Chromium update changes text rasterising and SwiftShader's
 * anti-aliasing by a few pixels here and there; the tolerance below absorbs noise within a
 * version, and a new major gets its own set, made and reviewed deliberately with `npm run
 * refs:update`, rather than a tolerance so loose that a real regression would pass.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { drawnTextsOf, FROZEN_WALL, reviewConfig } from '../../src/cli/review-page.js';
import { formatDiagnostic } from '../../src/core/files/diagnostics.js';
import { checkDrawnTexts } from '../../src/core/files/drawn-text-checks.js';
import { analyseLayout } from '../../src/core/files/validate.js';
import type { DrawnText } from '../../src/core/wall/legibility.js';
import { loadProjectDir } from '../../src/node/project-loader.js';
import type { BrowserShell } from '../../src/shell/browser-shell.js';
import type { Image } from './png.js';
import { repoRoot } from './cli.js';

/** Device px per wall px of a reference image: the 18-screen wall is 1445 × 407 px. */
export const REFERENCE_SCALE = 0.125;
/** The README's picture of the overview, from the same frozen render, larger. */
export const README_SCALE = 0.2;
export const README_PICTURE = join(repoRoot, 'docs/images/overview.png');
export const REFERENCE_ROOT = join(repoRoot, 'test/reference');
export const UPDATE_COMMAND = 'npm run refs:update';

/** A pixel differs when one of its channels differs by more than this (0–255). */
export const CHANNEL_TOLERANCE = 24;
/** A picture matches while at most this share of its pixels differ (0.2 %: a few glyphs' edges). */
export const MAX_DIFFERING_SHARE = 0.002;

export const shippedLayouts = (): string[] =>
  readdirSync(join(repoRoot, 'layouts'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();

/** "156.0.8078.129" → "chromium-156". */
export const setName = (version: string): string => `chromium-${version.split('.')[0]}`;

/** The sets kept, one folder per Chromium major, oldest first. */
export const keptSets = (): string[] =>
  existsSync(REFERENCE_ROOT)
    ? readdirSync(REFERENCE_ROOT)
        .filter((d) => /^chromium-\d+$/.test(d))
        .sort((a, b) => Number(a.slice(9)) - Number(b.slice(9)))
    : [];

/** A frozen render of a shipped layout (FROZEN_WALL), as `wallrun render --frozen` takes it; throws on a page error. */
/** The frozen picture of `layout` (PNG), and the texts its page reports drawing (wall px). */
export async function renderFrozen(shell: BrowserShell, layout: string, scale: number, texts?: (drawn: DrawnText[]) => void): Promise<Buffer> {
  const { result } = loadProjectDir(repoRoot, 'wall.yaml');
  if (!result.ok) throw new Error('the shipped project must load');
  const config = reviewConfig(result.value, layout, scale, undefined, FROZEN_WALL);
  if (!config) throw new Error(`no review config for ${layout}`);
  const win = await shell.openWindow(config);
  try {
    await win.ready(60_000);
    const png = await win.screenshotPng();
    const problems = [...win.errors, ...win.glErrors];
    if (problems.length > 0) throw new Error(`layout ${layout}: ${problems.join('; ')}`);
    if (texts) texts(await drawnTextsOf(win));
    return png;
  } finally {
    await win.destroy();
  }
}

/**
 * What `wallrun check` says of a shipped layout's drawn texts (src/core/files/drawn-text-checks.ts):
 * text under the wall's legible minimum, overlapping, or cut, as formatted diagnostics.
 */
export function legibilityProblems(layout: string, texts: readonly DrawnText[]): string[] {
  const { sources, result } = loadProjectDir(repoRoot, 'wall.yaml');
  if (!result.ok) throw new Error('the shipped project must load');
  for (const source of sources.layouts) {
    const a = analyseLayout(source);
    if (a.value?.id === layout && a.yaml) return checkDrawnTexts(a.yaml, result.value.wall, a.value, texts).map(formatDiagnostic);
  }
  throw new Error(`no shipped layout ${layout}`);
}

export interface Comparison {
  /** Pixels with a channel off by more than CHANNEL_TOLERANCE (all of them when the sizes differ). */
  differing: number;
  share: number;
  /** The expected picture dimmed, differing pixels in magenta: where to look. */
  diff: Image;
}

export function compareImages(actual: Image, expected: Image, tolerance = CHANNEL_TOLERANCE): Comparison {
  const width = Math.max(actual.width, expected.width);
  const height = Math.max(actual.height, expected.height);
  const diff: Image = { width, height, data: new Uint8Array(width * height * 4) };
  let differing = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const inBoth = x < actual.width && y < actual.height && x < expected.width && y < expected.height;
      const a = (y * actual.width + x) * 4;
      const e = (y * expected.width + x) * 4;
      let off = !inBoth;
      for (let c = 0; c < 3 && !off; c++) off = Math.abs(actual.data[a + c]! - expected.data[e + c]!) > tolerance;
      if (off) {
        differing++;
        diff.data.set([255, 0, 255, 255], o);
      } else {
        const luma = 0.299 * expected.data[e]! + 0.587 * expected.data[e + 1]! + 0.114 * expected.data[e + 2]!;
        const dim = Math.round(luma * 0.35);
        diff.data.set([dim, dim, dim, 255], o);
      }
    }
  }
  return { differing, share: differing / (width * height), diff };
}
