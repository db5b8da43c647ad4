/**
 * The demo in the Electron kiosk: one Electron process per node (the kiosk plans one node's
 * windows), each on the displays wall.yaml describes (`--assume-displays`: a dev machine has no
 * DP-1…DP-6), in ordinary windows (`--windowed`), told the hub's address and its wall token
 * through the environment. Each gets its own profile folder, so the kiosk's single-instance lock
 * (one per profile) lets the nodes run side by side. Like the browser shell's demo, the windows
 * are placed at their wall position (`--wall-origin`), scaled when asked (`--scale`), and the
 * pages take their cameras from the hub's camera server (WALLRUN_CAMERA_BASE), which the page's
 * CSP then admits (kioskPageCsp).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from './paths.js';

export const ELECTRON_MAIN = join(PACKAGE_ROOT, 'dist', 'electron', 'main.cjs');

/** Builds dist/electron (main + preload) when missing or older than its sources, as npm run build:electron does. */
export function ensureElectronBuilt(say: (line: string) => void): boolean {
  const src = join(PACKAGE_ROOT, 'src', 'main', 'main.ts');
  const fresh = existsSync(ELECTRON_MAIN) && (!existsSync(src) || statSync(ELECTRON_MAIN).mtimeMs >= statSync(src).mtimeMs);
  if (fresh) return true;
  if (!existsSync(src)) {
    say(`wallrun demo: ${ELECTRON_MAIN} is missing; reinstall wallrun`);
    return false;
  }
  say('wallrun demo: building the Electron main and preload (npm run build:electron) …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', '--silent', 'build:electron'], { cwd: PACKAGE_ROOT, stdio: 'inherit' });
  return r.status === 0 && existsSync(ELECTRON_MAIN);
}

export interface ElectronNode {
  node: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

export interface ElectronDemoOptions {
  binary: string;
  projectDir: string;
  nodes: readonly string[];
  /** Variables for every kiosk: hub address and token, exit PIN hash, … */
  env: Record<string, string>;
  /** The windows' scale (absent: 1:1). */
  scale?: number | undefined;
  /** The wall point at the desktop's top-left: the least viewport corner of the windows shown. */
  wallOrigin: { x: number; y: number };
  /** The hub's camera server (`hub.cameraBase`); null or absent: no cameras. */
  cameraBase?: string | null | undefined;
  log: (line: string) => void;
}

/**
 * How one node's kiosk is started: its command line and the variables added to the environment.
 * Read back by parseKioskOptions in Electron main (the test checks the round trip).
 */
export function kioskLaunch(
  node: string,
  profile: string,
  o: Pick<ElectronDemoOptions, 'projectDir' | 'env' | 'scale' | 'wallOrigin' | 'cameraBase'>,
): { args: string[]; env: Record<string, string> } {
  const args = [resolve(PACKAGE_ROOT), `--user-data-dir=${profile}`, `--project=${o.projectDir}`, `--node=${node}`, '--assume-displays', '--windowed'];
  args.push(`--wall-origin=${o.wallOrigin.x},${o.wallOrigin.y}`);
  if (o.scale !== undefined) args.push(`--scale=${o.scale}`);
  const env: Record<string, string> = { ...o.env, WALLRUN_NODE: node };
  if (o.cameraBase) env.WALLRUN_CAMERA_BASE = o.cameraBase;
  return { args, env };
}

export class ElectronDemo {
  private closing: Promise<void> | null = null;

  private constructor(
    public readonly nodes: readonly ElectronNode[],
    private readonly profiles: readonly string[],
  ) {}

  public static async start(o: ElectronDemoOptions): Promise<ElectronDemo> {
    const nodes: ElectronNode[] = [];
    const profiles: string[] = [];
    for (const node of o.nodes) {
      const profile = await mkdtemp(join(tmpdir(), `wallrun-demo-electron-${node}-`));
      profiles.push(profile);
      const launch = kioskLaunch(node, profile, o);
      const child = spawn(o.binary, launch.args, { cwd: PACKAGE_ROOT, env: { ...process.env, ...launch.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      const prefix = (chunk: Buffer): void => {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) o.log(`[${node}] ${line}`);
      };
      child.stdout?.on('data', prefix);
      child.stderr?.on('data', prefix);
      const exited = new Promise<number | string>((resolve) => {
        child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
        child.once('error', (e) => {
          o.log(`[${node}] cannot start Electron: ${e.message}`);
          resolve(-1);
        });
      });
      nodes.push({ node, child, exited });
    }
    return new ElectronDemo(nodes, profiles);
  }

  /** Resolves when the first kiosk exits. */
  public anyExited(): Promise<{ node: string; code: number | string }> {
    return Promise.race(this.nodes.map((n) => n.exited.then((code) => ({ node: n.node, code }))));
  }

  /** SIGTERM to every kiosk (SIGKILL after 5 s), then their profile folders go; idempotent. */
  public destroy(): Promise<void> {
    return (this.closing ??= (async () => {
      await Promise.all(
        this.nodes.map(async (n) => {
          if (n.child.exitCode !== null || n.child.signalCode !== null) return;
          n.child.kill('SIGTERM');
          const timer = setTimeout(() => n.child.kill('SIGKILL'), 5000);
          await n.exited;
          clearTimeout(timer);
        }),
      );
      await Promise.allSettled(this.profiles.map((p) => rm(p, { recursive: true, force: true })));
    })());
  }
}
