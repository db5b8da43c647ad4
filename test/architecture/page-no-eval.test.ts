/**
 * The wall page's CSP (script-src 'self', src/core/kiosk/page-csp.ts) forbids eval, so its protocol
 * validators are compiled at build time (src/shell/build-validators.ts): the page bundle carries
 * them as code, carries no ajv (which compiles with `new Function`), and none of our own modules in
 * it (src/, the generated validators included) calls `new Function` or `eval`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer } from '../../src/shell/build-renderer.js';

/** The bundle split into its modules, by the `// path` line esbuild writes before each (unminified). */
function modules(bundle: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = bundle.split(/^\/\/ ((?:src|node_modules)\/\S+)$/m);
  for (let i = 1; i < parts.length; i += 2) out.set(parts[i]!, (out.get(parts[i]!) ?? '') + parts[i + 1]!);
  return out;
}

const EVAL = /\bnew Function\s*\(|\beval\s*\(/;

describe('the wall page bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wallrun-page-'));
  let bundle = new Map<string, string>();
  beforeAll(async () => {
    await buildRenderer({ outDir: dir, minify: false });
    bundle = modules(readFileSync(join(dir, 'wall.js'), 'utf8'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the validators generated at build time, and no ajv', () => {
    const validators = bundle.get('src/core/protocol/generated/validators.ts');
    expect(validators).toMatch(/function validate\d+\(/);
    expect([...bundle.keys()].filter((m) => m.startsWith('node_modules/ajv'))).toEqual([]);
  });

  it('has no module of ours that calls new Function or eval', () => {
    const ours = [...bundle.entries()].filter(([m]) => m.startsWith('src/'));
    expect(ours.length).toBeGreaterThan(50);
    expect(ours.filter(([, code]) => EVAL.test(code)).map(([m]) => m)).toEqual([]);
  });

  it('would see a planted new Function', () => {
    expect(EVAL.test('const f = new Function("a", "return a");')).toBe(true);
    expect(EVAL.test('globalThis.eval ( "1" )')).toBe(true);
  });
});
