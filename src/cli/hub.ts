/**
 * `wallrun hub [--port N] [--data DIR] [--demo]`: loads the project in `root` (layouts give the
 * layout ids and the daily deadlines; a file with errors is left out, as on the wall), starts the
 * hub and runs until SIGINT/SIGTERM; SIGHUP reloads tokens.json (as a change of the file does). The
 * CLI wires its options to `hubCommand`.
 */
import path from 'node:path';
import { formatDiagnostic } from '../core/files/diagnostics.js';
import type { Layout } from '../core/wall/model.js';
import { loadProjectDir } from '../node/project-loader.js';
import { HubDemo } from '../hub/demo/demo.js';
import { startHub } from '../hub/server.js';

export interface HubCommandOptions {
  port?: number;
  /** Default `<root>/.wallrun-hub`. */
  dataDir?: string;
  demo?: boolean;
  root: string;
  /** Default 127.0.0.1. */
  host?: string;
}

export const DEFAULT_PORT = 7400;

/** The project's layouts and time zone; problems are printed, valid files still used. */
export function loadHubProject(root: string, out: (line: string) => void): { layouts: Layout[]; timezone?: string } {
  const { result } = loadProjectDir(root);
  if (result.ok) return { layouts: result.value.layouts, timezone: result.value.wall.timezone };
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) out(formatDiagnostic(d));
  out(`hub: the project has errors; using the ${result.partial.layouts.length} valid layout(s)`);
  return { layouts: result.partial.layouts, ...(result.partial.wall ? { timezone: result.partial.wall.timezone } : {}) };
}

/** Runs the hub until a signal; resolves with the exit code. */
export async function hubCommand(opts: HubCommandOptions): Promise<number> {
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const dataDir = path.resolve(opts.dataDir ?? path.join(opts.root, '.wallrun-hub'));
  const project = loadHubProject(opts.root, err);
  let hub;
  try {
    hub = await startHub({
      port: opts.port ?? DEFAULT_PORT,
      host: opts.host ?? '127.0.0.1',
      dataDir,
      ...(opts.demo ? { demo: new HubDemo() } : {}),
      layouts: project.layouts,
      ...(project.timezone ? { timezone: project.timezone } : {}),
      log: (m) => err(`hub: ${m}`),
    });
  } catch (e) {
    err(`wallrun hub: ${(e as Error).message}`);
    return 1;
  }
  say(`wallrun hub listening on ${hub.url}  (data: ${dataDir})`);
  say(`  walls:       ${hub.url.replace(/^http/, 'ws')}/wall (socket.io, protocol v1)`);
  say(`  REST API:    ${hub.url}/api   health: ${hub.url}/healthz   metrics: ${hub.url}/metrics`);
  if (hub.cameraBase) say(`  cameras:     ${hub.cameraBase}cam-01/index.m3u8 …`);
  if (opts.demo) {
    say('  tokens (from tokens.json; keep them secret outside a demo):');
    for (const t of hub.tokens) say(`    ${t.role.padEnd(12)} ${t.name.padEnd(24)} ${t.token ?? '(sha256 only)'}`);
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHup);
      err(`hub: ${signal}, closing`);
      hub.destroy().then(
        () => resolve(0),
        (e: unknown) => {
          err(`hub: close failed: ${(e as Error).message}`);
          resolve(1);
        },
      );
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    // The daemon convention: SIGHUP re-reads the configuration, here tokens.json, and never stops the hub.
    const onHup = (): void => void hub.reloadTokens();
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    process.on('SIGHUP', onHup);
  });
}
