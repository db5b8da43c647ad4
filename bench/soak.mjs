#!/usr/bin/env node
/**
 * The soak: `npm run soak -- --minutes N` (builds dist/ first) or `node bench/soak.mjs --minutes N`.
 * Not part of `npm test`. The 18-screen test wall (one headless Chromium window per screen, scale
 * 0.1, each page with its own hub link to an in-process hub) rotates its layouts every 30 s
 * (data → alerts → cameras → data …, through the hub's REST switch), with data at 1,000 updates/s
 * (REST batches of 100, 10 a second, over 50 topics), an alert raised, acknowledged and cleared
 * every 10 s, and on every visit of the camera layout a camera fault: one HLS test camera stopped
 * for 10 s, then started again.
 *
 * Sampled every 10 s and once per switch (after the switch settled and a full GC): per window the
 * JavaScript heap, WebGL textures, WebSockets, live media elements, decoded frames and frame
 * times (bench/lib/soak-page.mjs); per role Chromium's renderer and GPU-process RSS (/proc).
 * Asserted: after every switch, each window's live media elements, sockets and textures equal
 * their values at the first visit of the same layout (exact), every window is connected; memory
 * stays bounded (the last quarter of the run against the first full rotation: JS heap ≤ +25 % +
 * 2 MiB per window, renderer and GPU RSS ≤ +25 % + 64 MiB). Writes bench/results/soak-<stamp>.json
 * and .svg (memory over time), and latest-soak.json/.svg; exits 1 when an assertion failed.
 * See docs/reliability.md, "Soak".
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { describeMachine } from './lib/machine.mjs';
import { descendants, sampleMemory } from './lib/procs.mjs';
import { testSupport } from './lib/test-support.mjs';
import { THEME, TOKENS } from './lib/bench-project.mjs';
import { CAMERAS, LAYOUT_ORDER, TOPICS, hlsCamera, soakLayouts } from './lib/soak-wall.mjs';
import { cameraStates, heapMiB, installProbes, pageSample } from './lib/soak-page.mjs';
import { memorySvg } from './lib/soak-plot.mjs';
import { memoryVerdict, textureVerdict } from './lib/soak-verdicts.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');
const dist = (p) => import(join(ROOT, 'dist', p));
const log = (line) => process.stderr.write(`soak: ${line}\n`);
const SLOT_MS = 30_000;
const SCALE = 0.1;

const args = process.argv.slice(2);
const minutes = Number(args[args.indexOf('--minutes') + 1] ?? NaN);
if (!(minutes > 0) || !args.includes('--minutes')) {
  process.stderr.write('usage: npm run soak -- --minutes N\n');
  process.exit(2);
}

const cleanups = [];
async function cleanup() {
  for (const stop of cleanups.splice(0).reverse()) await Promise.race([stop().catch(() => undefined), delay(10_000)]);
  for (const p of descendants()) if (p.comm !== 'getconf') try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

async function rest(base, method, path, token, body) {
  const res = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function main() {
  const machine = describeMachine();
  const [{ makeWall }, { planWindows, assumedDisplays }, { buildPageConfig }, { startHub }, { BrowserShell }, { startHlsServer }] = await Promise.all([
    testSupport('wall-fixtures'), dist('core/displays/window-plan.js'), dist('core/page/page-config.js'), dist('hub/server.js'), dist('shell/browser-shell.js'), dist('hub/demo/cameras/hls-server.js'),
  ]);
  const tmp = mkdtempSync(join(tmpdir(), 'wallrun-soak-'));
  cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
  const cams = Object.fromEntries(CAMERAS.map((id) => [id, hlsCamera(join(tmp, 'hls'), id)]));
  for (const c of Object.values(cams)) {
    cleanups.push(() => c.stop());
    await c.start();
  }
  const hlsServer = await startHlsServer({ root: join(tmp, 'hls') });
  cleanups.push(() => hlsServer.destroy());
  const wall = makeWall({ windowMode: 'per-display' });
  const windows = wall.nodes.flatMap((n) => planWindows(wall, n.id, assumedDisplays(wall, n.id)));
  const layouts = soakLayouts(wall, (id) => new URL(`${id}/index.m3u8`, hlsServer.url).href);
  mkdirSync(join(tmp, 'hub'), { recursive: true });
  const hub = await startHub({
    dataDir: join(tmp, 'hub'), insecure: true, layouts, log: () => undefined,
    tokens: [
      { name: 'soak-wall', role: 'wall', token: TOKENS.wall },
      { name: 'soak-operator', role: 'operator', token: TOKENS.operator },
      { name: 'soak-integration', role: 'integration', token: TOKENS.integration },
    ],
  });
  cleanups.push(() => hub.destroy());
  const shell = await BrowserShell.launch({});
  cleanups.push(() => shell.destroy());
  log(`opening ${windows.length} windows at scale ${SCALE}`);
  const wins = [];
  for (const node of wall.nodes) {
    const opened = await Promise.all(windows.filter((w) => w.node === node.id).map(async (w) => {
      const config = buildPageConfig({ wall, layouts, themes: [THEME] }, w, { lang: 'vi', scale: SCALE, cameraBase: '', assetBase: '', review: false, layout: 'data', hub: { url: hub.url, token: TOKENS.wall } });
      const win = await shell.openWindow({ ...config, hub: { ...config.hub, sound: false } }, { watchdog: true, onWatchdogReport: (r) => log(`watchdog ${w.id}: ${r.kind}: ${r.detail}`) });
      await win.ready(120_000);
      return win;
    }));
    wins.push(...opened);
  }
  const cdps = await Promise.all(wins.map((w) => w.context.newCDPSession(w.page)));
  await Promise.all(wins.map((w) => installProbes(w.page)));

  const t0 = Date.now();
  const min = () => (Date.now() - t0) / 60_000;
  const samples = [];
  const switches = [];
  const failures = [];
  const baseline = new Map(); // layout → per-window { mediaLive, sockets, textures }
  const sample = async (kind, gc) => {
    const pages = await Promise.all(wins.map(async (w, i) => ({ window: windows[i].id, heapMiB: await heapMiB(cdps[i], gc), ...(await pageSample(w.page)) })));
    const procs = sampleMemory();
    const s = { t: Math.round(min() * 1000) / 1000, kind, rendererRssMiB: Math.round(procs.renderer?.rssMiB ?? NaN), gpuRssMiB: Math.round(procs.gpu?.rssMiB ?? NaN), browserRssMiB: Math.round(procs.browser?.rssMiB ?? NaN), renderers: procs.renderer?.processes ?? 0, pages };
    samples.push(s);
    return s;
  };

  // Load: data at 1,000 updates/s; an alert raised, acknowledged and cleared every 10 s.
  let stop = false;
  let updates = 0;
  let alertNo = 0;
  const feedStart = Date.now();
  let nextAlertAt = feedStart;
  const feed = (async () => {
    for (let n = 0; !stop; n++) {
      const tick = Date.now();
      const t = Date.now();
      // Paced by the clock: a batch carries what is due at 1,000/s (a slow answer makes the next one bigger).
      const size = Math.min(500, Math.max(1, Math.round(tick - feedStart) - updates));
      await rest(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: Array.from({ length: size }, (_, k) => ({ topic: TOPICS[(updates + k) % TOPICS.length], value: Math.round(Math.sin((n + k) / 20) * 1000) / 100, t })) });
      updates += size;
      if (tick >= nextAlertAt) {
        nextAlertAt += 10_000;
        const id = `soak-${++alertNo}`;
        await rest(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id, severity: ['critical', 'major', 'minor'][alertNo % 3], sector: 'flood', area: 'TP. Cà Mau', title: `Cảnh báo thử ${alertNo}` });
        await rest(hub.url, 'POST', `/api/alerts/${id}/ack`, TOKENS.operator, { screen: 'r1c1' });
        if (alertNo > 3) await rest(hub.url, 'POST', `/api/alerts/soak-${alertNo - 3}/clear`, TOKENS.integration, {});
      }
      await delay(Math.max(0, 100 - (Date.now() - tick)));
    }
  })();
  const sampler = (async () => {
    while (!stop) {
      await delay(10_000);
      if (!stop) await sample('periodic', false).catch((e) => log(`sample failed: ${e.message}`));
    }
  })();

  const endAt = t0 + minutes * 60_000;
  for (let k = 0; Date.now() + SLOT_MS <= endAt + 1000; k++) {
    const slotStart = Date.now();
    const target = LAYOUT_ORDER[(k + 1) % LAYOUT_ORDER.length];
    const since = wins.map((w) => w.events.length);
    const res = await rest(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: target });
    if (res.status !== 202) failures.push(`switch ${k} → ${target}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    const swapped = await Promise.all(wins.map((w, i) => w.waitForEvent('layoutSwitched', { since: since[i], pred: (e) => e.to === target, timeoutMs: 25_000 }).then(() => true, () => false)));
    const latencyMs = Date.now() - slotStart;
    await delay(3000); // the old scene's textures and decoders are released as it is destroyed
    // A camera stopped on the previous visit must be live again by now (its retries back off up to 30 s).
    if (target === 'cameras' && !(await camerasLive(wins, 20_000))) failures.push(`switch ${k + 1}: camera tiles not all live 20 s after the switch`);
    const s = await sample('switch', true);
    const counts = s.pages.map((p) => ({ mediaLive: p.mediaLive, sockets: p.sockets, textures: p.textures, cameraTextures: p.cameraTextures }));
    const base = baseline.get(target);
    const problems = [];
    s.pages.forEach((p, i) => {
      if (!swapped[i]) problems.push(`${p.window} did not switch to ${target}`);
      if (p.hub !== 'connected') problems.push(`${p.window} hub link ${p.hub}`);
      if (p.sockets !== 0) problems.push(`${p.window} sockets ${p.sockets > 0 ? '+' : ''}${p.sockets} since start`);
      if (base && counts[i].mediaLive !== base[i].mediaLive) problems.push(`${p.window} live media elements ${counts[i].mediaLive} ≠ ${base[i].mediaLive} at the first ${target}`);
      if (base && counts[i].cameraTextures !== base[i].cameraTextures) problems.push(`${p.window} camera textures ${counts[i].cameraTextures} ≠ ${base[i].cameraTextures} at the first ${target}`);
    });
    if (!base && swapped.every(Boolean)) baseline.set(target, counts);
    failures.push(...problems.map((p) => `switch ${k + 1} → ${target}: ${p}`));
    switches.push({ n: k + 1, layout: target, t: s.t, latencyMs, ok: problems.length === 0, problems, mediaLive: counts.reduce((a, c) => a + c.mediaLive, 0), textures: counts.reduce((a, c) => a + c.textures, 0), perWindow: counts.map((c, i) => ({ window: windows[i].id, ...c })) });
    log(`switch ${k + 1} → ${target} in ${latencyMs} ms: media ${switches.at(-1).mediaLive}, textures ${switches.at(-1).textures}, heap Σ ${s.pages.reduce((a, p) => a + p.heapMiB, 0).toFixed(1)} MiB, renderer RSS ${s.rendererRssMiB} MiB, GPU ${s.gpuRssMiB} MiB${problems.length ? `; ${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}` : ''}`);
    if (target === 'cameras') {
      const faulty = cams[CAMERAS[k % CAMERAS.length]];
      await faulty.stop();
      await delay(10_000);
      const restarted = Date.now();
      await faulty.start();
      // Timed while the slot lasts; whether it came back at all is checked at the next visit.
      const recovered = await camerasLive(wins, Math.max(1000, SLOT_MS - (Date.now() - slotStart) - 1000));
      switches.at(-1).cameraFault = { camera: CAMERAS[k % CAMERAS.length], stoppedS: 10, recoveredMs: recovered ? Date.now() - restarted : null };
      log(`camera fault ${CAMERAS[k % CAMERAS.length]}: stopped 10 s, ${recovered ? `every camera tile live again ${Date.now() - restarted} ms after the restart` : 'not live yet at the end of the slot (checked at the next visit)'}`);
    }
    await delay(Math.max(0, SLOT_MS - (Date.now() - slotStart)));
  }
  stop = true;
  await Promise.all([feed, sampler]);
  const last = await sample('end', true);
  return { machine, windows: windows.length, samples, switches, failures, updates, alerts: alertNo, last };
}

/** Waits until every camera tile of every window is live (true) or `ms` passed (false). */
async function camerasLive(wins, ms) {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await delay(500)) {
    const states = await Promise.all(wins.map((w) => cameraStates(w.page)));
    if (states.every((tiles) => tiles.every((t) => t.state === 'live'))) return true;
  }
  return false;
}

const started = new Date();
let code = 1;
try {
  const r = await main();
  const memory = memoryVerdict(r.samples);
  for (const m of memory) if (!m.ok) r.failures.push(`memory not bounded: ${m.what} ${m.first} → ${m.last} (limit ${m.limit})`);
  const textures = textureVerdict(r.switches);
  for (const t of textures.filter((x) => !x.ok)) r.failures.push(`WebGL textures not bounded in ${t.window}: ${t.earlyMax} → ${t.lateMax} (limit ${t.limit})`);
  const stamp = started.toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  const result = { scenario: 'soak', minutes, startedAt: started.toISOString(), machine: r.machine, windows: r.windows, scale: SCALE, updatesSent: r.updates, alerts: r.alerts, memory, textures, switches: r.switches, failures: r.failures, passed: r.failures.length === 0, samples: r.samples };
  const svg = memorySvg(`wallrun soak, ${minutes} min, ${r.windows} windows, ${started.toISOString()}`, [
    { name: 'JS heap, mean per window', unit: 'MiB', points: r.samples.map((s) => [s.t, s.pages.reduce((a, p) => a + p.heapMiB, 0) / s.pages.length]) },
    { name: 'renderer RSS, all windows', unit: 'MiB', points: r.samples.map((s) => [s.t, s.rendererRssMiB]) },
    { name: 'GPU process RSS', unit: 'MiB', points: r.samples.map((s) => [s.t, s.gpuRssMiB]) },
    { name: 'WebGL textures, all windows (net)', unit: 'count', points: r.samples.map((s) => [s.t, s.pages.reduce((a, p) => a + p.textures, 0)]) },
  ]);
  mkdirSync(RESULTS, { recursive: true });
  for (const name of [`soak-${stamp}`, 'latest-soak']) {
    writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify(result, null, 1)}\n`);
    writeFileSync(join(RESULTS, `${name}.svg`), svg);
  }
  for (const m of memory) log(`${m.what}: ${m.first} → ${m.last} (limit ${m.limit}) ${m.ok ? 'ok' : 'NOT BOUNDED'}`);
  log(`${r.switches.length} switches, ${r.updates} updates, ${r.alerts} alerts; ${r.failures.length} failure(s)${r.failures.length ? `:\n  ${r.failures.slice(0, 20).join('\n  ')}` : ''}`);
  log(`wrote bench/results/soak-${stamp}.json and .svg`);
  code = r.failures.length === 0 ? 0 : 1;
} catch (e) {
  log(`failed: ${e.stack ?? e}`);
} finally {
  await cleanup();
}
process.exit(code);
