import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshness } from './demo-build.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A package root with files at the given modification times (seconds). */
function tree(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'wallrun-fresh-'));
  dirs.push(root);
  for (const [path, s] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), path);
    utimesSync(join(root, path), s, s);
  }
  return root;
}

describe('freshness of dist/ (npm start skips the build when fresh)', () => {
  const inputs = ['src', 'package.json'];
  const outputs = ['dist/a.js', 'dist/b.js'];

  it('is fresh when every output is newer than every input, since the oldest output', () => {
    const root = tree({ 'src/x/y.ts': 100, 'package.json': 50, 'dist/a.js': 200, 'dist/b.js': 150 });
    expect(freshness(root, inputs, outputs)).toEqual({ fresh: true, builtAt: 150_000 });
  });

  it('is stale, naming the file, when a source changed after the oldest output', () => {
    const root = tree({ 'src/x/y.ts': 160, 'package.json': 50, 'dist/a.js': 200, 'dist/b.js': 150 });
    expect(freshness(root, inputs, outputs)).toEqual({ fresh: false, why: 'src/x/y.ts changed since the last build' });
  });

  it('is stale when an output is missing', () => {
    const root = tree({ 'src/x/y.ts': 100, 'dist/a.js': 200 });
    expect(freshness(root, inputs, outputs)).toEqual({ fresh: false, why: 'dist/b.js is missing' });
  });

  it('ignores test files, which no build reads', () => {
    const root = tree({ 'src/x/y.ts': 100, 'src/x/y.test.ts': 900, 'dist/a.js': 200, 'dist/b.js': 200 });
    expect(freshness(root, inputs, outputs).fresh).toBe(true);
  });
});
