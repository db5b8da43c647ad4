import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultWebCredentialsPath, readWebCredentials } from './web-credentials-file.js';

const dir = mkdtempSync(join(tmpdir(), 'wallrun-webcred-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe('readWebCredentials', () => {
  it('reads a private file', () => {
    const path = file('ok.json', JSON.stringify({ grafana: { username: 'wall', password: 'pw' } }), 0o600);
    expect(readWebCredentials(path)).toEqual({ secrets: { grafana: { kind: 'basic', username: 'wall', password: 'pw' } }, problems: [] });
  });

  it('refuses a file others can read, naming it, and reads none of it', () => {
    const path = file('open.json', JSON.stringify({ grafana: { username: 'wall', password: 'topsecret' } }), 0o644);
    const read = readWebCredentials(path);
    expect(read.secrets).toBe(`${path}: refused: other users can read or change it (mode 644); run chmod 600 ${path}`);
    expect(read.problems).toEqual([read.secrets]);
    expect(JSON.stringify(read)).not.toContain('topsecret');
  });

  it('a missing file or invalid JSON leaves every credential without a secret, with the reason', () => {
    expect(readWebCredentials(join(dir, 'none.json')).secrets).toBe(`${join(dir, 'none.json')}: no such file`);
    const bad = file('bad.json', '{"grafana": {"password": "topsecret"', 0o600);
    expect(readWebCredentials(bad)).toEqual({ secrets: `${bad}: is not valid JSON`, problems: [`${bad}: is not valid JSON`] });
  });

  it('lives beside the node config by default', () => {
    expect(defaultWebCredentialsPath({ XDG_CONFIG_HOME: '/etc/xdg' })).toBe('/etc/xdg/wallrun/web-credentials.json');
    expect(defaultWebCredentialsPath({})).toMatch(/\.config\/wallrun\/web-credentials\.json$/);
  });
});
