/**
 * The hub of `wallrun demo`: started in-process with its demo feeds and simulated cameras, its
 * data folder seeded with demo operators (PINs to acknowledge alerts at the wall) and an editor
 * token, and printed with everything a visitor needs to try it: URLs, tokens, PINs, the console.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { randomInt } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Project } from '../core/wall/model.js';
import type { Automation } from '../core/automation/model.js';
import { CONSOLE_DIST } from '../hub/console.js';
import { addDemoEditorToken } from '../hub/auth.js';
import { HubDemo } from '../hub/demo/demo.js';
import { startHub, type Hub } from '../hub/server.js';
import { ensureDemoCertificate, type DemoCertificate } from '../hub/demo/demo-certificate.js';
import { err, out, type DemoOptions } from './demo-run.js';
import type { DemoTimeline } from './demo-timeline.js';

/**
 * Demo operators in `<data>/operators.json` when there is none: the operator of the demo's token
 * ("Trực ban IOC", as the hub names it) and a shift lead, each with a random 4-digit PIN, so duty
 * staff can acknowledge alerts at the wall. Kept between runs like tokens.json.
 */
function writeDemoOperators(dataDir: string): void {
  const file = join(dataDir, 'operators.json');
  if (existsSync(file)) return;
  const pin = (): string => String(randomInt(0, 10_000)).padStart(4, '0');
  const a = pin();
  let b = pin();
  while (b === a) b = pin();
  const operators = [
    { name: 'Trực ban IOC', pin: a },
    { name: 'Trưởng ca trực', pin: b },
  ];
  writeFileSync(file, `${JSON.stringify({ operators }, null, 2)}\n`, { mode: 0o600 });
}

/** Clear-text PINs and badges of `<data>/operators.json`, where the hub keeps its operator directory. */
function demoOperatorCredentials(dataDir: string): { name: string; pin?: string; badge?: string }[] {
  try {
    const raw = JSON.parse(readFileSync(join(dataDir, 'operators.json'), 'utf8')) as { operators?: unknown };
    if (!Array.isArray(raw.operators)) return [];
    return (raw.operators as Record<string, unknown>[])
      .filter((o) => typeof o?.name === 'string' && (typeof o.pin === 'string' || typeof o.badge === 'string'))
      .map((o) => ({ name: o.name as string, ...(typeof o.pin === 'string' ? { pin: o.pin } : {}), ...(typeof o.badge === 'string' ? { badge: o.badge } : {}) }));
  } catch {
    return [];
  }
}

/** The demo's data folder, seeded, and its TLS certificate (made on the first run). */
export interface DemoData {
  dataDir: string;
  certificate: DemoCertificate;
}

/** Seeds the demo's data folder and makes (or reuses) its certificate; null (said why) when it cannot. */
export async function prepareDemoData(opts: DemoOptions, timeline: DemoTimeline): Promise<DemoData | null> {
  const dataDir = resolve(opts.dataDir ?? join(opts.root, '.wallrun-hub', 'demo'));
  await mkdir(dataDir, { recursive: true });
  writeDemoOperators(dataDir);
  addDemoEditorToken(dataDir);
  // The demo runs as a site should: over TLS, here with its own CA (demo-certificate.ts).
  try {
    const certificate = await ensureDemoCertificate(dataDir, opts.host);
    timeline.mark('certificate', { vi: 'chứng chỉ TLS của demo sẵn sàng', en: "the demo's TLS certificate ready" });
    return { dataDir, certificate };
  } catch (e) {
    err(`wallrun demo: cannot make the demo's TLS certificate: ${(e as Error).message}`);
    return null;
  }
}

/** The demo's hub on its prepared data; null (the reason printed) when the hub did not start. */
export async function startDemoHub(project: Project & { automation?: Automation }, opts: DemoOptions, timeline: DemoTimeline, data: DemoData): Promise<{ hub: Hub; dataDir: string; certificate: DemoCertificate } | null> {
  const { dataDir, certificate } = data;
  const hubLog = (m: string): void => {
    if (m.startsWith('demo cameras')) timeline.mark('cameras-served', { vi: 'camera mô phỏng đã chạy', en: "the demo's cameras are served" });
    err(`hub: ${m}`);
  };
  // The demo's cameras start now, beside the hub's own start (HubDemo.cameras serves them once).
  const firstDemo = new HubDemo({ cameras: opts.cameras });
  void firstDemo.cameras(project.cameras ?? [], hubLog).catch(() => undefined);
  let demo: HubDemo | null = firstDemo;
  const start = (port: number): Promise<Hub> =>
    startHub({
      port,
      host: opts.host,
      dataDir,
      tls: certificate.tls,
      // A second try (the port was taken) gets a fresh demo: the failed hub stopped the first's cameras.
      demo: demo ?? new HubDemo({ cameras: opts.cameras }),
      forgetWindows: true, // this run opens its own windows; another run's other nodes are not dead
      layouts: project.layouts,
      cameras: project.cameras ?? [],
      wall: project.wall,
      timezone: project.wall.timezone,
      ...(project.automation && opts.automation !== false ? { automation: project.automation } : {}),
      log: hubLog,
    });
  try {
    try {
      return { hub: await start(opts.port), dataDir, certificate };
    } catch (e) {
      // `npm start` must run beside another hub on the default port: take a free one then.
      if (!(opts.portIsDefault && (e as NodeJS.ErrnoException).code === 'EADDRINUSE')) throw e;
      out(`wallrun demo: port ${opts.port} is taken (another hub?); the demo's hub takes a free port instead`);
      demo = null;
      return { hub: await start(0), dataDir, certificate };
    }
  } catch (e) {
    const m = (e as Error).message;
    err(`wallrun demo: the hub did not start: ${m}${/EADDRINUSE/.test(m) ? ` (port ${opts.port} is taken: try --port 0)` : ''}`);
    return null;
  }
}

export function printHub(hub: Hub, dataDir: string, certificate: DemoCertificate, exitPin: string | null, projectCameras = 0): void {
  const tokenOf = (role: string): string | undefined => hub.tokens.find((t) => t.role === role && t.token)?.token;
  out(`wallrun demo: hub listening on ${hub.url}  (data: ${dataDir})`);
  out(`  TLS:          the demo's ${certificate.created ? 'new ' : ''}self-signed certificate (not for a real site); its CA: ${certificate.caFile}`);
  out(`                fingerprint ${certificate.fingerprint}: a browser warns until you import the CA or accept it`);
  out(`  health:       ${hub.url}/healthz   REST API: ${hub.url}/api   metrics: ${hub.url}/metrics`);
  out(`  walls:        ${hub.url.replace(/^http/, 'ws')}/wall (socket.io)`);
  if (projectCameras > 0) out(`  cameras:      ${projectCameras} of cameras.yaml through the hub's gateway (their state: ${hub.url}/api/cameras; the hub lines above say what serves them)`);
  else out(hub.cameraBase ? `  cameras:      ${hub.cameraBase}cam-01/index.m3u8 …` : '  cameras:      none (--no-cameras, or ffmpeg missing: see the hub line above)');
  out(`  operator token: ${tokenOf('operator') ?? '(none in clear in tokens.json)'}   e.g. curl --cacert ${certificate.caFile} -H "Authorization: Bearer <token>" ${hub.url}/api/alerts`);
  for (const t of hub.tokens) out(`    ${t.role.padEnd(12)} ${t.name.padEnd(24)} ${t.token ?? '(sha256 only)'}`);
  const creds = demoOperatorCredentials(dataDir);
  if (creds.length) {
    out('  operator PINs (acknowledge alerts on the wall):');
    for (const c of creds) out(`    ${c.name.padEnd(24)} ${c.pin ? `PIN ${c.pin}` : ''}${c.badge ? `  badge ${c.badge}` : ''}`);
  } else out(`  operator PINs: none (no PIN in ${join(dataDir, 'operators.json')})`);
  if (exitPin) out(`  kiosk exit PIN: ${exitPin}`);
  out(
    existsSync(join(CONSOLE_DIST, 'index.html'))
      ? `  operator console: ${hub.url}/console/  (log in with the operator token; the editor token may also change presets)`
      : `  operator console: not built (${CONSOLE_DIST}: npm run build:console); operators can use the REST API`,
  );
}
