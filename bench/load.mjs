#!/usr/bin/env node
/**
 * `npm run load [-- --quick] [-- --seconds N]`: what one hub sustains on this machine. A hub in its own
 * process (SQLite store, as `wallrun hub` runs by default); simulated walls in this process
 * (bench/lib/load-walls.mjs); a publisher posting topic updates over REST. For each number of walls,
 * the rate of updates a second goes up until the p99 delivery latency (posted → received by a wall)
 * passes 100 ms or anything is lost (a wall saw a sequence gap or received fewer updates than were
 * accepted); the last rate that held is that wall count's capacity.
 *
 * The failover figures (leader SIGKILL → every wall on the new leader with live data) need two hubs
 * on PostgreSQL: bench/lib/load-failover.mjs, run here when PostgreSQL is installed.
 *
 * Writes bench/results/load-<time>.json and prints a table. Not part of `npm test`; `--quick` takes
 * about a minute. Publisher, walls and hub share this machine's cores: the figures are of the whole.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHub } from './lib/load-hub.mjs';
import { allConnected, percentile, publish, simulatedWall } from './lib/load-walls.mjs';
import { describeMachine } from './lib/machine.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const secondsArg = args.indexOf('--seconds');
const SECONDS = secondsArg >= 0 ? Number(args[secondsArg + 1]) : quick ? 2 : 8;
const WALLS = quick ? [10, 50] : [10, 25, 50, 100];
const RATES = quick ? [500, 2000] : [250, 500, 1000, 2000, 5000, 10_000];
const P99_LIMIT_MS = 100;

/** One step: `walls` walls connected, `rate` updates/s for SECONDS; latency and loss. */
async function step(url, walls, rate) {
  for (const w of walls) w.reset();
  const accepted = await publish(url, rate, SECONDS);
  // The last batch is on its way (≤ 50 ms of batching): wait until every wall has it, or 2 s.
  const end = Date.now() + 2000;
  while (Date.now() < end && walls.some((w) => w.state.received < accepted)) await new Promise((r) => setTimeout(r, 20));
  const latencies = walls.flatMap((w) => w.state.latencies);
  const lost = walls.reduce((n, w) => n + Math.max(0, accepted - w.state.received), 0);
  const gaps = walls.reduce((n, w) => n + w.state.gaps, 0);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const held = accepted >= rate * SECONDS * 0.95 && lost === 0 && gaps === 0 && p99 !== null && p99 <= P99_LIMIT_MS;
  return { walls: walls.length, rate, accepted, delivered: latencies.length, lost, gaps, p50, p99, held };
}

async function capacity() {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'wallrun-load-')), 'hub');
  const hub = await startHub({ dataDir });
  const steps = [];
  try {
    for (const count of WALLS) {
      const walls = Array.from({ length: count }, (_, i) => simulatedWall(hub.url, `load-${i + 1}`));
      try {
        await allConnected(walls);
        for (const rate of RATES) {
          const s = await step(hub.url, walls, rate);
          steps.push(s);
          console.log(`  ${String(count).padStart(3)} walls × ${String(rate).padStart(6)}/s: p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, lost ${s.lost}, gaps ${s.gaps}${s.held ? '' : '  ← over'}`);
          if (!s.held) break;
        }
      } finally {
        for (const w of walls) w.close();
      }
    }
  } finally {
    await hub.stop();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }
  const best = WALLS.map((count) => ({ walls: count, rate: Math.max(0, ...steps.filter((s) => s.walls === count && s.held).map((s) => s.rate)) }));
  return { steps, capacity: best };
}

const fmt = (v) => (v === null ? '—' : v.toFixed(0));

async function main() {
  console.log(`wallrun load: one hub, walls ${WALLS.join('/')}, rates ${RATES.join('/')} updates/s, ${SECONDS} s a step, limit p99 ${P99_LIMIT_MS} ms and nothing lost`);
  const cap = await capacity();
  console.log('capacity (updates/s every wall received with p99 ≤ 100 ms, nothing lost):');
  for (const c of cap.capacity) console.log(`  ${String(c.walls).padStart(3)} walls: ${c.rate ? `${c.rate}/s` : `under ${RATES[0]}/s`}`);
  let failover = null;
  try {
    const { measureFailover } = await import('./lib/load-failover.mjs');
    failover = await measureFailover({ quick });
  } catch (e) {
    failover = { skipped: e.message };
    console.log(`failover: not measured (${e.message})`);
  }
  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  const file = join(out, `load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine: describeMachine(), quick, secondsPerStep: SECONDS, p99LimitMs: P99_LIMIT_MS, ...cap, failover }, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`wallrun load: ${e.stack ?? e}`);
    process.exit(1);
  },
);
