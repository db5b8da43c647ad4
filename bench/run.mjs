#!/usr/bin/env node
/**
 * Benchmarks, separate from the tests: `npm run bench` (builds dist/ first) or
 * `node bench/run.mjs [scenario ...] [options]` (uses dist/ as it is).
 *
 *   --list                 the scenarios
 *   --duration <s>         measuring window per variant (default: the scenario's, 20 s)
 *   --warmup <s>           warm-up before it (default 5 s)
 *   --scale <x>            device px per wall px (default 0.5: 1920×1080 → 960×540)
 *   --rate <hz>            updates per second of every topic (default 10)
 *   --order <a,b>          variants in order (default ours,naive)
 *   --base-renderer <dir>  a wall page built elsewhere (dist/renderer), run as variant ours-base
 *   --gl <swiftshader|gpu|both> (default swiftshader; WALLRUN_GL=gpu also works; both: overview-vs-naive runs every variant under each)
 *   --feed <page|worker>   overview-vs-naive: data from a page timer (default) or a Web Worker posting batches every 10 ms
 *   --rate-total <n>       overview-vs-naive: updates per second over all topics (default topics × --rate)
 *   --latency-every <ms>   overview-vs-naive: a latency marker at most this often (default 250)
 *   --layout <id>          wall-18: the layout every window shows (default the wall's defaultLayout)
 *   --window-mode <m>      wall-18: span (the wall's own: one window per node) or per-display (18 windows)
 *   --no-shed              overview-vs-naive: ours' load shedding off (renderers compared on a loaded machine)
 *   --switches <n>         layout switches to time (switch-latency; default 10)
 *   --segments <n>         alternating clipping-mode segments (tile-clipping; default 12)
 *   --runs <n>             `npm start`s to time, the first on fresh hub data (first-picture; default 2)
 *   --deadline <s>         abort the whole run after this long (default 170)
 *
 * Each scenario prints a table and writes bench/results/<scenario>-<timestamp>.json and
 * bench/results/latest-<scenario>.json. Every child process (cameras, Chromium) is stopped on the
 * way out, failure, Ctrl-C and deadline included. See docs/bench.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './lib/machine.mjs';
import { descendants } from './lib/procs.mjs';
import * as overviewVsNaive from './scenarios/overview-vs-naive.mjs';
import * as switchLatency from './scenarios/switch-latency.mjs';
import * as alertLatency from './scenarios/alert-latency.mjs';
import * as tileClipping from './scenarios/tile-clipping.mjs';
import * as cameraLatency from './scenarios/camera-latency.mjs';
import * as firstPicture from './scenarios/first-picture.mjs';
import * as renderPath from './scenarios/render-path.mjs';
import * as idleLayout from './scenarios/idle-layout.mjs';
import * as wall18 from './scenarios/wall-18.mjs';

const SCENARIOS = [overviewVsNaive, switchLatency, alertLatency, tileClipping, cameraLatency, firstPicture, renderPath, idleLayout, wall18];
/** Run only when named (`node bench/run.mjs render-path`): the default run stays within its deadline. */
const ON_REQUEST = new Set([renderPath, idleLayout, firstPicture, wall18]);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');

const log = (line) => process.stderr.write(`${line}\n`);

function parseArgs(argv) {
  const names = [];
  const opts = {};
  let deadlineS = 170;
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const number = () => {
      const v = Number(value());
      if (!(v > 0)) throw new Error(`${a} must be a positive number`);
      return v;
    };
    if (a === '--list') list = true;
    else if (a === '--duration') opts.durationS = number();
    else if (a === '--warmup') opts.warmupS = number();
    else if (a === '--scale') opts.scale = number();
    else if (a === '--rate') opts.rateHz = number();
    else if (a === '--order') opts.order = value().split(',').map((s) => s.trim());
    else if (a === '--gl') opts.gl = value();
    else if (a === '--feed') opts.feed = value();
    else if (a === '--rate-total') opts.rateTotal = number();
    else if (a === '--latency-every') opts.latencyEveryMs = number();
    else if (a === '--layout') opts.layout = value();
    else if (a === '--window-mode') opts.windowMode = value();
    else if (a === '--base-renderer') opts.baseRenderer = value();
    else if (a === '--no-shed') opts.shed = false;
    else if (a === '--switches') opts.switches = Math.round(number());
    else if (a === '--segments') opts.segments = Math.round(number());
    else if (a === '--runs') opts.runs = Math.round(number());
    else if (a === '--deadline') deadlineS = number();
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else names.push(a);
  }
  return { names, opts, deadlineS, list };
}

// ── cleanup: everything started registers how to stop it; stopped in reverse order ───────────────
const abort = new AbortController();
const cleanups = new Map();
let nextId = 0;
/** Registers a stop function; returns an unregister function. After an abort, stops `stop` at once. */
function register(what, stop) {
  if (abort.signal.aborted) {
    void Promise.resolve().then(stop).catch(() => undefined);
    throw new Error(`aborted (${abort.signal.reason}); not starting ${what}`);
  }
  const id = nextId++;
  cleanups.set(id, { what, stop });
  return () => cleanups.delete(id);
}

let cleaning = Promise.resolve();
/** Stops everything registered, then kills by pid whatever this process started and is still alive. Serialised. */
function cleanupAll() {
  cleaning = cleaning.then(async () => {
    const entries = [...cleanups.entries()].reverse();
    cleanups.clear();
    for (const [, { what, stop }] of entries) {
      try {
        await Promise.race([stop(), new Promise((r) => setTimeout(r, 10_000))]);
      } catch (err) {
        log(`bench: stopping ${what} failed: ${err.message}`);
      }
    }
    const left = descendants().filter((p) => p.comm !== 'getconf');
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    if (left.length) {
      log(`bench: killed ${left.length} leftover child process(es): ${left.map((p) => `${p.comm}[${p.pid}]`).join(', ')}`);
      for (let i = 0; i < 20 && descendants().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    }
  });
  return cleaning;
}

let exiting = false;
async function bail(code, why) {
  if (exiting) return;
  exiting = true;
  abort.abort(why);
  log(`bench: ${why}; stopping child processes`);
  await cleanupAll();
  process.exit(code);
}
process.on('SIGINT', () => void bail(130, 'interrupted'));
process.on('SIGTERM', () => void bail(143, 'terminated'));
process.on('uncaughtException', (err) => void bail(1, `uncaught: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => void bail(1, `unhandled rejection: ${err?.stack ?? err}`));

function stamp(d = new Date()) {
  return d.toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
}

async function main() {
  const { names, opts, deadlineS, list } = parseArgs(process.argv.slice(2));
  if (list) {
    for (const s of SCENARIOS) console.log(`${s.name}\t${s.description}`);
    return 0;
  }
  const chosen = names.length ? names.map((n) => SCENARIOS.find((s) => s.name === n) ?? n) : SCENARIOS.filter((s) => !ON_REQUEST.has(s));
  const unknown = chosen.filter((s) => typeof s === 'string');
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'wall.js')) || !existsSync(join(ROOT, 'dist', 'shell', 'browser-shell.js'))) {
    throw new Error('dist/ is not built: run `npm run build` (or `npm run bench`, which builds first)');
  }
  const deadline = setTimeout(() => void bail(2, `deadline of ${deadlineS} s passed`), deadlineS * 1000);
  deadline.unref();

  const machine = describeMachine();
  await mkdir(RESULTS, { recursive: true });
  let failed = 0;
  for (const scenario of chosen) {
    const started = new Date();
    log(`bench: ${scenario.name}: ${scenario.description}`);
    try {
      const result = await scenario.run(opts, { log, register, signal: abort.signal });
      abort.signal.throwIfAborted();
      const finished = new Date();
      const out = {
        ...result,
        startedAt: started.toISOString(),
        finishedAt: finished.toISOString(),
        wallTimeS: Math.round((finished - started) / 100) / 10,
        machine: { ...machine, loadAvgAtEnd: (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100), chromiumVersion: result.browser?.chromiumVersion, glRenderer: result.browser?.gl?.renderer },
      };
      const json = `${JSON.stringify(out, null, 2)}\n`;
      const file = join(RESULTS, `${scenario.name}-${stamp(started)}.json`);
      await writeFile(file, json);
      await writeFile(join(RESULTS, `latest-${scenario.name}.json`), json);
      console.log(out.params?.viewport ? `\n${scenario.name} — ${out.params.viewport.width}×${out.params.viewport.height} viewport, ${out.params?.durationS} s measured after ${out.params?.warmupS} s warm-up, ${out.params?.gl} GL` : `\n${scenario.name} — ${scenario.description}`);
      // A scenario that drives no browser of its own (first-picture) reports none.
      const browser = out.machine.chromiumVersion ? `; Chromium ${out.machine.chromiumVersion}; GL ${out.machine.glRenderer}` : '';
      console.log(`${machine.cpuModel}, ${machine.cores} cores${browser}`);
      console.log(scenario.table(out));
      for (const n of out.notes ?? []) console.log(`note: ${n}`);
      console.log(`written: ${file}`);
    } catch (err) {
      failed++;
      log(`bench: ${scenario.name} failed: ${err.stack ?? err}`);
    } finally {
      await cleanupAll();
    }
  }
  clearTimeout(deadline);
  return failed ? 1 : 0;
}

main()
  .then(async (code) => {
    if (exiting) return; // bail() owns the exit
    await cleanupAll();
    process.exit(code);
  })
  .catch((err) => void bail(1, err.message));
