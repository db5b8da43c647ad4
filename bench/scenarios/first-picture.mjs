/**
 * Scenario first-picture: how long `npm start` takes to show the whole wall, as a user starts it on
 * this machine without a display: `npm start` (the build step when dist/ is stale, then the hub with
 * its demo feeds and RTSP test cameras, the 3 nodes' windows in headless Chromium at scale 0.25),
 * with `--verbose`, whose timeline (src/cli/demo-timeline.ts) reads the milestones from the pages
 * themselves: their performance marks and debug state (`wallrunDebug.state().layout`, the camera
 * tiles' first live frame on the texture), never from guessed log lines. Two figures, from the
 * moment `npm start` is spawned:
 *   - every window painted with its layout (no window blank or still loading);
 *   - every camera tile of every window live with a real frame (not its "connecting" placeholder).
 * Run `--runs` times (default 2): the first on a fresh hub data folder (a first start: the demo's
 * certificate, tokens and store are made), the next ones on the same folder (a usual start).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const name = 'first-picture';
export const description = '`npm start` (headless, 3 nodes, demo cameras): seconds until every window is painted with its layout, and until every camera tile is live';
export const defaults = { runs: 2, limitS: 120 };

/** The timeline's milestones shown in the table, in order: key (a prefix takes the latest of its kind) → label. */
const ROWS = [
  ['start', 'demo process started'],
  ['project', 'project read'],
  ['wall-page-build', 'wall page rebuilt (stale)'],
  ['certificate', 'TLS certificate ready'],
  ['cameras-served', 'RTSP test cameras up'],
  ['hub-ready', 'hub listening'],
  ['shell', 'Chromium started'],
  ['hub-cameras-live', 'hub: every camera pulled'],
  ['window-opened:', 'last window opened'],
  ['fonts:', 'last window: fonts'],
  ['first-layout:', 'last window: first layout'],
  ['all-painted', 'EVERY WINDOW PAINTED'],
  ['camera-frame:', 'last camera tile: first frame'],
  ['all-cameras-live', 'EVERY CAMERA LIVE'],
];

const LINE = /^wallrun demo: \+\s*([\d.]+) s \[([^\]]+)\]/;

/** One `npm start` until both milestones (or the limit); its timeline as { key: seconds since the demo started }. */
async function startOnce(dataDir, limitS, env) {
  const spawnedAt = Date.now();
  const args = ['start', '--', '--headless', '--verbose', '--port', '0', '--data', dataDir, '--screenshot', join(dataDir, 'demo-wall.png')];
  // Its own process group: the stop reaches npm, the shell and the demo as Ctrl-C would.
  const child = spawn('npm', args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return; // gone
    }
    const killer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 15_000);
    await exited;
    clearTimeout(killer);
  };
  const unregister = env.register('npm start', stop);
  const marks = {};
  let build = null;
  let output = '';
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const onLine = (line) => {
    output += `${line}\n`;
    if (/^wallrun: .*(build skipped|building: )/.test(line)) build = /build skipped/.test(line) ? 'skipped (dist fresh)' : `built: ${line.replace(/^.*building: /, '')}`;
    const m = LINE.exec(line);
    if (!m) return;
    marks[m[2]] = Number(m[1]);
    if ('all-painted' in marks && 'all-cameras-live' in marks) done('both');
    if (m[2] === 'watch-gave-up') done('gave up');
  };
  let pending = '';
  const feed = (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop();
    lines.forEach(onLine);
  };
  child.stdout.setEncoding('utf8').on('data', feed);
  child.stderr.setEncoding('utf8').on('data', feed);
  const limit = setTimeout(() => done('limit'), limitS * 1000);
  const how = await Promise.race([finished, exited.then((c) => `exited (${c})`)]);
  clearTimeout(limit);
  await stop();
  unregister();
  if (how !== 'both') throw new Error(`npm start: ${how} before both milestones; its output:\n${output.slice(-4000)}`);
  // The demo's clock starts with its process: `start` says when, the bench's clock says when npm was spawned.
  const origin = Date.parse(/\[start\] .*?(\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(output)?.[1] ?? '');
  const offsetS = Number.isFinite(origin) ? (origin - spawnedAt) / 1000 : NaN;
  return { marks, offsetS, build };
}

/** The latest mark whose key is `key` or, for a key ending in ':', starts with it. */
function latest(marks, key) {
  const found = Object.entries(marks).filter(([k]) => (key.endsWith(':') ? k.startsWith(key) : k === key)).map(([, s]) => s);
  return found.length ? Math.max(...found) : null;
}

const r1 = (x) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10) / 10);

export function table(r) {
  const head = ['milestone (s since `npm start`)', ...r.runs.map((x, i) => `run ${i + 1}${i === 0 ? ' (fresh data)' : ''}`)];
  const rows = [head];
  for (const [key, label] of ROWS) {
    if (r.runs.every((x) => latest(x.marks, key) === null)) continue;
    rows.push([label, ...r.runs.map((x) => { const s = latest(x.marks, key); return s === null ? '–' : (s + x.offsetS).toFixed(1); })]);
  }
  rows.push(['build step', ...r.runs.map((x) => x.build ?? '?')]);
  rows.push(['load average at start (1 min)', ...r.runs.map((x) => x.loadAtStart)]);
  const widths = head.map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows.map((row) => row.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')).join('\n') +
    `\nfigures: every window painted ${r.figures.paintedS.join(' / ')} s; every camera live ${r.figures.camerasLiveS.join(' / ')} s (per run)`;
}

export async function run(opts, env) {
  const o = { ...defaults, ...(opts.runs ? { runs: opts.runs } : {}) };
  const dataDir = mkdtempSync(join(tmpdir(), 'wallrun-bench-first-'));
  env.register('temp dir', () => rmSync(dataDir, { recursive: true, force: true }));
  const runs = [];
  for (let i = 0; i < o.runs; i++) {
    env.signal.throwIfAborted();
    const loadAtStart = Math.round(loadavg()[0] * 100) / 100;
    env.log(`first-picture: run ${i + 1}/${o.runs} (load average ${loadAtStart})`);
    runs.push({ ...(await startOnce(dataDir, o.limitS, env)), loadAtStart });
  }
  const figure = (key) => runs.map((x) => r1(latest(x.marks, key) + x.offsetS));
  return {
    params: { runs: o.runs, command: 'npm start -- --headless --verbose --port 0 --data <tmp>' },
    runs,
    figures: { paintedS: figure('all-painted'), camerasLiveS: figure('all-cameras-live') },
    notes: ['the machine is shared: the load average at each start says how busy it was'],
  };
}
