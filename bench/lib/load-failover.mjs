/**
 * Failover time for `npm run load` (docs/scaling.md): two `wallrun hub` processes of one
 * active/standby group on a PostgreSQL cluster of the bench's own, walls that are our real wall
 * client (src/renderer/net/wall-client.ts, bundled for Node) given both hubs, and a publisher that
 * always posts to the hub leading now. Each round SIGKILLs the leader and measures until every wall
 * is connected to the new leader and has received a value published after the kill ("showing live
 * data"); the killed hub is started again (it comes back as the standby) before the next round.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { freePort, startHub } from './load-hub.mjs';
import { INTEGRATION_TOKEN, percentile, WALL_TOKEN } from './load-walls.mjs';
import { testSupport } from './test-support.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The wall client and its in-memory ack storage, bundled for Node from the page's sources. */
async function wallClientModule() {
  const dir = join(ROOT, 'node_modules/.cache/wallrun-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(mkdtempSync(join(dir, 'wall-client-')), 'wall-client.mjs');
  const entry = join(dir, `wall-client-entry-${process.pid}.ts`);
  writeFileSync(entry, `export { WallClient } from '${join(ROOT, 'src/renderer/net/wall-client.ts')}';\nexport { memoryStorage } from '${join(ROOT, 'src/renderer/net/ack-queue.ts')}';\n`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
  rmSync(entry, { force: true });
  return import(pathToFileURL(outfile).href);
}

/** Which of `hubs` leads now (its /healthz without role "standby"), or null. */
async function leaderOf(hubs) {
  for (const h of hubs) {
    if (!h) continue;
    const body = await fetch(`${h.url}/healthz`).then((r) => r.json(), () => null);
    if (body && body.ok && body.role !== 'standby') return h;
  }
  return null;
}

async function until(check, what, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`failover: ${what} not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20)); // polling a state
  }
}

export async function measureFailover({ quick }) {
  const { postgresBinDir, startPostgres } = await testSupport('postgres-cluster');
  if (!postgresBinDir()) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const { WallClient, memoryStorage } = await wallClientModule();
  const rounds = quick ? 2 : 6;
  const wallCount = quick ? 10 : 30;
  const leaseTtlMs = 10_000;
  const cluster = await startPostgres();
  const store = cluster.database('wallrun_load');
  const tmp = mkdtempSync(join(tmpdir(), 'wallrun-failover-'));
  const ports = [await freePort(), await freePort()];
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  const start = (i) => startHub({ dataDir: join(tmp, `hub-${i}`), port: ports[i], args: ['--advertise-url', urls[i], '--lease-ttl', String(leaseTtlMs)], env: { WALLRUN_STORE: store } });
  const hubs = [await start(0), null];
  hubs[1] = await start(1);
  const walls = [];
  const times = [];
  let publishing = true;
  try {
    await until(() => leaderOf(hubs), 'a leader', 30_000);
    for (let i = 0; i < wallCount; i++) {
      const seen = { value: 0, connectedTo: null };
      const client = new WallClient({ url: urls, token: WALL_TOKEN, identity: { node: `fo-${i + 1}`, window: 'w1', screens: ['r1c1'] }, storage: memoryStorage(), sink: { onUpdates: (us) => { for (const u of us) if (typeof u.value === 'number') seen.value = Math.max(seen.value, u.value); } } });
      client.init();
      walls.push({ client, seen });
    }
    // The publisher: one value a 100 ms, the time it was posted, to whichever hub leads.
    const publisher = (async () => {
      let n = 0;
      while (publishing) {
        const leader = await leaderOf(hubs);
        if (leader) {
          const now = Date.now();
          await fetch(`${leader.url}/api/data`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_TOKEN}` }, body: JSON.stringify({ updates: [{ topic: `failover.topic-${n++ % 10}`, value: now }] }) }).then((r) => r.arrayBuffer(), () => null);
        }
        await new Promise((r) => setTimeout(r, 100)); // the publisher's pace
      }
    })();
    await until(() => walls.every((w) => w.client.connected && w.seen.value > 0), 'every wall connected with data', 30_000);
    for (let round = 1; round <= rounds; round++) {
      const leader = await until(() => leaderOf(hubs), 'a leader', 60_000);
      const index = hubs.indexOf(leader);
      const killedAt = Date.now();
      await leader.kill();
      const next = await until(() => leaderOf(hubs.filter((h) => h !== leader)), 'the standby taking over', leaseTtlMs * 3);
      const nextUrl = next.url;
      await until(() => walls.every((w) => w.client.connected && w.seen.value > killedAt), 'every wall live on the new leader', leaseTtlMs * 4);
      const ms = Date.now() - killedAt;
      times.push(ms);
      console.log(`  failover ${round}/${rounds}: leader ${leader.url} SIGKILLed → ${wallCount} walls live on ${nextUrl} after ${(ms / 1000).toFixed(1)} s`);
      hubs[index] = await start(index); // back as the standby
    }
    publishing = false;
    await publisher;
  } finally {
    publishing = false;
    for (const w of walls) w.client.destroy();
    for (const h of hubs) await h?.stop().catch(() => undefined);
    await cluster.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  }
  const result = { walls: wallCount, rounds, leaseTtlMs, ms: times, p50: percentile(times, 50), p99: percentile(times, 99) };
  console.log(`failover (leader SIGKILL → every wall on the new leader with live data), lease ${leaseTtlMs / 1000} s: p50 ${(result.p50 / 1000).toFixed(1)} s, p99 ${(result.p99 / 1000).toFixed(1)} s over ${rounds} kills`);
  return result;
}
