/**
 * `wallrun render`: the whole wall for one layout, headless through the system Chromium, into one
 * PNG with the bezels drawn, for reviewing a layout without a wall. The page is the real wall
 * page in review mode (every screen at its wall position); values come from the local demo feed,
 * which publishes what the hub's demo publishes (maps by district included), or for the topics of
 * a `--data` snapshot from that (render-data.ts). It waits until every widget is ready (or timed
 * out to its placeholder, e.g. a camera without a stream), and every web tile has settled (its
 * page shown, refused or failed: settleWebTiles), before capturing. Cameras count against
 * their node's decoder budget, as on the wall (camera-nodes.ts); a render without streams says so
 * once (render-notes.ts). `--report` also writes what every text is drawn at (review-page.ts
 * TextReport), the input of `wallrun check`. `--frozen` renders a still wall (FROZEN_WALL: the
 * reference images, test/reference/README.md).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatDiagnostic } from '../core/files/diagnostics.js';
import { loadProjectDir } from '../node/project-loader.js';
import { FROZEN_WALL, drawnTextsOf, reviewConfig, reviewShell, settleWebTiles, textReport } from './review-page.js';
import { parseRenderData, type RenderData } from './render-data.js';
import { dataNotes, reviewNotes, type ReviewCamera, type ReviewData } from './render-notes.js';

export interface RenderOptions {
  layout: string;
  out: string;
  /** Device px per wall px. */
  scale: number;
  wallFile: string;
  root: string;
  /** Where to write the text report (JSON); none when absent. */
  report?: string;
  /** A JSON snapshot, topic → value, shown instead of the demo's values for its topics (render-data.ts). */
  dataFile?: string;
  /** A still wall (FROZEN_WALL): fixed clock, seeded demo data, tickers and blinks at a fixed phase. */
  frozen?: boolean;
}

const say = (line: string): void => void process.stderr.write(`${line}\n`);

async function writeOut(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(resolve(path), data);
}

/** Renders; returns the exit code (0 written, 1 refused or failed). */
export async function renderCommand(opts: RenderOptions): Promise<number> {
  const { sources, result } = loadProjectDir(opts.root, opts.wallFile);
  if (!sources.wall) {
    say(`wallrun: ${opts.wallFile}: no such file`);
    return 1;
  }
  const project = result.ok ? result.value : result.partial;
  let data: RenderData | undefined;
  if (opts.dataFile) {
    let text: string;
    try {
      text = await readFile(resolve(opts.dataFile), 'utf8');
    } catch (err) {
      say(`wallrun: ${opts.dataFile}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      return 1;
    }
    const parsed = parseRenderData(text, opts.dataFile);
    if (!parsed.ok) {
      for (const e of parsed.errors) say(`wallrun: ${e}`);
      return 1;
    }
    data = parsed.data;
  }
  // The page's layouts include the identify layout (`wallrun identify`), drawn for this scale.
  const config = reviewConfig(project, opts.layout, opts.scale, data, opts.frozen ? FROZEN_WALL : undefined);
  const layout = config?.layouts.find((l) => l.id === opts.layout);
  const theme = layout && project.themes.find((t) => t.id === layout.theme);
  if (!config || !layout || !theme) {
    for (const d of result.diagnostics) say(formatDiagnostic(d));
    const known = project.layouts.map((l) => l.id).join(', ') || 'none';
    say(`wallrun: cannot render layout "${opts.layout}": it is unknown or invalid (valid layouts: ${known})`);
    return 1;
  }
  // Problems in other files do not stop a review of this one, but they are shown.
  for (const d of result.diagnostics) if (d.severity === 'error') say(formatDiagnostic(d));
  // A snapshot topic no tile reads is likely a typo: say so rather than show nothing.
  const read = new Set(layout.tiles.flatMap((t) => t.topics));
  const unread = Object.keys(data ?? {}).filter((t) => !read.has(t));
  if (unread.length) say(`wallrun: note: ${opts.dataFile}: no tile of layout ${layout.id} reads ${unread.join(', ')}`);

  const shell = await reviewShell(say);
  if (!shell) return 1;
  try {
    const win = await shell.openWindow(config);
    await win.ready(60_000);
    const loading = await settleWebTiles(win);
    if (loading.length) say(`wallrun: note: web tiles still loading in the picture: ${loading.join(', ')}`);
    await writeOut(opts.out, await win.screenshotPng());
    if (opts.report) {
      const report = textReport(config.wall, layout.id, await drawnTextsOf(win));
      await writeOut(opts.report, `${JSON.stringify(report, null, 2)}\n`);
      say(`wallrun: wrote ${opts.report} (${report.texts.length} texts; wallrun check judges them)`);
    }
    const problems = [...win.errors, ...win.glErrors];
    for (const p of problems) say(`wallrun: page: ${p}`);
    const cameras = await win.page.evaluate(() => (globalThis as unknown as { wallrunCameras?: () => { tiles: ReviewCamera[] } }).wallrunCameras?.().tiles ?? []);
    const demo = await win.page.evaluate(() => (globalThis as unknown as { wallrunDebug?: { state(): { demo: ReviewData | null } } }).wallrunDebug?.state().demo ?? null);
    for (const note of [...dataNotes(demo, opts.dataFile), ...reviewNotes(win.httpErrors, cameras)]) say(`wallrun: note: ${note}`);
    say(`wallrun: wrote ${opts.out} (${win.size.width} × ${win.size.height} px, layout ${layout.id}, ${data ? `data from ${opts.dataFile}, demo data for the other topics` : 'demo data'})`);
    return problems.length > 0 ? 1 : 0;
  } catch (err) {
    say(`wallrun: render failed: ${(err as Error).message}`);
    return 1;
  } finally {
    await shell.destroy();
  }
}
