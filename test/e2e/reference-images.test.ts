/**
 * Reference images (test/reference/README.md): every shipped layout, rendered as a still wall
 * (`wallrun render --frozen`: fixed clock, seeded demo data, tickers and blinks at a fixed phase,
 * cameras at their placeholder), matches the picture kept for this Chromium major within a
 * tolerance; a mismatch writes the actual picture and a diff to .test-report/reference-images/.
 * No set for this Chromium is a failure naming the command that makes one, never a skip.
 *
 * `npm run refs:update` runs this file with WALLRUN_UPDATE_REFS=1: it writes this Chromium's set
 * and the README's picture of the overview instead of comparing (review the diff before committing).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserShell } from '../../src/shell/browser-shell.js';
import { encodePng } from '../../src/shell/png-encode.js';
import { decodePng, type Image } from '../support/png.js';
import type { DrawnText } from '../../src/core/wall/legibility.js';
import { chromiumPath, ensureRendererBuilt } from '../support/wall-browser.js';
import { repoRoot } from '../support/cli.js';
import {
  CHANNEL_TOLERANCE,
  MAX_DIFFERING_SHARE,
  README_PICTURE,
  README_SCALE,
  REFERENCE_ROOT,
  REFERENCE_SCALE,
  UPDATE_COMMAND,
  compareImages,
  keptSets,
  legibilityProblems,
  renderFrozen,
  setName,
  shippedLayouts,
} from '../support/reference-images.js';

const UPDATE = process.env.WALLRUN_UPDATE_REFS === '1';
const REPORT = join(repoRoot, '.test-report/reference-images');
const layouts = shippedLayouts();

const solid = (width: number, height: number, rgb: [number, number, number]): Image => {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return { width, height, data };
};

describe('comparing two pictures', () => {
  it('counts pixels off by more than the tolerance on some channel, and every pixel outside the other picture', () => {
    const expected = solid(10, 10, [100, 100, 100]);
    const actual = solid(10, 10, [100, 100, 100]);
    expect(compareImages(actual, expected).differing).toBe(0);
    actual.data[0] = 100 + CHANNEL_TOLERANCE; // within the tolerance
    actual.data[(5 * 10 + 5) * 4 + 2] = 100 + CHANNEL_TOLERANCE + 1; // beyond it, blue only
    const one = compareImages(actual, expected);
    expect(one.differing).toBe(1);
    expect(one.share).toBeCloseTo(0.01);
    expect([...one.diff.data.subarray((5 * 10 + 5) * 4, (5 * 10 + 5) * 4 + 3)]).toEqual([255, 0, 255]);
    expect(compareImages(solid(12, 10, [100, 100, 100]), expected).differing).toBe(20);
  });
});

describe('reference images of the shipped layouts', () => {
  let shell: BrowserShell | undefined;
  let set = '';
  /** The first render of each layout, reused by its comparison. */
  const rendered = new Map<string, Buffer>();
  const dir = (): string => join(REFERENCE_ROOT, set);

  beforeAll(async () => {
    rmSync(REPORT, { recursive: true, force: true }); // no diff of an earlier run is taken for this one's
    await ensureRendererBuilt();
    shell = await BrowserShell.launch({ chromiumPath: chromiumPath() });
    set = setName(shell.version);
  }, 120_000);
  afterAll(async () => {
    await shell?.destroy();
  });

  // Two renders in one browser: `wallrun render --frozen` builds the same page config
  // (reviewConfig with FROZEN_WALL), and a second browser would cost more than it tells.
  it('a frozen render is the same pixels every time (the overview, its texts legible)', async () => {
    let drawn: DrawnText[] = [];
    const first = await renderFrozen(shell!, 'overview', REFERENCE_SCALE, (t) => (drawn = t));
    // As `wallrun check` judges it: every text legible from the desks, none overlapping or cut.
    expect(drawn.length).toBeGreaterThan(50);
    expect(legibilityProblems('overview', drawn)).toEqual([]);
    const second = await renderFrozen(shell!, 'overview', REFERENCE_SCALE);
    expect(compareImages(decodePng(second), decodePng(first), 0).differing).toBe(0);
    rendered.set('overview', first);
  }, 120_000);

  it.each(layouts)('%s matches its reference image, every text legible, none overlapping or cut', async (id) => {
    const file = join(dir(), `${id}.png`);
    if (!UPDATE) {
      const kept = keptSets().join(', ') || 'none';
      if (!existsSync(dir())) {
        throw new Error(
          `no reference images for Chromium ${shell!.version} (${set}; kept: ${kept}). Render them with \`${UPDATE_COMMAND}\`, ` +
            'look at the pictures and the diff against the previous set, and commit them (test/reference/README.md)',
        );
      }
      if (!existsSync(file)) throw new Error(`no reference image ${file} for layout ${id}: run \`${UPDATE_COMMAND}\` and review it`);
    }
    let drawn: DrawnText[] = [];
    const renderedBefore = rendered.has(id); // the overview's texts were judged with its first render
    const png = rendered.get(id) ?? (await renderFrozen(shell!, id, REFERENCE_SCALE, (t) => (drawn = t)));
    if (!renderedBefore) {
      // As `wallrun check` judges it: every text legible from the desks, none overlapping or cut.
      expect(drawn.length).toBeGreaterThan(50);
      expect(legibilityProblems(id, drawn)).toEqual([]);
    }
    if (UPDATE) {
      reportChange(id, png, file);
      mkdirSync(dir(), { recursive: true });
      writeFileSync(file, png);
      return;
    }
    const result = compareImages(decodePng(png), decodePng(readFileSync(file)));
    if (result.share > MAX_DIFFERING_SHARE) {
      mkdirSync(REPORT, { recursive: true });
      writeFileSync(join(REPORT, `${id}.actual.png`), png);
      writeFileSync(join(REPORT, `${id}.diff.png`), encodePng(result.diff));
    }
    expect(
      result.share,
      `${id}: ${result.differing} pixels (${(result.share * 100).toFixed(2)} %) differ from ${file} by more than ${CHANNEL_TOLERANCE} ` +
        `(at most ${MAX_DIFFERING_SHARE * 100} % may); see ${join(REPORT, `${id}.diff.png`)} and ${id}.actual.png. ` +
        `A deliberate change: \`${UPDATE_COMMAND}\` and review the diff`,
    ).toBeLessThanOrEqual(MAX_DIFFERING_SHARE);
  }, 120_000);

  it('keeps no reference image of a layout that is no longer shipped', () => {
    const stale = (name: string): boolean => name.endsWith('.png') && !layouts.includes(name.replace(/\.png$/, ''));
    if (UPDATE) for (const f of readdirSync(dir()).filter(stale)) rmSync(join(dir(), f));
    if (!existsSync(dir())) throw new Error(`no reference images for Chromium ${shell!.version}: run \`${UPDATE_COMMAND}\``);
    expect(readdirSync(dir()).filter(stale)).toEqual([]);
  });

  /**
   * What an update changes, for its review: against this set's old picture, or for a new Chromium
   * against the newest set kept; the diff is written where a failing comparison writes it.
   */
  function reportChange(id: string, png: Buffer, file: string): void {
    const previous = existsSync(file)
      ? file
      : keptSets()
          .filter((s) => s !== set)
          .map((s) => join(REFERENCE_ROOT, s, `${id}.png`))
          .filter((f) => existsSync(f))
          .pop();
    if (!previous) return void console.log(`refs:update: ${id}: new, no earlier picture to compare with`);
    const result = compareImages(decodePng(png), decodePng(readFileSync(previous)));
    mkdirSync(REPORT, { recursive: true });
    writeFileSync(join(REPORT, `${id}.diff.png`), encodePng(result.diff));
    console.log(`refs:update: ${id}: ${(result.share * 100).toFixed(2)} % of pixels changed against ${previous} (diff: ${join(REPORT, `${id}.diff.png`)})`);
  }

  if (UPDATE) {
    it('writes the README picture of the overview from the same frozen render', async () => {
      writeFileSync(README_PICTURE, await renderFrozen(shell!, 'overview', README_SCALE));
    }, 120_000);
  }
});
