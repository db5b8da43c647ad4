/**
 * One vocabulary (docs/formats.md "Vocabulary"): the wall (src/renderer) and the console
 * (src/console) take severity, state and sector words from src/core/wall/vocabulary.ts, and
 * neither keeps a table of its own. The console's rendered words are compared with the core's by
 * test/e2e/console.test.ts; the wall's by the alert widgets' scene state in test/e2e/alerts.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALERT_STATE_TERMS, AUTOMATION_SOURCE_TERMS, SECTOR_TERMS, SEVERITY_TERMS } from '../../src/core/wall/vocabulary.js';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

const FILES = [...sources('src/renderer'), ...sources('src/console')];
const TERMS = [...Object.values(SEVERITY_TERMS), ...Object.values(ALERT_STATE_TERMS), ...Object.values(SECTOR_TERMS), ...Object.values(AUTOMATION_SOURCE_TERMS)];
const IDS = new Set([...Object.keys(SEVERITY_TERMS), ...Object.keys(ALERT_STATE_TERMS), ...Object.keys(SECTOR_TERMS), ...Object.keys(AUTOMATION_SOURCE_TERMS)]);
/** Vietnamese words in any case; English ones as written (in lower case they are often the ids). */
const WORDS: [string, string][] = [
  ...TERMS.map((t): [string, string] => [t.vi, 'iu']),
  ...TERMS.filter((t) => !IDS.has(t.en)).map((t): [string, string] => [t.en, 'u']),
];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('one vocabulary for wall and console', () => {
  it('finds the sources it checks', () => {
    expect(FILES.some((f) => f.endsWith('alerts-view.ts'))).toBe(true);
    expect(FILES.some((f) => f.endsWith('alert-list.ts'))).toBe(true);
  });

  it('no wall or console source spells a vocabulary word as a string of its own', () => {
    const found: string[] = [];
    for (const file of FILES) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const [word, flags] of WORDS) {
        // The word as a whole string literal: 'Khẩn cấp', ' (đã xác nhận)'.
        const literal = new RegExp(`['"\`]\\s*\\(?${escape(word)}\\)?\\s*['"\`]`, flags);
        if (literal.test(text)) found.push(`${file}: "${word}"`);
      }
      // A table keyed by severity levels, the shape a second vocabulary takes.
      if (/\bcritical\s*:\s*['"`{]/.test(text) && /\bmajor\s*:\s*['"`{]/.test(text)) found.push(`${file}: a severity table`);
    }
    expect(found).toEqual([]);
  });

  it('the wall and the console both draw their words from the core module', () => {
    const importsCore = (file: string): boolean => /from '(\.\.\/)+core\/wall\/vocabulary\.js'/.test(readFileSync(join(ROOT, file), 'utf8'));
    for (const file of ['src/console/alerts-view.ts', 'src/console/automation-text.ts', 'src/renderer/widgets/alert-list.ts', 'src/renderer/widgets/ticker.ts', 'src/renderer/widgets/alert-details.ts']) {
      expect(importsCore(file), file).toBe(true);
    }
  });
});
