/**
 * A hub for `npm run load`, started as an operator starts it: `wallrun hub` (dist/, built by the
 * install) in its own process, on a free loopback port, with a data folder holding the bench's
 * tokens. Extra arguments (`--store`, `--advertise-url`) pass through. Stopped by pid.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INTEGRATION_TOKEN, WALL_TOKEN } from './load-walls.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Writes the bench's tokens into `dataDir` (700, the file 600, as the hub wants them). */
export function benchDataDir(dataDir) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const tokens = [
    { name: 'load-wall', role: 'wall', token: WALL_TOKEN },
    { name: 'load-feed', role: 'integration', token: INTEGRATION_TOKEN },
  ];
  writeFileSync(join(dataDir, 'tokens.json'), `${JSON.stringify({ tokens }, null, 2)}\n`, { mode: 0o600 });
}

/** Starts `wallrun hub`; resolves once /healthz answers (any status: a standby answers too). */
export async function startHub({ dataDir, port, args = [], env = {} }) {
  benchDataDir(dataDir);
  port ??= await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bin/wallrun.js'), 'hub', '--port', String(port), '--data', dataDir, '--insecure', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.setEncoding('utf8').on('data', (c) => (log = (log + c).slice(-20_000)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`wallrun hub exited before it answered:\n${log}`);
    if (Date.now() > end) throw new Error(`wallrun hub did not answer in 30 s:\n${log}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.arrayBuffer().then(() => true), () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    child,
    exited,
    log: () => log,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
