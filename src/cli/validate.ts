/**
 * `wallrun validate [paths…]`: the project (or the files named) read by the one loader and checked,
 * plus the themes' fonts; only problems in the named files are reported, with an exit code that
 * CI can use (`--strict`: warnings fail too).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../core/files/diagnostics.js';
import { checkThemeFonts } from './font-check.js';
import { defaultProjectPaths, displayPath, expandPaths, kindOf } from '../node/files.js';
import { loadProjectFiles } from '../node/project-loader.js';

export interface ValidateOptions {
  root: string;
  wallFile?: string;
  strict: boolean;
  json: boolean;
}

export interface ValidateResult {
  exitCode: number;
  diagnostics: Diagnostic[];
  checked: string[];
  /** Time spent reading and checking, without Node's start-up: lets tests compare runs as ratios. */
  elapsedMs: number;
}

/**
 * Validates the named files (default: the whole project). A single layout is still checked against
 * the wall and themes around it, since "tile outside the wall" and "unknown theme" need them, but only
 * problems in the named files are reported.
 */
export function runValidate(paths: string[], opts: ValidateOptions): ValidateResult {
  const started = performance.now();
  const defaults = defaultProjectPaths(opts.root, opts.wallFile);
  const defaultCameras = defaults.cameras && existsSync(defaults.cameras) ? [defaults.cameras] : [];
  const defaultAutomation = defaults.automation && existsSync(defaults.automation) ? [defaults.automation] : [];
  const defaultForecasts = defaults.forecasts && existsSync(defaults.forecasts) ? [defaults.forecasts] : [];
  const targets = paths.length
    ? expandPaths(paths)
    : { files: [defaults.wall, ...defaults.layouts, ...defaults.themes, ...defaultCameras, ...defaultAutomation, ...defaultForecasts], missing: [] };
  const diagnostics: Diagnostic[] = targets.missing.map((p) => fileProblem(p, 'file-not-found', 'no such file or folder'));

  let wall = existsSync(defaults.wall) ? defaults.wall : undefined;
  const layouts = new Set(defaults.layouts);
  const themes = new Set(defaults.themes);
  let cameras = defaultCameras[0];
  let automation = defaultAutomation[0];
  let forecasts = defaultForecasts[0];
  for (const file of targets.files) {
    const kind = kindOf(file);
    if (kind === 'wall') wall = file;
    else if (kind === 'layout') layouts.add(file);
    else if (kind === 'theme') themes.add(file);
    else if (kind === 'cameras') cameras = file;
    else if (kind === 'automation') automation = file;
    else if (kind === 'forecasts') forecasts = file;
    else diagnostics.push(fileProblem(displayPath(file), 'unknown-file-kind',
      'cannot tell whether this is a wall, layout, theme, cameras, automation or forecasts file (its top-level fields are of several kinds, or of none): put it in layouts/ or themes/, name it wall.yaml, or start it with "# yaml-language-server: $schema=…/layout.schema.json"'));
  }
  if (!wall) diagnostics.push(fileProblem(displayPath(defaults.wall), 'file-not-found', 'the wall file is missing (every layout is checked against it)'));

  // Without a wall file of its own, the default path is given: missing, it is left out.
  const { sources, result } = loadProjectFiles({ wall: wall ?? defaults.wall, layouts: [...layouts], themes: [...themes], ...(cameras ? { cameras } : {}), ...(automation ? { automation } : {}), ...(forecasts ? { forecasts } : {}) });
  const themeSources = sources.themes;
  const validThemes = result.ok ? result.value.themes : result.partial.themes;
  const checked = new Set(targets.files.map((f) => displayPath(f)));
  diagnostics.push(...[...result.diagnostics, ...checkThemeFonts(validThemes, themeSources)].filter((d) => checked.has(d.file)));

  const sorted = sortDiagnostics(diagnostics);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  const warnings = sorted.length - errors;
  const failed = errors > 0 || (opts.strict && warnings > 0);
  return { exitCode: failed ? 1 : 0, diagnostics: sorted, checked: [...checked], elapsedMs: performance.now() - started };
}

function fileProblem(file: string, code: string, message: string): Diagnostic {
  return { severity: 'error', file, line: 0, column: 0, field: '', code, message };
}

export function printValidate(result: ValidateResult, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify({ ok: result.exitCode === 0, checked: result.checked, diagnostics: result.diagnostics, elapsedMs: Math.round(result.elapsedMs) }, null, 2) + '\n');
    return;
  }
  for (const d of result.diagnostics) (d.severity === 'error' ? process.stderr : process.stdout).write(formatDiagnostic(d) + '\n');
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const summary = `${result.checked.length} files checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  (result.exitCode ? process.stderr : process.stdout).write(summary + '\n');
}

export function resolveRoot(root?: string): string {
  return resolve(root ?? process.cwd());
}
