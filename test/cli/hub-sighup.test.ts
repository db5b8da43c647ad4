/**
 * `wallrun hub` as a process (the built bin, dist/ from `npm run build`): SIGHUP re-reads
 * tokens.json and the hub goes on serving, where Node's default would end the process. The reload
 * itself is tested in-process in test/protocol/token-reload.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, nextEvent, TOKEN_SPECS, TOKENS } from '../support/hub-fixtures.js';
import { hubDataWithTokens, repoRoot, scratchProject } from '../support/cli.js';

describe('wallrun hub and SIGHUP', () => {
  const undo: (() => void)[] = [];
  afterEach(() => {
    for (const u of undo.splice(0).reverse()) u();
  });

  it('reloads tokens.json on SIGHUP and keeps serving', async () => {
    const project = scratchProject();
    undo.push(project.remove);
    const dataDir = hubDataWithTokens(project.dir);
    const child = spawn(process.execPath, [join(repoRoot, 'bin/wallrun.js'), 'hub', '--insecure', '--port', '0', '--data', dataDir], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    undo.push(() => void child.kill('SIGKILL'));
    const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      child.stdout.emit('text', stdout);
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      child.stderr.emit('text', stderr);
    });
    const listening = await nextEvent<string>(child.stdout, 'text', (t) => /listening on http:\/\/\S+/.test(t), 20_000);
    const url = /listening on (http:\/\/\S+)/.exec(listening)![1]!;

    const reloaded = nextEvent<string>(child.stderr, 'text', (t) => /tokens: reloaded .*\(SIGHUP\)/.test(t), 10_000);
    child.kill('SIGHUP');
    expect(await reloaded).toMatch(/tokens: reloaded \S*tokens\.json \(SIGHUP\): 2 wall, 1 operator, 1 editor, 1 integration/);
    expect((await api(url, 'GET', '/api/alerts', TOKENS.operator)).status).toBe(200);
    expect(child.exitCode).toBeNull();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toContain(TOKENS.operator);
  }, 40_000);
});
