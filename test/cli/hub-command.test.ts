/**
 * The standalone `wallrun hub` command as an operator runs it (the built bin, dist/ from `npm run
 * build`): what docs/protocol.md ("Tokens") promises about its token file, that it serves /healthz
 * and REST with those tokens, and that SIGTERM ends it cleanly, ffmpeg camera children included.
 * SIGHUP is test/cli/hub-sighup.test.ts's.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, nextEvent, TOKEN_SPECS, TOKENS, until } from '../support/hub-fixtures.js';
import { httpsJson, testPki } from '../support/tls-fixtures.js';
import { hubDataWithTokens, repoRoot, scratchProject } from '../support/cli.js';

const WRONG_TOKEN = 'not-a-token-of-this-hub-0123456789abcdef';

interface HubProcess {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the exit code, or the signal's name when a signal ended it. */
  exited: Promise<number | string>;
  stdout(): string;
  stderr(): string;
  /** Resolves with all of stdout once `accept` holds for it. */
  stdoutUntil(accept: (text: string) => boolean, ms?: number): Promise<string>;
}

/** Starts `wallrun hub <args>` in `cwd`, collecting its output; every chunk re-emits the whole text. */
function startHubProcess(args: string[], cwd: string): HubProcess {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/wallrun.js'), 'hub', ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => child.stdout.emit('text', (out += c)));
  child.stderr.setEncoding('utf8').on('data', (c: string) => void (err += c));
  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    stdoutUntil: (accept, ms = 30_000) => (accept(out) ? Promise.resolve(out) : nextEvent<string>(child.stdout, 'text', accept, ms)),
  };
}

/** The direct children of `pid` (Linux: /proc/<pid>/task/<tid>/children). */
function childPids(pid: number): number[] {
  const tasks = readdirSync(`/proc/${pid}/task`);
  return tasks.flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
}

/** Whether a process `pid` still exists (a zombie counts: nobody reaped it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The token lines `--demo` prints: role, name, secret. */
function printedTokens(stdout: string): { role: string; name: string; token: string }[] {
  return [...stdout.matchAll(/^ {4}(wall|operator|editor|integration) +(.+?) +(\S+)$/gm)].map((m) => ({ role: m[1]!, name: m[2]!, token: m[3]! }));
}

describe('wallrun hub, the standalone command', () => {
  const undo: (() => void)[] = [];
  afterEach(() => {
    for (const u of undo.splice(0).reverse()) u();
  });

  it('without --demo and without tokens.json: refuses to start, naming the file, and writes none', async () => {
    const project = scratchProject();
    undo.push(project.remove);
    const dataDir = join(project.dir, 'hub-data');
    const hub = startHubProcess(['--insecure', '--port', '0', '--data', dataDir], project.dir);
    undo.push(() => void hub.child.kill('SIGKILL'));
    expect(await hub.exited).toBe(1);
    expect(hub.stderr()).toContain(`wallrun hub: no tokens: write ${dataDir}/tokens.json (format in docs/protocol.md, "Tokens")`);
    expect(hub.stdout()).not.toContain('listening');
    expect(existsSync(join(dataDir, 'tokens.json'))).toBe(false);
  }, 30_000);

  it('without a certificate, --insecure or --demo: refuses to start, naming the flags; with one of the pair only, names the other', async () => {
    const project = scratchProject();
    undo.push(project.remove);
    const dataDir = join(project.dir, 'hub-data');
    const bare = startHubProcess(['--port', '0', '--data', dataDir], project.dir);
    undo.push(() => void bare.child.kill('SIGKILL'));
    expect(await bare.exited).toBe(1);
    expect(bare.stderr()).toContain('wallrun hub: the hub serves HTTPS only: give --tls-cert FILE --tls-key FILE');
    expect(bare.stderr()).toContain('--insecure');
    expect(bare.stdout()).not.toContain('listening');
    const half = startHubProcess(['--tls-cert', join(project.dir, 'cert.pem'), '--port', '0', '--data', dataDir], project.dir);
    undo.push(() => void half.child.kill('SIGKILL'));
    expect(await half.exited).toBe(1);
    expect(half.stderr()).toContain('--tls-cert and --tls-key go together (only --tls-cert was given)');
  }, 30_000);

  it('--insecure: serves plain HTTP, warning at start and on /healthz', async () => {
    const project = scratchProject();
    undo.push(project.remove);
    const dataDir = hubDataWithTokens(project.dir);
    const hub = startHubProcess(['--insecure', '--port', '0', '--data', dataDir], project.dir);
    undo.push(() => void hub.child.kill('SIGKILL'));
    const stdout = await hub.stdoutUntil((t) => /listening on http:\/\/\S+/.test(t));
    const base = /listening on (http:\/\/\S+)/.exec(stdout)![1]!;
    expect(hub.stderr()).toMatch(/hub: warning: plain HTTP \(--insecure\): tokens, operator credentials and acknowledgements cross the network unencrypted/);
    const health = await api(base, 'GET', '/healthz', null);
    expect(health.body).toMatchObject({ ok: true, transport: 'insecure', warning: expect.stringContaining('plain HTTP') });
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  }, 30_000);

  it('--tls-cert/--tls-key: answers HTTPS to a client trusting its CA only; plain HTTP and the wrong CA get nothing', async () => {
    const project = scratchProject();
    undo.push(project.remove);
    const dataDir = hubDataWithTokens(project.dir);
    const pki = await testPki(project.dir);
    const hub = startHubProcess(['--tls-cert', pki.tls.certFile!, '--tls-key', pki.tls.keyFile!, '--port', '0', '--data', dataDir], project.dir);
    undo.push(() => void hub.child.kill('SIGKILL'));
    const stdout = await hub.stdoutUntil((t) => /REST API: /.test(t));
    const base = /listening on (https:\/\/\S+)/.exec(stdout)![1]!;
    expect(stdout).toContain(`walls:       wss://`);
    expect(hub.stderr()).not.toContain('warning');
    expect((await httpsJson(base, 'GET', '/healthz', null, pki.caPem)).body).toMatchObject({ ok: true, transport: 'tls' });
    expect((await httpsJson(base, 'GET', '/api/alerts', TOKENS.operator, pki.caPem)).status).toBe(200);
    await expect(httpsJson(base, 'GET', '/healthz', null, readFileSync(pki.wrongCaFile, 'utf8'))).rejects.toThrow(/self[- ]signed|unable to (get|verify)/i);
    await expect(api(base.replace('https:', 'http:'), 'GET', '/healthz', null)).rejects.toThrow();
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  }, 30_000);

  it('--demo: writes tokens.json (mode 600) with the tokens it prints, serves /healthz and REST with them, refuses others; SIGTERM exits 0 leaving no child', async () => {
    const project = scratchProject();
    undo.push(project.remove);
    const dataDir = join(project.dir, 'hub-data');
    const hub = startHubProcess(['--demo', '--port', '0', '--data', dataDir], project.dir);
    // A failed assertion must not leave the demo's cameras running: SIGKILL skips the hub's own clean-up.
    const seen = new Set<number>();
    undo.push(() => {
      hub.child.kill('SIGKILL');
      for (const pid of [...seen].filter(alive)) process.kill(pid, 'SIGKILL');
    });
    const childrenNow = (): number[] => {
      const pids = hub.child.exitCode === null ? childPids(hub.child.pid!) : [];
      for (const pid of pids) seen.add(pid);
      return pids;
    };

    // Listening, then (printed at once after) the four demo tokens.
    const stdout = await hub.stdoutUntil((t) => printedTokens(t).length === 4);
    const url = /wallrun hub listening on (https:\/\/\S+) {2}\(data: (.+)\)$/m.exec(stdout);
    expect(url, stdout).not.toBeNull();
    expect(url![2]).toBe(dataDir);
    const base = url![1]!;

    const file = join(dataDir, 'tokens.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = (JSON.parse(readFileSync(file, 'utf8')) as { tokens: { name: string; role: string; token: string }[] }).tokens;
    expect(written.map((t) => t.role).sort()).toEqual(['editor', 'integration', 'operator', 'wall']);
    expect(printedTokens(stdout)).toEqual(written.map(({ role, name, token }) => ({ role, name, token })));
    for (const t of written) expect(t.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url

    // Over TLS with the demo's own CA, which it names; its key is private to the hub's user.
    const caFile = /walls trust (\S+)$/m.exec(stdout)?.[1];
    expect(caFile, stdout).toBe(join(dataDir, 'tls', 'demo-ca.pem'));
    expect(statSync(join(dataDir, 'tls', 'hub-key.pem')).mode & 0o777).toBe(0o600);
    const ca = readFileSync(caFile!, 'utf8');
    const health = await httpsJson(base, 'GET', '/healthz', null, ca);
    expect(health).toMatchObject({ status: 200, body: { transport: 'tls' } });

    const operator = written.find((t) => t.role === 'operator')!.token;
    expect((await httpsJson(base, 'GET', '/api/alerts', operator, ca)).status).toBe(200);
    expect((await httpsJson(base, 'GET', '/api/alerts', WRONG_TOKEN, ca)).status).toBe(401);
    expect((await httpsJson(base, 'GET', '/api/alerts', null, ca)).status).toBe(401);

    // The demo's cameras are ffmpeg children (started before the hub printed its URL): "none left"
    // means something only if they ran.
    const children = await until(() => (childrenNow().length > 0 ? childrenNow() : null), 'the demo hub to start its ffmpeg cameras', 30_000);
    expect(children.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]).filter((cmd) => /ffmpeg$/.test(cmd ?? ''))).not.toEqual([]);

    // Looked at the moment the hub is gone: an ffmpeg it left behind dies by itself soon after (its
    // folder removed, its stderr pipe closed), so a later look could not tell.
    let leftAtExit: number[] | undefined;
    hub.child.once('exit', () => (leftAtExit = [...seen].filter(alive)));
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    expect(hub.stderr()).toContain('hub: SIGTERM, closing');
    expect(leftAtExit).toEqual([]);
    for (const t of written) expect(hub.stderr()).not.toContain(t.token); // secrets are printed to stdout only, never logged
  }, 60_000);
});
