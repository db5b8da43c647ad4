import type { Diagnostic } from './diagnostics.js';

/** A user's file as the caller read it: core does no I/O. `path` is shown in every diagnostic. */
export interface SourceFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * What every loader returns; loaders never throw. `ok: false` carries every diagnostic found in the
 * input (errors and any warnings), sorted by file and position; `ok: true` carries only warnings.
 */
export type LoadResult<T> =
  | { ok: true; value: T; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };
