/**
 * The wall, its layouts and its themes validated together: references between files, ids and
 * hotkeys unique across files, tiles against the wall, then lint. A file with errors is left out
 * of the project, but every other check still runs, so one run reports everything.
 */
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { checkLayoutOnWall } from './checks.js';
import { checkDegradedOnWall } from './degraded-checks.js';
import { lintLayout } from './lint.js';
import { checkWebTilesOnWall } from './web-checks.js';
import type { LoadResult, SourceFile } from './load-result.js';
import type { Camera, Layout, Project, Theme, Wall } from '../wall/model.js';
import { NO_AUTOMATION, type Automation, type Weekday } from '../automation/model.js';
import { analyseAutomation, type AutomationAnalysis } from './automation.js';
import { checkAutomationLayouts, checkOverlappingEntries, type PlacedEntry } from './automation-checks.js';
import { analyseCameras, checkCameraReferences } from './cameras.js';
import { analyseForecasts, NO_FORECASTS, type ForecastsConfig } from './forecasts.js';
import { didYouMean } from './suggest.js';
import {
  analyseLayout,
  analyseTheme,
  analyseWall,
  internalError,
  type Analysis,
  type LayoutAnalysis,
  type ThemeAnalysis,
  type WallAnalysis,
} from './validate.js';
import { diagnosticAt, positionOf, type YamlFile } from './yaml-position.js';

export interface ProjectSources {
  /** Absent when the caller found no wall file (it reports that itself); layouts and themes are still checked. */
  wall?: SourceFile;
  layouts: readonly SourceFile[];
  themes: readonly SourceFile[];
  /** cameras.yaml, when the project has one (optional file). */
  cameras?: SourceFile;
  /** automation.yaml, when the project has one (optional file). */
  automation?: SourceFile;
  /** forecasts.yaml, when the project has one (optional file: the hub's baseline forecaster). */
  forecasts?: SourceFile;
}

/**
 * A project as loaded: Project plus its automation (NO_AUTOMATION without automation.yaml). Kept
 * out of core/wall's Project because core/automation builds on core/wall, not the reverse.
 */
export interface LoadedProject extends Project {
  automation: Automation;
  /** forecasts.yaml (NO_FORECASTS without it). */
  forecasts: ForecastsConfig;
}

/** The valid files of a project that has errors elsewhere (a running wall keeps what it has). */
export interface PartialProject {
  wall?: Wall;
  layouts: Layout[];
  themes: Theme[];
  cameras: Camera[];
  /** automation.yaml when it has no errors, else NO_AUTOMATION (nothing switches by a broken file). */
  automation: Automation;
  /** forecasts.yaml when it has no errors, else NO_FORECASTS (no baseline runs from a broken file). */
  forecasts: ForecastsConfig;
}

/**
 * `diagnostics` is every diagnostic of every file, sorted, in both cases (on success: the
 * warnings), so a caller can print it without looking at `ok`.
 */
export type ProjectResult =
  | (Extract<LoadResult<LoadedProject>, { ok: true }> & { diagnostics: Diagnostic[] })
  | (Extract<LoadResult<LoadedProject>, { ok: false }> & { partial: PartialProject });

function where(yaml: YamlFile, path: string[]): string {
  const pos = positionOf(yaml.doc, yaml.lineCounter, path);
  return `${yaml.file}:${pos.line}:${pos.column}`;
}

/** Later files repeating an id (in the order given) get an error at their `id`. */
function duplicateIds(files: (LayoutAnalysis | ThemeAnalysis)[], what: string): void {
  const first = new Map<string, YamlFile>();
  for (const a of files) {
    if (a.id === undefined || !a.yaml) continue;
    const earlier = first.get(a.id);
    if (!earlier) {
      first.set(a.id, a.yaml);
      continue;
    }
    const message = `${what} id "${a.id}" is already used by ${where(earlier, ['id'])}`;
    a.diagnostics.push(diagnosticAt(a.yaml, ['id'], 'duplicate-id', message));
  }
}

/** `Shift+Ctrl+F1` and `Ctrl+Shift+F1` are the same key. */
function canonicalHotkey(hotkey: string): string {
  const parts = hotkey.split('+');
  const key = parts.pop() ?? '';
  const order = ['Ctrl', 'Alt', 'Shift'];
  return [...new Set(parts)].sort((a, b) => order.indexOf(a) - order.indexOf(b)).concat(key).join('+');
}

function duplicateHotkeys(layouts: LayoutAnalysis[]): void {
  const first = new Map<string, LayoutAnalysis>();
  for (const a of layouts) {
    if (a.hotkey === undefined || !a.yaml) continue;
    const key = canonicalHotkey(a.hotkey);
    const earlier = first.get(key);
    if (!earlier?.yaml) {
      first.set(key, a);
      continue;
    }
    const owner = earlier.id !== undefined ? `layout "${earlier.id}"` : 'another layout';
    const message = `hotkey "${a.hotkey}" is already used by ${owner} (${where(earlier.yaml, ['hotkey'])})`;
    a.diagnostics.push(diagnosticAt(a.yaml, ['hotkey'], 'duplicate-hotkey', message));
  }
}

/** A reference to an id no file defines (ids of files with errors count as defined: no cascades). */
function reference(
  owner: Analysis<unknown>,
  field: string,
  value: string | undefined,
  known: string[],
  what: string,
): void {
  if (value === undefined || !owner.yaml || known.includes(value)) return;
  const hint = didYouMean(value, known) || (known.length > 0 ? ` (${what}s: ${known.join(', ')})` : ` (no ${what} files were given)`);
  owner.diagnostics.push(diagnosticAt(owner.yaml, [field], `unknown-${what}`, `unknown ${what} "${value}"${hint}`));
}

function ids(files: (LayoutAnalysis | ThemeAnalysis)[]): string[] {
  return [...new Set(files.flatMap((a) => (a.id === undefined ? [] : [a.id])))];
}

function crossChecks(wall: WallAnalysis | undefined, layouts: LayoutAnalysis[], themes: ThemeAnalysis[]): void {
  duplicateIds(themes, 'theme');
  duplicateIds(layouts, 'layout');
  duplicateHotkeys(layouts);
  const themeIds = ids(themes);
  const layoutIds = ids(layouts);
  for (const layout of layouts) reference(layout, 'theme', layout.theme, themeIds, 'theme');
  if (wall) {
    reference(wall, 'defaultLayout', wall.defaultLayout, layoutIds, 'layout');
    reference(wall, 'defaultTheme', wall.defaultTheme, themeIds, 'theme');
    const web = wall.web;
    for (const layout of layouts) if (web && layout.yaml) layout.diagnostics.push(...checkWebTilesOnWall(layout.yaml, web, layout.webTiles));
  }
  // A wall with errors elsewhere still places the layouts when its grid and screens are sound.
  const placing = wall?.value ?? wall?.geometry;
  if (!placing) return;
  for (const layout of layouts) {
    if (layout.yaml && layout.subdivision) {
      layout.diagnostics.push(...checkLayoutOnWall(layout.yaml, placing, layout.subdivision, layout.tiles));
    }
    if (layout.yaml) layout.diagnostics.push(...checkDegradedOnWall(layout.yaml, placing, layout.degraded));
  }
}

/** The layouts' own `schedule:` first, then automation.yaml's entries: a clash is reported in automation.yaml. */
function scheduleChecks(automation: AutomationAnalysis | undefined, layouts: LayoutAnalysis[]): void {
  const placed: PlacedEntry[] = [];
  for (const a of layouts) {
    // A layout sound on its own counts, even with errors against other files (an unknown theme).
    const layout = a.value;
    if (!layout || !a.yaml) continue;
    (layout.schedule ?? []).forEach((s, i) => {
      const entry = { id: `layout:${layout.id}#${i + 1}`, target: { layout: layout.id }, at: s.at, ...(s.days ? { days: s.days as Weekday[] } : {}) };
      placed.push({ entry, yaml: a.yaml!, path: ['schedule', i, 'at'], name: `layout "${layout.id}" schedule[${i}]` });
    });
  }
  const own = automation?.yaml;
  for (const { index, entry } of automation?.entries ?? []) if (own) placed.push({ entry, yaml: own, path: ['schedule', index, 'at'], name: `entry "${entry.id}"` });
  const problems = checkOverlappingEntries(placed);
  for (const d of problems) {
    const owner = d.file === automation?.file ? automation : layouts.find((l) => l.file === d.file);
    owner?.diagnostics.push(d);
  }
}

function valid<T>(analysis: Analysis<T>): T | undefined {
  return analysis.value !== undefined && !hasErrors(analysis.diagnostics) ? analysis.value : undefined;
}

/** Validates a whole project; never throws. */
export function loadProject(sources: ProjectSources): ProjectResult {
  const wall = sources.wall ? analyseWall(sources.wall) : undefined;
  const layouts = sources.layouts.map(analyseLayout);
  const themes = sources.themes.map(analyseTheme);
  const cameras = sources.cameras ? analyseCameras(sources.cameras) : undefined;
  const automation = sources.automation ? analyseAutomation(sources.automation) : undefined;
  const forecasts = sources.forecasts ? analyseForecasts(sources.forecasts) : undefined;
  const all: Pick<Analysis<unknown>, 'file' | 'diagnostics'>[] = [
    ...(wall ? [wall] : []), ...layouts, ...themes, ...(cameras ? [cameras] : []), ...(automation ? [automation] : []), ...(forecasts ? [forecasts] : []),
  ];
  try {
    crossChecks(wall, layouts, themes);
    if (automation) automation.diagnostics.push(...checkAutomationLayouts(automation, ids(layouts)));
    scheduleChecks(automation, layouts);
    for (const layout of layouts) if (layout.yaml) layout.diagnostics.push(...checkCameraReferences(layout.yaml, cameras ? cameras.ids : null));
  } catch (error) {
    all[0]?.diagnostics.push(internalError(all[0].file, error));
  }

  const validWall = wall ? valid(wall) : undefined;
  const validLayouts: Layout[] = [];
  for (const a of layouts) {
    const layout = valid(a);
    if (!layout) continue;
    validLayouts.push(layout);
    try {
      if (validWall && a.yaml) a.diagnostics.push(...lintLayout(a.yaml, validWall, layout));
    } catch (error) {
      a.diagnostics.push({ ...internalError(a.file, error), severity: 'warning' });
    }
  }
  const validThemes = themes.flatMap((a) => valid(a) ?? []);
  const validCameras = cameras?.value ?? [];
  const validAutomation = automation?.value && !hasErrors(automation.diagnostics) ? automation.value : NO_AUTOMATION;
  const validForecasts = forecasts?.value ?? NO_FORECASTS;

  const diagnostics = sortDiagnostics(all.flatMap((a) => a.diagnostics));
  if (validWall && !hasErrors(diagnostics)) {
    const value: LoadedProject = { wall: validWall, layouts: validLayouts, themes: validThemes, cameras: validCameras, automation: validAutomation, forecasts: validForecasts };
    return { ok: true, value, warnings: diagnostics, diagnostics };
  }
  return {
    ok: false,
    diagnostics,
    partial: { ...(validWall ? { wall: validWall } : {}), layouts: validLayouts, themes: validThemes, cameras: validCameras, automation: validAutomation, forecasts: validForecasts },
  };
}
