/**
 * `wallrun hub --store postgres://… --advertise-url URL` as an operator runs it (the built bin,
 * dist/ from `npm run build`): two hubs on one database, one leads and one stands by naming it;
 * a clean stop of the leader hands over; no line shows the store's password.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, nextEvent } from '../support/hub-fixtures.js';
import { hubDataWithTokens, repoRoot, scratchProject } from '../support/cli.js';
import { startPostgres, type PostgresCluster } from '../support/postgres-cluster.js';
import { freePort } from '../support/free-port.js';

function runHub(args: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/wallrun.js'), 'hub', ...args], { cwd, env: { ...process.env, ...env } });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => child.stdout.emit('text', (out += c)));
  child.stderr.setEncoding('utf8').on('data', (c: string) => void (err += c));
  const line = async (pattern: RegExp): Promise<string> => (pattern.test(out) ? out : await nextEvent<string>(child.stdout, 'text', (t) => pattern.test(t), 30_000));
  return { child, exited, line, output: () => out + err };
}

describe('wallrun hub --advertise-url (active and standby hubs)', () => {
  let cluster: PostgresCluster;
  const undo: (() => void)[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await cluster?.cleanup();
  });
  afterEach(() => {
    for (const u of undo.splice(0).reverse()) u();
  });

  it('two hubs on one database: one leads, the other stands by naming it, and takes over on a clean stop', async () => {
    const store = cluster.database('cli_standby').replace('postgres@', 'postgres:hemmelig-42@'); // trust auth: any password passes
    const start = async (name: string) => {
      const project = scratchProject();
      undo.push(project.remove);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const hub = runHub(['--insecure', '--port', String(port), '--data', hubDataWithTokens(project.dir), '--advertise-url', url, '--lease-ttl', '1500'], project.dir, { WALLRUN_STORE: store });
      undo.push(() => void hub.child.kill('SIGKILL'));
      return { name, url, ...hub };
    };
    const a = await start('a');
    await a.line(/wallrun hub leading on/);
    const b = await start('b');
    await b.line(/wallrun hub standing by on/);
    expect(b.output()).toContain('store postgres://postgres:***@127.0.0.1:');
    expect((await api(b.url, 'GET', '/healthz', null)).body).toMatchObject({ role: 'standby', leader: a.url });

    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    await b.line(/wallrun hub leading on/);
    expect((await api(b.url, 'GET', '/healthz', null)).body).toMatchObject({ ok: true, role: 'leader', leader: b.url });
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    expect(a.output() + b.output()).not.toContain('hemmelig');
  });

  it('refuses a bad --advertise-url or --lease-ttl with one clear line', async () => {
    const project = scratchProject();
    undo.push(project.remove);
    const store = cluster.database('cli_standby');
    const bad = runHub(['--insecure', '--port', '0', '--data', hubDataWithTokens(project.dir), '--advertise-url', 'https://hub-a:7400'], project.dir, { WALLRUN_STORE: store });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('--advertise-url is https:// but the hub serves plain HTTP (--insecure)');
    const ttl = runHub(['--insecure', '--lease-ttl', '50', '--advertise-url', 'http://127.0.0.1:7400'], project.dir, { WALLRUN_STORE: store });
    expect(await ttl.exited).not.toBe(0);
    expect(ttl.output()).toContain('expected milliseconds in [1000, 600000]');
  });
});
