/**
 * A real hub in a child process, for tests that restart or kill it. The hub's sources are bundled
 * once per test run with esbuild (dependencies stay external, resolved from node_modules) into
 * node_modules/.cache/wallrun-test/, because tsx is not installed and `npm run build` would also
 * compile every other layer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { HubOptions } from '../../src/hub/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'node_modules/.cache/wallrun-test');
let built: Promise<string> | null = null;

/** Bundles test/support/hub-main.ts (once per process); resolves with the bundle's path. */
export function buildHubEntry(): Promise<string> {
  return (built ??= (async () => {
    mkdirSync(outDir, { recursive: true });
    const out = path.join(outDir, 'hub-main.mjs');
    const tmp = `${out}.${process.pid}.tmp.mjs`;
    await build({
      entryPoints: [path.join(root, 'test/support/hub-main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: tmp,
      logLevel: 'error',
    });
    renameSync(tmp, out);
    return out;
  })());
}

export interface HubProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  /** SIGTERM: the hub closes cleanly. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, no clean-up at all. */
  kill(): Promise<void>;
  stderr(): string;
}

/**
 * Starts a hub process and waits until it listens (rejects with its stderr if it exits first).
 * `prefix`: a command that execs the hub in its place (e.g. `prlimit --fsize=N:unlimited`, `faketime`),
 * so the child's pid is the hub's.
 */
export async function spawnHub(options: Omit<HubOptions, 'log' | 'clock'>, timeoutMs = 20_000, prefix: string[] = []): Promise<HubProcess> {
  const entry = await buildHubEntry();
  const argv = [...prefix, process.execPath, entry, JSON.stringify(options)];
  const child = spawn(argv[0]!, argv.slice(1), { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => {
    err = (err + c).slice(-20_000);
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const ready = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`hub did not start in ${timeoutMs} ms:\n${err}`)), timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /HUB_READY (\{.*\})\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1]!) as { url: string; port: number });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code}) before it was ready:\n${err}`));
    });
  });
  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return { ...ready, child, exited, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL'), stderr: () => err };
}
