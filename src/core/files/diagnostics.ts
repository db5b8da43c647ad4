/**
 * A problem found in a user's file, pointing at the exact place: `file:line:column: message`.
 * Errors stop a file from being used; warnings (lint) only inform unless the CLI runs `--strict`.
 */
export type DiagnosticSeverity = 'error' | 'warning';

export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Path of the file as the user named it. */
  file: string;
  /** 1-based line and column; 0 when the problem concerns the whole file (e.g. it is empty). */
  line: number;
  column: number;
  /** Field path inside the file, e.g. `tiles[3].cell.colSpan`; empty for file-level problems. */
  field: string;
  /** Stable machine-readable code, e.g. `yaml-duplicate-key`, `tile-outside-wall`. */
  code: string;
  message: string;
}

/** `layouts/overview.yaml:12:7: error: tiles[3].cell.colSpan: ...` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  const field = d.field ? `${d.field}: ` : '';
  return `${where}: ${d.severity}: ${field}${d.message}`;
}

/** Sorts by file, then position, so output reads top to bottom. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** A field path from its segments: ['tiles', 3, 'cell'] → `tiles[3].cell`. */
export function fieldPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}
