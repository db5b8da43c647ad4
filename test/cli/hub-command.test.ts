/**
 * The standalone `wallrun hub` command as an operator runs it (the built bin, dist/ from `npm run
 * build`): what docs/protocol.md ("Tokens") promises about its token file, that it serves /healthz
 * and REST with those tokens, and that SIGTERM ends it cleanly, ffmpeg camera children included.
 * SIGHUP is test/cli/hub-sighup.test.ts's.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, nextEvent, until } from '../support/hub-fixtures.js';
import { repoRoot, scratchProject } from '../support/cli.js';

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
    const hub = startHubProcess(['--port', '0', '--data', dataDir], project.dir);
    undo.push(() => void hub.child.kill('SIGKILL'));
    expect(await hub.exited).toBe(1);
    expect(hub.stderr()).toContain(`wallrun hub: no tokens: write ${dataDir}/tokens.json (format in docs/protocol.md, "Tokens")`);
    expect(hub.stdout()).not.toContain('listening');
    expect(existsSync(join(dataDir, 'tokens.json'))).toBe(false);
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
    const url = /wallrun hub listening on (http:\/\/\S+) {2}\(data: (.+)\)$/m.exec(stdout);
    expect(url, stdout).not.toBeNull();
    expect(url![2]).toBe(dataDir);
    const base = url![1]!;

    const file = join(dataDir, 'tokens.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = (JSON.parse(readFileSync(file, 'utf8')) as { tokens: { name: string; role: string; token: string }[] }).tokens;
    expect(written.map((t) => t.role).sort()).toEqual(['editor', 'integration', 'operator', 'wall']);
    expect(printedTokens(stdout)).toEqual(written.map(({ role, name, token }) => ({ role, name, token })));
    for (const t of written) expect(t.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url

    const health = await api(base, 'GET', '/healthz', null);
    expect(health.status).toBe(200);

    const operator = written.find((t) => t.role === 'operator')!.token;
    expect((await api(base, 'GET', '/api/alerts', operator)).status).toBe(200);
    expect((await api(base, 'GET', '/api/alerts', WRONG_TOKEN)).status).toBe(401);
    expect((await api(base, 'GET', '/api/alerts', null)).status).toBe(401);

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
