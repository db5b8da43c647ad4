/**
 * The project's files on disk: where they are (wall.yaml, layouts/, themes/, or the paths a user
 * names), which kind each is, and their bytes as core's loaders take them (core does no I/O).
 * project-loader.ts reads a whole project through these.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, basename, dirname } from 'node:path';
import type { SourceFile } from '../core/files/load-result.js';

export type FileKind = 'wall' | 'layout' | 'theme' | 'cameras' | 'automation' | 'forecasts';

export interface ProjectFiles {
  wall?: SourceFile;
  layouts: SourceFile[];
  themes: SourceFile[];
  /** cameras.yaml, when there is one. */
  cameras?: SourceFile;
  /** automation.yaml, when there is one. */
  automation?: SourceFile;
  /** forecasts.yaml, when there is one. */
  forecasts?: SourceFile;
}

/** Where a project's files are (absolute): the wall file, whether or not it exists, and the YAML files. */
export interface ProjectPaths {
  wall: string;
  layouts: string[];
  themes: string[];
  /** cameras.yaml beside the wall file, whether or not it exists (it is optional). */
  cameras?: string;
  /** automation.yaml beside the wall file, whether or not it exists (it is optional). */
  automation?: string;
  /** forecasts.yaml beside the wall file, whether or not it exists (it is optional). */
  forecasts?: string;
}

const YAML_FILE = /\.ya?ml$/i;

/** Files as the user should see them in messages: relative to where they ran the command. */
export function displayPath(absolute: string, cwd = process.cwd()): string {
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}

export function readSource(absolute: string): SourceFile {
  return { path: displayPath(absolute), bytes: new Uint8Array(readFileSync(absolute)) };
}

function yamlFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => YAML_FILE.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Top-level fields that only one kind of file has (each kind's required fields among them). */
const KIND_FIELDS: Record<FileKind, readonly string[]> = {
  wall: ['grid', 'screens', 'nodes', 'viewingDistanceM', 'legibilityRatio', 'defaultLayout', 'defaultTheme', 'timezone'],
  layout: ['tiles', 'subdivision', 'hotkey', 'schedule', 'degraded', 'theme'],
  theme: ['colors', 'severity', 'font', 'staleOpacity'],
  cameras: ['cameras'],
  automation: ['rotations', 'takeover', 'cap', 'holdMinutes'],
  forecasts: ['hazards', 'baseline'],
};

/**
 * Which kind a file is: by its folder (layouts/, themes/), else by the schema its first line names,
 * else by its name (wall*.yaml), else by its top-level fields when they belong to one kind only (a
 * layout copied anywhere still has `tiles:`), so that a file anywhere is checked and its problems
 * get their line and column. Fields of two kinds, or none, leave it undecided: guessing would
 * report the wrong format's errors on exactly the broken files the user is trying to fix.
 */
export function kindOf(absolute: string): FileKind | undefined {
  const folder = basename(dirname(absolute));
  if (folder === 'layouts') return 'layout';
  if (folder === 'themes') return 'theme';
  const text = readFileSync(absolute, 'utf8');
  const schema = /\$schema=\S*?(wall|layout|theme|cameras|automation|forecasts)\.schema\.json/.exec(text.slice(0, 300));
  if (schema) return schema[1] as FileKind;
  if (/^wall\b.*\.ya?ml$/i.test(basename(absolute))) return 'wall';
  if (/^cameras\.ya?ml$/i.test(basename(absolute))) return 'cameras';
  if (/^automation\.ya?ml$/i.test(basename(absolute))) return 'automation';
  if (/^forecasts\.ya?ml$/i.test(basename(absolute))) return 'forecasts';
  return kindByFields(text);
}

function kindByFields(text: string): FileKind | undefined {
  const fields = new Set([...text.matchAll(/^([A-Za-z][\w-]*)[ \t]*:/gm)].map((m) => m[1]));
  const kinds = (Object.keys(KIND_FIELDS) as FileKind[]).filter((kind) => KIND_FIELDS[kind].some((f) => fields.has(f)));
  return kinds.length === 1 ? kinds[0] : undefined;
}

/** The project in `root`: wall.yaml, layouts/*.yaml, themes/*.yaml, and the optional cameras.yaml and automation.yaml. */
export function defaultProjectPaths(root: string, wallFile?: string): ProjectPaths {
  return {
    wall: resolve(root, wallFile ?? 'wall.yaml'),
    layouts: yamlFilesIn(join(root, 'layouts')),
    themes: yamlFilesIn(join(root, 'themes')),
    cameras: resolve(root, 'cameras.yaml'),
    automation: resolve(root, 'automation.yaml'),
    forecasts: resolve(root, 'forecasts.yaml'),
  };
}

/** Expands the user's paths (files or folders) to YAML files, reporting paths that don't exist. */
export function expandPaths(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) missing.push(p);
    else if (statSync(abs).isDirectory()) files.push(...yamlFilesIn(abs));
    else files.push(abs);
  }
  return { files, missing };
}
