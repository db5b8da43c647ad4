/**
 * `wallrun check [--layout ID]`: each layout rendered headless as `wallrun render` draws it (the
 * review page, demo data), its text report read back, and the drawn-text rules run on it
 * (src/core/files/drawn-text-checks.ts): text under the wall's legible minimum, text overlapping
 * text, text cut by its tile. Errors are placed at the tile in the layout's file; exit 1 on any.
 * `validate` checks files and what they declare; this checks what the wall actually draws.
 */
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../core/files/diagnostics.js';
import { checkDrawnTexts, DRAWN_TEXT_CODES } from '../core/files/drawn-text-checks.js';
import { analyseLayout } from '../core/files/validate.js';
import type { YamlFile } from '../core/files/yaml-position.js';
import { loadProjectDir } from '../node/project-loader.js';
import { drawnTextsOf, reviewConfig, reviewShell } from './review-page.js';

export interface CheckOptions {
  root: string;
  wallFile: string;
  /** One layout id; all layouts when absent. */
  layout?: string;
  json: boolean;
}

/** The page is drawn small: the report is in wall px whatever the scale, and a small page is quick. */
const SCALE = 0.25;

const say = (line: string): void => void process.stderr.write(`${line}\n`);

function summary(layout: string, texts: number, found: Diagnostic[]): string {
  const count = (code: string): number => found.filter((d) => d.code === code).length;
  const parts = [
    `${count(DRAWN_TEXT_CODES.tooSmall)} too small`,
    `${count(DRAWN_TEXT_CODES.overlap)} overlapping`,
    `${count(DRAWN_TEXT_CODES.cut)} cut by their tile`,
  ];
  return `wallrun: layout ${layout}: ${texts} texts drawn; ${found.length === 0 ? 'all legible' : parts.join(', ')}`;
}

/** Checks; returns the exit code (0 clean, 1 errors or refused). */
export async function checkCommand(opts: CheckOptions): Promise<number> {
  const { sources, result } = loadProjectDir(opts.root, opts.wallFile);
  if (!sources.wall) {
    say(`wallrun: ${opts.wallFile}: no such file`);
    return 1;
  }
  const project = result.ok ? result.value : result.partial;
  for (const d of result.diagnostics) if (d.severity === 'error') say(formatDiagnostic(d));
  if (!project.wall) {
    say(`wallrun: cannot check: ${opts.wallFile} is invalid (wallrun validate says why)`);
    return 1;
  }
  const wall = project.wall;
  const yamlOf = new Map<string, YamlFile>();
  for (const source of sources.layouts) {
    const a = analyseLayout(source);
    if (a.value && a.yaml) yamlOf.set(a.value.id, a.yaml);
  }
  const layouts = opts.layout ? project.layouts.filter((l) => l.id === opts.layout) : project.layouts;
  if (layouts.length === 0) {
    const known = project.layouts.map((l) => l.id).join(', ') || 'none';
    say(`wallrun: no layout to check${opts.layout ? ` named "${opts.layout}"` : ''} (valid layouts: ${known})`);
    return 1;
  }

  const shell = await reviewShell(say);
  if (!shell) return 1;
  const diagnostics: Diagnostic[] = [];
  let failed = !result.ok;
  try {
    for (const layout of layouts) {
      const config = reviewConfig(project, layout.id, SCALE);
      const yaml = yamlOf.get(layout.id);
      if (!config || !yaml) continue;
      const win = await shell.openWindow(config);
      try {
        await win.ready(60_000);
        const texts = await drawnTextsOf(win);
        const found = checkDrawnTexts(yaml, wall, layout, texts);
        diagnostics.push(...found);
        for (const p of [...win.errors, ...win.glErrors]) {
          say(`wallrun: layout ${layout.id}: page: ${p}`);
          failed = true;
        }
        say(summary(layout.id, texts.length, found));
      } finally {
        await win.destroy();
      }
    }
  } catch (err) {
    say(`wallrun: check failed: ${(err as Error).message}`);
    return 1;
  } finally {
    await shell.destroy();
  }
  const sorted = sortDiagnostics(diagnostics);
  if (opts.json) process.stdout.write(`${JSON.stringify(sorted, null, 2)}\n`);
  else for (const d of sorted) process.stdout.write(`${formatDiagnostic(d)}\n`);
  return failed || sorted.length > 0 ? 1 : 0;
}
