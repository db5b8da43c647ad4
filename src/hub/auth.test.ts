import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/hub-fixtures.js';
import { TokenRegistry, addDemoEditorToken, parseTokenSpecs, readTokensFile, writeDemoTokens } from './auth.js';

describe('tokens', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) d.remove();
  });

  it('verifies clear and SHA-256 tokens to their principal, and nothing else', () => {
    const secret = 'operator-secret-0123456789abcdef';
    const registry = new TokenRegistry([
      { name: 'node-1', role: 'wall', token: 'wall-secret-0123456789abcdefgh', node: 'node-1' },
      { name: 'Lan', role: 'operator', sha256: createHash('sha256').update(secret).digest('hex') },
    ]);
    expect(registry.verify('wall-secret-0123456789abcdefgh')).toEqual({ name: 'node-1', role: 'wall', node: 'node-1' });
    expect(registry.verify(secret)).toEqual({ name: 'Lan', role: 'operator' });
    for (const bad of ['', 'wall-secret', 42, null, undefined, 'x'.repeat(10_000)]) expect(registry.verify(bad)).toBeNull();
  });

  it('reports every problem of a tokens file at once', () => {
    expect(() =>
      parseTokenSpecs({ tokens: [{ name: 'a', role: 'admin', token: 'short' }, { name: 'b', role: 'wall' }, { name: 'c', role: 'operator', token: 'x'.repeat(30), node: 'n' }, { name: 'd', role: 'wall', sha256: 'zz', extra: 1 }] }, 'tokens.json'),
    ).toThrow(
      /tokens\[0\]\.role[\s\S]*tokens\[0\]\.token: at least 24[\s\S]*tokens\[1\]: give exactly one of token, sha256[\s\S]*tokens\[2\]\.node[\s\S]*tokens\[3\]: unknown field\(s\) extra[\s\S]*tokens\[3\]\.sha256/,
    );
    expect(() => parseTokenSpecs([], 'f')).toThrow(/expected \{ "tokens"/);
  });

  it('writes demo tokens of every role (mode 600) and reads them back', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    expect(readTokensFile(tmp.dir)).toBeNull();
    const written = writeDemoTokens(tmp.dir);
    expect(written.map((t) => t.role)).toEqual(['wall', 'operator', 'editor', 'integration']);
    expect(written.every((t) => (t.token ?? '').length >= 43)).toBe(true);
    const file = path.join(tmp.dir, 'tokens.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readTokensFile(tmp.dir)).toEqual(written);
    writeFileSync(file, '{ nope');
    expect(() => readTokensFile(tmp.dir)).toThrow(/not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{ nope');
  });

  it('adds an editor token to a demo tokens file from before editors, and to no other file', () => {
    const demo = tempDir();
    const other = tempDir();
    dirs.push(demo, other);
    const file = (d: { dir: string }) => path.join(d.dir, 'tokens.json');
    writeFileSync(file(demo), JSON.stringify({ tokens: [{ name: 'demo-wall', role: 'wall', token: 'w'.repeat(43) }, { name: 'Trực ban IOC', role: 'operator', token: 'o'.repeat(43) }] }));
    writeFileSync(file(other), JSON.stringify({ tokens: [{ name: 'node-1', role: 'wall', token: 'w'.repeat(43) }] }));
    addDemoEditorToken(demo.dir);
    addDemoEditorToken(other.dir);
    const roles = (d: { dir: string }) => readTokensFile(d.dir)!.map((t) => t.role);
    expect(roles(demo)).toEqual(['wall', 'operator', 'editor']);
    expect(statSync(file(demo)).mode & 0o777).toBe(0o600);
    expect(roles(other)).toEqual(['wall']);
    const before = readFileSync(file(demo), 'utf8');
    addDemoEditorToken(demo.dir); // once only
    expect(readFileSync(file(demo), 'utf8')).toBe(before);
  });
});
