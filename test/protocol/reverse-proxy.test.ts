/**
 * The reverse-proxy recipe of docs/security.md ("Where a site terminates TLS elsewhere"), run as
 * written: the nginx block is taken from the document, only its ports and certificate paths
 * replaced, and put in front of an `--insecure` hub on loopback. Through it a wall gets its
 * snapshot and live updates over WSS, REST works with tokens and is refused without, and a client
 * trusting another CA is refused. nginx comes from Debian's nginx-light (.ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, WALL_NAMESPACE } from '../../src/core/protocol/protocol.js';
import { IDENTITY, nextEvent, tempDir, testHub, TOKENS, until } from '../support/hub-fixtures.js';
import { httpsJson, testPki, type TestPki } from '../support/tls-fixtures.js';
import { freePort } from '../support/free-port.js';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => spawnSync(p, ['-v']).status === 0);

/** The ```nginx block of docs/security.md, as a site would copy it. */
function recipe(): string {
  const doc = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
  const block = /```nginx\n([\s\S]+?)```/.exec(doc);
  if (!block) throw new Error('docs/security.md has no ```nginx block');
  return block[1]!;
}


/** Resolves once something answers TLS on `port`. */
function tlsAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the reverse-proxy recipe of docs/security.md', () => {
  const tmp = tempDir('wallrun-proxy-');
  let pki: TestPki;
  let hub: Awaited<ReturnType<typeof testHub>>;
  let nginx: ChildProcess | null = null;
  let base = '';
  let nginxLog = '';

  beforeAll(async () => {
    if (!NGINX) throw new Error('nginx is not installed (apt-get install nginx-light; .ci/run installs it)');
    pki = await testPki(tmp.dir);
    hub = await testHub({ port: await freePort() });
    const proxyPort = await freePort();
    const site = recipe()
      .replace('listen 7443 ssl;', `listen 127.0.0.1:${proxyPort} ssl;`)
      .replace('/etc/wallrun/tls/hub-fullchain.pem', pki.tls.certFile!)
      .replace('/etc/wallrun/tls/hub-key.pem', pki.tls.keyFile!)
      .replace('http://127.0.0.1:7400', hub.url);
    expect(site.replace(/#.*$/gm, '')).not.toMatch(/7443|7400|\/etc\/wallrun/); // every site-specific value was replaced
    const prefix = join(tmp.dir, 'nginx');
    mkdirSync(prefix);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${join(prefix, t)};`).join('\n  ');
    writeFileSync(
      join(prefix, 'nginx.conf'),
      `daemon off;\nmaster_process off;\npid ${join(prefix, 'nginx.pid')};\nerror_log stderr warn;\nevents { worker_connections 64; }\n` +
        `http {\n  access_log off;\n  ${temp}\n${site}\n}\n`,
    );
    nginx = spawn(NGINX, ['-e', 'stderr', '-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    nginx.stderr!.setEncoding('utf8').on('data', (c: string) => (nginxLog += c));
    await until(async () => {
      if (nginx!.exitCode !== null) throw new Error(`nginx exited (${nginx!.exitCode}): ${nginxLog}`);
      return tlsAnswers(proxyPort);
    }, 'nginx to answer TLS');
    base = `https://127.0.0.1:${proxyPort}`;
  });
  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    await hub?.cleanup();
    tmp.remove();
  });

  it('REST through the proxy: the hub answers with tokens and refuses without', async () => {
    expect((await httpsJson(base, 'GET', '/healthz', null, pki.caPem)).body).toMatchObject({ ok: true, transport: 'insecure' });
    expect((await httpsJson(base, 'GET', '/api/alerts', TOKENS.operator, pki.caPem)).status).toBe(200);
    expect((await httpsJson(base, 'GET', '/api/alerts', null, pki.caPem)).status).toBe(401);
    await expect(httpsJson(base, 'GET', '/healthz', null, readFileSync(pki.wrongCaFile, 'utf8'))).rejects.toThrow();
  });

  it('a wall over WSS through the proxy gets its snapshot and live updates', async () => {
    const wall = io(`${base}${WALL_NAMESPACE}`, {
      auth: { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ca: pki.caPem,
    });
    try {
      const snapshot = nextEvent(wall, 'snapshot');
      wall.connect();
      await snapshot;
      const update = nextEvent<{ updates: { topic: string; value: unknown }[] }>(wall, 'updates', (b) => b.updates.some((u) => u.topic === 'proxy.test'));
      const published = await httpsJson(base, 'POST', '/api/data', TOKENS.integration, pki.caPem, { updates: [{ topic: 'proxy.test', value: 42 }] });
      expect(published.status).toBe(202);
      expect((await update).updates.find((u) => u.topic === 'proxy.test')?.value).toBe(42);
    } finally {
      wall.close();
    }
  });
});
