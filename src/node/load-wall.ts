import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDiagnostic } from '../core/files/diagnostics.js';
import type { Wall } from '../core/wall/model.js';
import { loadWall } from '../core/files/validate.js';
import { readSource } from './files.js';

/** Loads just the wall file, printing its diagnostics; inspect needs no layouts. */
export function loadWallForInspect(root: string, wallFile: string): { wall?: Wall } {
  const path = resolve(root, wallFile);
  if (!existsSync(path)) {
    process.stderr.write(`wallrun: ${wallFile}: no such file\n`);
    return {};
  }
  const result = loadWall(readSource(path));
  if (!result.ok) {
    for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    return {};
  }
  return { wall: result.value };
}
