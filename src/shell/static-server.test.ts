import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from './static-server.js';

/** A GET with the path sent as written (fetch would resolve `..` before sending it). */
function get(server: StaticServer, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startStaticServer', () => {
  let dir: string;
  let server: StaticServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wallrun-static-'));
    // page/ and assets/ are served; secret.txt beside them and page-secret/ (a sibling whose name
    // starts like the root's) are not.
    for (const d of ['page/sub', 'assets', 'page-secret']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, 'page/index.html'), '<p>page</p>');
    writeFileSync(join(dir, 'page/wall.js'), 'export {};');
    writeFileSync(join(dir, 'page/data.bin'), 'bytes');
    writeFileSync(join(dir, 'page/sub/index.html'), '<p>sub</p>');
    writeFileSync(join(dir, 'assets/map.geojson'), '{}');
    writeFileSync(join(dir, 'assets/seg.ts'), 'ts');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    writeFileSync(join(dir, 'page-secret/key.txt'), 'secret');
    server = await startStaticServer(
      { '/': join(dir, 'page'), '/assets/': join(dir, 'assets') },
      { htmlHeaders: (_path, query) => (query.get('w') ? { 'content-security-policy': `default-src 'none' /* ${query.get('w')} */` } : undefined) },
    );
  });
  afterAll(async () => {
    await server.destroy();
    await server.destroy(); // idempotent
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves each mount from its folder with our content types, never cached', async () => {
    const cases: [string, string, string][] = [
      ['/', 'text/html; charset=utf-8', '<p>page</p>'],
      ['/index.html', 'text/html; charset=utf-8', '<p>page</p>'],
      ['/wall.js', 'text/javascript; charset=utf-8', 'export {};'],
      ['/data.bin', 'application/octet-stream', 'bytes'],
      ['/assets/map.geojson', 'application/geo+json', '{}'],
      ['/assets/seg.ts', 'video/mp2t', 'ts'],
      ['/sub/', 'text/html; charset=utf-8', '<p>sub</p>'],
      ['/sub', 'text/html; charset=utf-8', '<p>sub</p>'],
    ];
    for (const [path, type, body] of cases) {
      const res = await get(server, path);
      expect([path, res.status, res.headers['content-type'], res.body]).toEqual([path, 200, type, body]);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
      expect(res.headers['last-modified']).toBeUndefined();
    }
  });

  it('adds the HTML headers the caller gives for a page and its query, to HTML only', async () => {
    expect((await get(server, '/index.html?w=a')).headers['content-security-policy']).toBe("default-src 'none' /* a */");
    expect((await get(server, '/index.html')).headers['content-security-policy']).toBeUndefined();
    expect((await get(server, '/wall.js?w=a')).headers['content-security-policy']).toBeUndefined();
  });

  it('answers 404 for what is not a file under a mount, however the path is written', async () => {
    for (const path of [
      '/missing.js',
      '/blank',
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%5csecret.txt',
      '/..%2fpage-secret/key.txt',
      '/%2fetc%2fpasswd',
      `/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      '/index.html%00',
      '/%E0%A4%A',
    ]) {
      const res = await get(server, path);
      expect([path, res.status, res.headers['content-type'], res.body]).toEqual([path, 404, 'text/plain', 'not found']);
    }
  });
});
