/** What "a clear error" means for the fuzz targets, as assertions. */
import { expect } from 'vitest';
import type { Diagnostic } from '../../../src/core/files/diagnostics.js';

/**
 * A validator's error: `field.path[2]: message` (`payload: message` for the whole payload); a path
 * starts with no blank and holds no colon outside a quoted (JSON) field name.
 */
const VALIDATOR_ERROR = /^(?:"(?:[^"\\]|\\.)*"|[^\s:"])(?:"(?:[^"\\]|\\.)*"|[^:"])*: \S.*$/su;

export function expectClearValidatorErrors(errors: readonly string[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(typeof e).toBe('string');
    expect(e, `not "field: message": ${e}`).toMatch(VALIDATOR_ERROR);
  }
}

/** Each diagnostic points into `file` (line, column ≥ 0), has a code and a message, and is no crash. */
export function expectClearDiagnostics(list: readonly Diagnostic[], file: string): void {
  for (const d of list) {
    expect(d.code, d.message).not.toBe('internal-error');
    expect(d.file).toBe(file);
    expect(['error', 'warning']).toContain(d.severity);
    expect(Number.isInteger(d.line) && d.line >= 0 && Number.isInteger(d.column) && d.column >= 0, `${d.line}:${d.column}`).toBe(true);
    // Line 0 is the whole file; a place in the file has both a line and a column.
    expect(d.line === 0 ? d.column === 0 : d.column >= 1, `${d.line}:${d.column}`).toBe(true);
    expect(d.code.length).toBeGreaterThan(0);
    expect(d.message.trim().length).toBeGreaterThan(0);
    expect(typeof d.field).toBe('string');
  }
}
