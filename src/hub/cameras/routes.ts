/**
 * REST side of the camera gateway: `GET /api/cameras` (every camera's state) and the HLS fallback
 * `GET /cameras/:id/hls/:file` (Bearer auth like the API; files from the pull's temporary folder;
 * CORS for the wall page's origin, with its preflight).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CamerasAnswer } from '../../core/protocol/cameras.js';
import { HttpError, sendJson, type Router } from '../http.js';
import type { CameraGateway } from './gateway.js';

const HLS_FILE = /^[A-Za-z0-9_-]{1,64}\.(m3u8|ts|m4s|mp4)$/;
const CONTENT_TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
};

/**
 * The wall page is another origin than the hub (app://wall, the browser shell's loopback server), and
 * hls.js sends the token as an Authorization header, which needs a CORS preflight. `*` is safe here:
 * the token travels in a header, never in a cookie, so no credentialed request is ever allowed.
 */
const CORS = { 'Access-Control-Allow-Origin': '*' } as const;

export function addCameraRoutes(router: Router, gateway: CameraGateway, now: () => number): void {
  router.add('OPTIONS', '/cameras/:id/hls/:file', 'public', ({ res }) => {
    res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': 'Authorization', 'Access-Control-Max-Age': '600' });
    res.end();
  });
  router.add('GET', '/api/cameras', ['operator', 'editor', 'integration', 'wall'], ({ res }) =>
    sendJson(res, 200, { hubTime: now(), cameras: gateway.list() } satisfies CamerasAnswer),
  );
  router.add('GET', '/cameras/:id/hls/:file', ['wall', 'operator', 'editor'], ({ res, params }) => {
    const file = params.file!;
    if (!gateway.has(params.id!)) throw new HttpError(404, 'unknown-camera', `no camera "${params.id!.slice(0, 100)}" in the project`);
    if (!HLS_FILE.test(file)) throw new HttpError(404, 'not-found', 'no such HLS file');
    const pull = gateway.pull(params.id!, false); // the fallback serves the main stream only
    const full = pull ? path.join(pull.hlsDir, file) : null;
    if (!full || !existsSync(full)) {
      throw new HttpError(404, 'not-found', `no such HLS file (camera ${gateway.status(params.id!)?.state ?? 'unknown'})`);
    }
    const ext = file.slice(file.lastIndexOf('.') + 1);
    res.writeHead(200, {
      ...CORS,
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': statSync(full).size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(full).on('error', () => res.destroy()).pipe(res);
  });
}
