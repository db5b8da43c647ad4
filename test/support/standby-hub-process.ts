/**
 * Hubs of an active/standby group as child processes (test/support/standby-hub-main.ts, bundled
 * once per run like hub-process.ts does), with their output lines to wait on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { StandbyHubOptions } from '../../src/cli/hub-standby.js';
import type { HubOptions } from '../../src/hub/server.js';
import { freePort } from './free-port.js';
import { TOKEN_SPECS, tempDir } from './hub-fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let built: Promise<string> | null = null;

function buildEntry(): Promise<string> {
  return (built ??= (async () => {
    const outDir = path.join(root, 'node_modules/.cache/wallrun-test');
    mkdirSync(outDir, { recursive: true });
    const out = path.join(outDir, 'standby-hub-main.mjs');
    const tmp = `${out}.${process.pid}.tmp.mjs`;
    await build({ entryPoints: [path.join(root, 'test/support/standby-hub-main.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: tmp, logLevel: 'error' });
    renameSync(tmp, out);
    return out;
  })());
}


export interface GroupHub {
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  /** Resolves when a stdout line matches (lines already printed count). */
  line(pattern: RegExp, ms?: number): Promise<string>;
  output(): string;
  signal(sig: NodeJS.Signals): void;
}

export async function spawnGroupHub(hub: Omit<HubOptions, 'log' | 'clock'> & { port: number }, standby: Omit<StandbyHubOptions, 'advertiseUrl'>): Promise<GroupHub> {
  const entry = await buildEntry();
  const url = `http://127.0.0.1:${hub.port}`;
  const child = spawn(process.execPath, [entry, JSON.stringify({ hub: { host: '127.0.0.1', insecure: true, ...hub }, standby: { ...standby, advertiseUrl: url } })], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (c: string) => {
    out += c;
    for (const w of [...waiters]) w();
  });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => {
    err = (err + c).slice(-20_000);
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    url,
    child,
    exited,
    output: () => `${out}\n--- stderr ---\n${err}`,
    signal: (sig) => void (child.exitCode === null && child.signalCode === null && child.kill(sig)),
    line: (pattern, ms = 20_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = out.split('\n').find((l) => pattern.test(l));
          if (!m) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no line ${pattern} within ${ms} ms:\n${out}\n--- stderr ---\n${err}`));
        }, ms);
        waiters.add(check);
        check();
      }),
  };
}

/**
 * The hubs a test starts in a group on one store, with the test tokens and a temp data folder each;
 * `stopAll()` (in afterEach) kills them (resuming a paused one first) and removes their folders.
 */
export function hubGroup(leaseTtlMs: number, extra: Partial<Omit<HubOptions, 'log' | 'clock'>> = {}): { start(store: string): Promise<GroupHub>; stopAll(): Promise<void> } {
  const hubs: GroupHub[] = [];
  const dirs: { remove(): void }[] = [];
  return {
    async start(store) {
      const dir = tempDir();
      dirs.push(dir);
      const h = await spawnGroupHub({ port: await freePort(), dataDir: dir.dir, tokens: TOKEN_SPECS, forgetWindows: true, ...extra }, { store, leaseTtlMs });
      hubs.push(h);
      return h;
    },
    async stopAll() {
      for (const h of hubs.splice(0)) {
        h.signal('SIGCONT');
        h.signal('SIGKILL');
        await h.exited;
      }
      for (const d of dirs.splice(0)) d.remove();
    },
  };
}
