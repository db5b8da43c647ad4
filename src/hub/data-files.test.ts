// The hub's data folder as issue 11 requires it: a folder only the hub's user may enter, every file
// the hub writes there 600 (hub.sqlite and SQLite's -wal and -shm included), a warning naming the
// file and its mode for a tokens.json or operators.json others can read, and a tokens.json giving
// one secret to two entries refused at start, naming both and the file.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKENS, TOKEN_SPECS, api, tempDir } from '../../test/support/hub-fixtures.js';
import { readTokensFile, writeDemoTokens } from './auth.js';
import { startHub, type Hub } from './server.js';

const mode = (file: string): string => (statSync(file).mode & 0o777).toString(8);
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const POSIX = process.platform !== 'win32';

describe.runIf(POSIX)('the hub data folder', () => {
  const dirs: { remove(): void }[] = [];
  const hubs: Hub[] = [];
  afterEach(async () => {
    for (const h of hubs.splice(0)) await h.destroy();
    for (const d of dirs.splice(0)) d.remove();
  });
  const start = async (dataDir: string, log: (m: string) => void = () => undefined, tokens = true) => {
    const hub = await startHub({ dataDir, log, insecure: true, ...(tokens ? { tokens: TOKEN_SPECS } : {}) });
    hubs.push(hub);
    return hub;
  };
  const tmp = () => {
    const t = tempDir();
    dirs.push(t);
    return t.dir;
  };

  it('is created 700, and hub.sqlite, -wal and -shm are 600', async () => {
    const dataDir = path.join(tmp(), 'data', 'hub');
    const hub = await start(dataDir);
    // A write goes through the WAL, so -wal and -shm exist now.
    expect((await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'a.b', value: 1 }] })).status).toBe(202);
    expect(mode(dataDir)).toBe('700');
    for (const name of ['hub.sqlite', 'hub.sqlite-wal', 'hub.sqlite-shm']) {
      const file = path.join(dataDir, name);
      expect([name, existsSync(file)]).toEqual([name, true]);
      expect([name, mode(file)]).toEqual([name, '600']);
    }
  });

  it('narrows the database files of an older hub (644) to 600', async () => {
    const dataDir = tmp();
    await (await start(dataDir)).destroy();
    for (const name of ['hub.sqlite', 'hub.sqlite-wal', 'hub.sqlite-shm']) {
      const file = path.join(dataDir, name);
      if (!existsSync(file)) writeFileSync(file, '');
      chmodSync(file, 0o644);
    }
    const hub = await start(dataDir);
    expect((await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'a.b', value: 2 }] })).status).toBe(202);
    for (const name of ['hub.sqlite', 'hub.sqlite-wal', 'hub.sqlite-shm']) expect([name, mode(path.join(dataDir, name))]).toEqual([name, '600']);
  });

  it('writes demo tokens 600', () => {
    const dataDir = tmp();
    writeDemoTokens(dataDir);
    expect(mode(path.join(dataDir, 'tokens.json'))).toBe('600');
  });

  it('warns, naming the file and its mode, when tokens.json or operators.json is readable by others', async () => {
    const dataDir = tmp();
    const tokensFile = path.join(dataDir, 'tokens.json');
    const operatorsFile = path.join(dataDir, 'operators.json');
    writeFileSync(tokensFile, JSON.stringify({ tokens: TOKEN_SPECS }));
    writeFileSync(operatorsFile, JSON.stringify({ operators: [{ name: 'Nguyễn Thị Lan', pin: '4827' }] }));
    chmodSync(tokensFile, 0o644);
    chmodSync(operatorsFile, 0o640);
    const lines: string[] = [];
    await start(dataDir, (m) => lines.push(m), false);
    expect(lines.filter((l) => l.includes(tokensFile))).toEqual([expect.stringMatching(/^warning: .*tokens\.json has mode 644: its group or others can read it/)]);
    expect(lines.filter((l) => l.includes(operatorsFile))).toEqual([expect.stringMatching(/^warning: .*operators\.json has mode 640/)]);
    await hubs.pop()!.destroy();

    chmodSync(tokensFile, 0o600);
    chmodSync(operatorsFile, 0o600);
    lines.length = 0;
    await start(dataDir, (m) => lines.push(m), false);
    // The only warning left is the plain-HTTP one this test's hub is started with (transport.ts).
    expect(lines.filter((l) => l.startsWith('warning:') && !l.startsWith('warning: plain HTTP'))).toEqual([]);
  });

  it('refuses to start on a tokens.json that gives one secret to two entries, naming both and the file', async () => {
    const dataDir = tmp();
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'tokens.json');
    const shared = 'shared-secret-0123456789abcdefgh';
    writeFileSync(file, JSON.stringify({ tokens: [
      { name: 'node-1', role: 'wall', token: 'wall-secret-0123456789abcdefgh' },
      { name: 'Nguyễn Thị Lan', role: 'operator', token: shared },
      { name: 'he-thong', role: 'integration', token: 'integration-secret-0123456789ab' },
      { name: 'Trần Văn Bình', role: 'editor', sha256: sha256(shared).toUpperCase() }, // the same secret as its digest
    ] }), { mode: 0o600 });
    const expected = `${file}: tokens[1] ("Nguyễn Thị Lan", operator) and tokens[3] ("Trần Văn Bình", editor) have the same secret: give each entry its own`;
    expect(() => readTokensFile(dataDir)).toThrow(expected);
    await expect(start(dataDir, () => undefined, false)).rejects.toThrow(expected);
    // The same file with its own secret per entry starts.
    writeFileSync(file, JSON.stringify({ tokens: TOKEN_SPECS }));
    expect(readTokensFile(dataDir)).toHaveLength(TOKEN_SPECS.length);
  });
});
