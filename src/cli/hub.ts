/**
 * `wallrun hub [--port N] [--data DIR] [--demo]`: loads the project in `root` (layouts give the
 * layout ids and the daily deadlines; a file with errors is left out, as on the wall), starts the
 * hub and runs until SIGINT/SIGTERM; SIGHUP reloads tokens.json (as a change of the file does). The
 * CLI wires its options to `hubCommand`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from '../core/files/diagnostics.js';
import { analyseFederation } from '../core/files/federation.js';
import type { FederationConfig } from '../core/files/federation-model.js';
import type { Camera, Layout, Wall } from '../core/wall/model.js';
import type { Automation } from '../core/automation/model.js';
import type { ForecastsConfig } from '../core/files/forecasts.js';
import { loadProjectDir } from '../node/project-loader.js';
import { HubDemo } from '../hub/demo/demo.js';
import { redactUrl, startHub, type HubOptions } from '../hub/server.js';
import { ensureDemoCertificate } from '../hub/demo/demo-certificate.js';
import { readHubTls, type HubTls } from '../hub/transport.js';

export interface HubCommandOptions {
  port?: number;
  /** Default `<root>/.wallrun-hub`. */
  dataDir?: string;
  demo?: boolean;
  root: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** The certificate and key the hub serves HTTPS/WSS with (both, or neither). */
  tlsCert?: string;
  tlsKey?: string;
  /** Plain HTTP on purpose; without it and without a certificate only `--demo` starts (with its own). */
  insecure?: boolean;
  /** A postgres:// URL (`--store` or WALLRUN_STORE); absent: SQLite in the data folder. */
  store?: string;
  /** `--advertise-url`: this hub is one of an active/standby group on `store` (src/cli/hub-standby.ts). */
  advertiseUrl?: string;
  /** `--lease-ttl` ms (default 10 000). */
  leaseTtlMs?: number;
}

export const DEFAULT_PORT = 7400;

/** The project's layouts and time zone; problems are printed, valid files still used. */
export function loadHubProject(root: string, out: (line: string) => void): { layouts: Layout[]; cameras: Camera[]; timezone?: string; wall?: Wall; automation: Automation; forecasts: ForecastsConfig } {
  const { result } = loadProjectDir(root);
  if (result.ok) return { layouts: result.value.layouts, cameras: result.value.cameras ?? [], timezone: result.value.wall.timezone, wall: result.value.wall, automation: result.value.automation, forecasts: result.value.forecasts };
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) out(formatDiagnostic(d));
  out(`hub: the project has errors; using the ${result.partial.layouts.length} valid layout(s)`);
  return { layouts: result.partial.layouts, cameras: result.partial.cameras, automation: result.partial.automation, forecasts: result.partial.forecasts, ...(result.partial.wall ? { timezone: result.partial.wall.timezone, wall: result.partial.wall } : {}) };
}

/**
 * `<root>/federation.yaml` (docs/federation.md), when there is one. A file with errors stops the
 * hub (each error printed with its file, line and field): a sub-centre that silently stopped
 * forwarding, or a province that stopped applying, is worse than one that does not start.
 */
export function loadFederation(root: string, out: (line: string) => void): FederationConfig | undefined {
  const file = path.join(root, 'federation.yaml');
  if (!existsSync(file)) return undefined;
  const analysis = analyseFederation({ path: path.relative(process.cwd(), file) || file, bytes: readFileSync(file) });
  for (const d of analysis.diagnostics) out(formatDiagnostic(d));
  if (!analysis.value) throw new Error(`${file} has errors (above): fix it, or remove it to run without federation`);
  return analysis.value;
}

/**
 * The certificate the hub serves: the files named, else (with `--demo`) the demo's own, said so;
 * null only with `--insecure`. Throws naming what is missing or contradictory.
 */
async function hubTls(opts: HubCommandOptions, dataDir: string, host: string, say: (line: string) => void): Promise<HubTls | null> {
  if (!opts.tlsCert !== !opts.tlsKey) throw new Error(`--tls-cert and --tls-key go together (only ${opts.tlsCert ? '--tls-cert' : '--tls-key'} was given)`);
  if (opts.insecure && opts.tlsCert) throw new Error('--insecure and --tls-cert/--tls-key contradict each other: choose one');
  if (opts.tlsCert && opts.tlsKey) return readHubTls(path.resolve(opts.tlsCert), path.resolve(opts.tlsKey));
  if (opts.insecure) return null;
  if (!opts.demo) {
    throw new Error('the hub serves HTTPS only: give --tls-cert FILE --tls-key FILE (or WALLRUN_HUB_TLS_CERT, WALLRUN_HUB_TLS_KEY); for plain HTTP behind a TLS proxy on this host, --insecure (docs/security.md)');
  }
  const demo = await ensureDemoCertificate(dataDir, host);
  say(`wallrun hub: TLS with the demo's ${demo.created ? 'new ' : ''}self-signed certificate (not for a real site): walls trust ${demo.caFile}`);
  say(`  (WALLRUN_HUB_CA=${demo.caFile}) or its fingerprint ${demo.fingerprint}`);
  return demo.tls;
}

/** Runs the hub until a signal; resolves with the exit code. */
export async function hubCommand(opts: HubCommandOptions): Promise<number> {
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  if (opts.advertiseUrl && !opts.store?.match(/^postgres(ql)?:\/\//i)) {
    err('wallrun hub: --advertise-url runs the hub as one of an active/standby group, which needs the shared PostgreSQL: give --store postgres://… (or WALLRUN_STORE)');
    return 1;
  }
  const dataDir = path.resolve(opts.dataDir ?? path.join(opts.root, '.wallrun-hub'));
  const project = loadHubProject(opts.root, err);
  const host = opts.host ?? '127.0.0.1';
  let hub;
  let federation: FederationConfig | undefined;
  try {
    federation = loadFederation(opts.root, err);
    const tls = await hubTls(opts, dataDir, host, say);
    const hubOptions: HubOptions = {
      port: opts.port ?? DEFAULT_PORT,
      host,
      dataDir,
      ...(opts.store ? { store: opts.store } : {}),
      ...(tls ? { tls } : { insecure: true }),
      ...(opts.demo ? { demo: new HubDemo() } : {}),
      layouts: project.layouts,
      cameras: project.cameras,
      ...(project.timezone ? { timezone: project.timezone } : {}),
      ...(project.wall ? { wall: project.wall } : {}),
      automation: project.automation,
      ...(federation ? { federation } : {}),
      forecasts: project.forecasts,
      log: (m) => err(`hub: ${m}`),
    };
    if (opts.advertiseUrl && opts.store) {
      const { standbyHubCommand } = await import('./hub-standby.js');
      return await standbyHubCommand(hubOptions, { store: opts.store, advertiseUrl: opts.advertiseUrl, ...(opts.leaseTtlMs ? { leaseTtlMs: opts.leaseTtlMs } : {}) }, say, err);
    }
    hub = await startHub(hubOptions);
  } catch (e) {
    err(`wallrun hub: ${(e as Error).message}`);
    return 1;
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
    // Printed once the handlers are in: a SIGHUP sent on seeing "listening" must reload, not kill.
    say(`wallrun hub listening on ${hub.url}  (data: ${dataDir}${opts.store ? `, store: ${redactUrl(opts.store)}` : ''})`);
    say(`  walls:       ${hub.url.replace(/^http/, 'ws')}/wall (socket.io, protocol v1)`);
    say(`  REST API:    ${hub.url}/api   health: ${hub.url}/healthz   metrics: ${hub.url}/metrics`);
    if (federation) say(`  federation:  ${federation.role} ${federation.id} over ${federation.nats}`);
    if (hub.cameraBase) say(`  cameras:     ${hub.cameraBase}cam-01/index.m3u8 …`);
    if (opts.demo) {
      say('  tokens (from tokens.json; keep them secret outside a demo):');
      for (const t of hub.tokens) say(`    ${t.role.padEnd(12)} ${t.name.padEnd(24)} ${t.token ?? '(sha256 only)'}`);
    }
  });
}
