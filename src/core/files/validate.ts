/**
 * The loaders: bytes → YAML → schema → model with defaults → checks within the file. Every
 * problem of a file comes back at once; nothing throws. Checks that need other files (the wall
 * for a layout's tiles, themes for its theme) and lint run in project.ts.
 */
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import type { DegradedRules, Layout, Screen, Theme, Tile, Wall, WallGrid, WebAccess } from '../wall/model.js';
import type { LoadResult, SourceFile } from './load-result.js';
import * as normalise from './normalise.js';
import { cleanString, itemsFor, runSchema, validators, type CleanTest } from './schema-parts.js';
import { checkLayoutFile, checkWallFile, geometryWall, type Indexed } from './checks.js';
import { checkCameraTileSources } from './cameras.js';
import { checkDegraded } from './degraded-checks.js';
import { checkWebAccess, checkWebTileUrls, webSecretField } from './web-checks.js';
import { parseYamlSource, type ParsedYaml } from './yaml-source.js';

/** What a file yielded: its diagnostics, its model when it has no errors, and its clean parts for cross-file checks. */
export interface Analysis<T> {
  file: string;
  diagnostics: Diagnostic[];
  /** Absent when the file could not be parsed. */
  yaml?: ParsedYaml;
  /** The model, only when the file has no errors. */
  value?: T;
}

export interface WallAnalysis extends Analysis<Wall> {
  /**
   * While the file has errors but its grid and every screen's place passed: a wall with only the
   * geometry (no nodes, placeholder settings), so layouts are still checked against where the panels are.
   */
  geometry?: Wall;
  /** Set when valid in the file even if other fields are not. */
  defaultLayout?: string;
  defaultTheme?: string;
  /** `web` when it passed the schema (no section: no origins, no credentials), for the layouts' web tiles. */
  web?: WebAccess;
}

export interface LayoutAnalysis extends Analysis<Layout> {
  id?: string;
  theme?: string;
  hotkey?: string;
  subdivision?: Layout['subdivision'];
  /** Tiles whose placement (`cell` or `rect`) passed the schema, with their index in the file. */
  tiles: Indexed<Tile>[];
  /** The `degraded` section, when present and without schema errors. */
  degraded?: DegradedRules;
  /** Web tiles whose widget passed the schema, each with only its props that passed, for the checks against wall.yaml `web`. */
  webTiles: Indexed<Tile>[];
}

export interface ThemeAnalysis extends Analysis<Theme> {
  id?: string;
}

/** What a screen's place and outline on the wall are made of (rotation turns the default resolution). */
const SCREEN_GEOMETRY = ['cell', 'rect', 'resolution', 'rotation', 'activeMm', 'bezelMm'] as const;

/** Wall rules whose errors leave the screens' places in doubt. */
const GEOMETRY_CODES = new Set(['screen-outside-grid', 'screens-overlap']);

/** Stand-in panel for screens' defaults while the grid itself has errors (geometry checks are skipped then). */
const NO_PANEL: WallGrid['panel'] = {
  resolution: { width: 1, height: 1 },
  activeMm: { width: 1, height: 1 },
  bezelMm: { top: 0, right: 0, bottom: 0, left: 0 },
};

function analyseWallFile(source: SourceFile): WallAnalysis {
  const { parsed: yaml, diagnostics } = parseYamlSource(source);
  if (!yaml) return { file: source.path, diagnostics };
  const clean = runSchema(validators().wall, yaml, diagnostics, undefined, webSecretField);
  const data = yaml.data;
  const web = data.web === undefined || clean(['web']) ? normalise.web(data.web ?? {}) : undefined;
  const grid = clean(['grid']) ? normalise.grid(data.grid) : undefined;
  const screensReading = (reads: readonly string[]): Indexed<Screen>[] =>
    itemsFor(data.screens, 'screens', clean, reads, (raw) => normalise.screen(raw, grid?.panel ?? NO_PANEL));
  const rules = checkWallFile(yaml, grid, {
    placed: screensReading(SCREEN_GEOMETRY),
    displayed: screensReading(['node', 'display']),
  });
  diagnostics.push(...rules, ...checkWebAccess(yaml, data.web, clean));
  const ok = !hasErrors(diagnostics);
  // Every screen where it should be, even if other fields are broken: layouts can still be placed.
  const placed = screensReading(['id', ...SCREEN_GEOMETRY]);
  const geometrySound = grid !== undefined && placed.length > 0 && placed.length === (data.screens as unknown[]).length &&
    !rules.some((d) => GEOMETRY_CODES.has(d.code));
  return {
    file: source.path,
    diagnostics,
    yaml,
    ...(ok ? { value: normalise.wall(data, source.path) } : {}),
    ...(!ok && geometrySound ? { geometry: geometryWall(source.path, grid, placed.map((s) => s.value)) } : {}),
    defaultLayout: cleanString(data, 'defaultLayout', clean),
    defaultTheme: cleanString(data, 'defaultTheme', clean),
    ...(web ? { web } : {}),
  };
}

/** Web tiles whose widget passed, each with only its props that passed (a bad refreshS leaves the URL checked). */
function webTilesOf(data: unknown, clean: CleanTest): Indexed<Tile>[] {
  return itemsFor(data, 'tiles', clean, ['widget'], (raw) => raw).flatMap(({ index, value }) => {
    const props = (data as Record<string, unknown>[])[index]?.props;
    if (value.widget !== 'web' || props === null || typeof props !== 'object' || Array.isArray(props)) return [];
    const sound = Object.entries(props).filter(([key]) => clean(['tiles', index, 'props', key]));
    return [{ index, value: normalise.tile({ ...value, props: Object.fromEntries(sound) }) }];
  });
}

function analyseLayoutFile(source: SourceFile): LayoutAnalysis {
  const { parsed: yaml, diagnostics } = parseYamlSource(source);
  if (!yaml) return { file: source.path, diagnostics, tiles: [], webTiles: [] };
  const data = yaml.data;
  const clean = runSchema(validators().layout, yaml, diagnostics);
  const tiles = itemsFor(data.tiles, 'tiles', clean, ['cell', 'rect'], normalise.tile);
  const withTopics = itemsFor(data.tiles, 'tiles', clean, ['widget', 'topics'], normalise.tile);
  const webTiles = webTilesOf(data.tiles, clean);
  const degraded = data.degraded !== undefined && clean(['degraded']) ? normalise.degraded(data.degraded) : undefined;
  diagnostics.push(
    ...checkLayoutFile(yaml, withTopics),
    ...checkDegraded(yaml, degraded),
    ...checkWebTileUrls(yaml, webTiles),
    ...checkCameraTileSources(yaml),
  );
  const ok = !hasErrors(diagnostics);
  return {
    file: source.path,
    diagnostics,
    yaml,
    ...(ok ? { value: normalise.layout(data, source.path) } : {}),
    id: cleanString(data, 'id', clean),
    theme: cleanString(data, 'theme', clean),
    hotkey: cleanString(data, 'hotkey', clean),
    ...(clean(['subdivision']) ? { subdivision: normalise.subdivision(data.subdivision) } : {}),
    tiles,
    ...(degraded ? { degraded } : {}),
    webTiles,
  };
}

function analyseThemeFile(source: SourceFile): ThemeAnalysis {
  const { parsed: yaml, diagnostics } = parseYamlSource(source);
  if (!yaml) return { file: source.path, diagnostics };
  const clean = runSchema(validators().theme, yaml, diagnostics);
  const ok = !hasErrors(diagnostics);
  return {
    file: source.path,
    diagnostics,
    yaml,
    ...(ok ? { value: normalise.theme(yaml.data, source.path) } : {}),
    id: cleanString(yaml.data, 'id', clean),
  };
}

/** A bug in a loader must not take the caller down: it becomes a diagnostic on the file. */
export function internalError(file: string, error: unknown): Diagnostic {
  const message = `internal error while checking this file: ${error instanceof Error ? error.message : String(error)}`;
  return { severity: 'error', file, line: 0, column: 0, field: '', code: 'internal-error', message };
}

function guarded<A extends Analysis<unknown>>(source: SourceFile, run: (s: SourceFile) => A, fallback: A): A {
  try {
    return run(source);
  } catch (error) {
    return { ...fallback, diagnostics: [internalError(source.path, error)] };
  }
}

export function analyseWall(source: SourceFile): WallAnalysis {
  return guarded(source, analyseWallFile, { file: source.path, diagnostics: [] });
}

export function analyseLayout(source: SourceFile): LayoutAnalysis {
  return guarded(source, analyseLayoutFile, { file: source.path, diagnostics: [], tiles: [], webTiles: [] });
}

export function analyseTheme(source: SourceFile): ThemeAnalysis {
  return guarded(source, analyseThemeFile, { file: source.path, diagnostics: [] });
}

/** An analysis as a LoadResult: the model with its warnings, or every diagnostic sorted. */
export function toResult<T>(analysis: Analysis<T>): LoadResult<T> {
  if (analysis.value !== undefined && !hasErrors(analysis.diagnostics)) {
    return { ok: true, value: analysis.value, warnings: sortDiagnostics(analysis.diagnostics) };
  }
  return { ok: false, diagnostics: sortDiagnostics(analysis.diagnostics) };
}

/** `wall.yaml` alone: everything but the layout and theme references (see loadProject). */
export function loadWall(source: SourceFile): LoadResult<Wall> {
  return toResult(analyseWall(source));
}

/** One layout alone: schema and in-file checks; tiles against the wall and lint need loadProject. */
export function loadLayout(source: SourceFile): LoadResult<Layout> {
  return toResult(analyseLayout(source));
}

export function loadTheme(source: SourceFile): LoadResult<Theme> {
  return toResult(analyseTheme(source));
}
