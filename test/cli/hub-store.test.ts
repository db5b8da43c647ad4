/**
 * `wallrun hub --store` / WALLRUN_STORE as an operator runs it (the built bin, dist/ from `npm run
 * build`): a PostgreSQL store is used and named without its password; a bad URL or a server that
 * cannot be reached stops the start with a clear line, never showing the password.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, nextEvent, TOKENS } from '../support/hub-fixtures.js';
import { hubDataWithTokens, repoRoot, scratchProject } from '../support/cli.js';
import { startPostgres, type PostgresCluster } from '../support/postgres-cluster.js';

function runHub(args: string[], cwd: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/wallrun.js'), 'hub', ...args], { cwd, env: { ...process.env, ...env } });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => child.stdout.emit('text', (out += c)));
  child.stderr.setEncoding('utf8').on('data', (c: string) => void (err += c));
  const listening = async (): Promise<string> => {
    const text = /listening on/.test(out) ? out : await nextEvent<string>(child.stdout, 'text', (t) => /listening on http:\/\/\S+/.test(t), 30_000);
    return /listening on (http:\/\/\S+)/.exec(text)![1]!;
  };
  return { child, exited, listening, stdout: () => out, stderr: () => err };
}

describe('wallrun hub --store', () => {
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

  it('WALLRUN_STORE: keeps alerts in PostgreSQL and names the store without its password', async () => {
    const project = scratchProject();
    undo.push(project.remove);
    const url = cluster.database('cli').replace('postgres@', 'postgres:hemmelig-42@'); // trust auth: any password passes
    const hub = runHub(['--insecure', '--port', '0', '--data', hubDataWithTokens(project.dir)], project.dir, { WALLRUN_STORE: url });
    undo.push(() => void hub.child.kill('SIGKILL'));
    const base = await hub.listening();
    expect(hub.stdout()).toContain('store: postgres://postgres:***@127.0.0.1:');
    expect(hub.stdout() + hub.stderr()).not.toContain('hemmelig');
    const raised = await api(base, 'POST', '/api/alerts', TOKENS.integration, { id: 'pg-1', severity: 'major', sector: 'flood', area: 'Cà Mau', title: 'Lũ' });
    expect(raised.status).toBe(201);
    const c = new pg.Client(url);
    await c.connect();
    try {
      expect((await c.query('SELECT id, state FROM alerts')).rows).toEqual([{ id: 'pg-1', state: 'active' }]);
    } finally {
      await c.end();
    }
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  }, 60_000);

  it('refuses to start on a bad URL or an unreachable server, with a clear line and no password', async () => {
    const project = scratchProject();
    undo.push(project.remove);
    const dataDir = hubDataWithTokens(project.dir);
    const bad = runHub(['--insecure', '--port', '0', '--data', dataDir, '--store', 'postgres://wallrun:hemmelig@db'], project.dir);
    undo.push(() => void bad.child.kill('SIGKILL'));
    expect(await bad.exited).toBe(1);
    expect(bad.stderr()).toContain('wallrun hub: --store: "postgres://wallrun:***@db" names no database (postgres://…/DATABASE)');
    const down = runHub(['--insecure', '--port', '0', '--data', dataDir], project.dir, { WALLRUN_STORE: 'postgres://wallrun:hemmelig@127.0.0.1:1/wallrun' });
    undo.push(() => void down.child.kill('SIGKILL'));
    expect(await down.exited).toBe(1);
    expect(down.stderr()).toMatch(/wallrun hub: cannot use the PostgreSQL store postgres:\/\/wallrun:\*\*\*@127\.0\.0\.1:1\/wallrun: the server .* cannot be reached/);
    expect(bad.stderr() + down.stderr() + bad.stdout() + down.stdout()).not.toContain('hemmelig');
  }, 60_000);
});
