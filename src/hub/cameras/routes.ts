/**
 * REST side of the camera gateway: `GET /api/cameras` (every camera's state) and the HLS fallback
 * `GET /cameras/:id/hls/:file` (Bearer auth like the API; files from the pull's temporary folder).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { HttpError, sendJson, type Router } from '../http.js';
import type { CameraGateway } from './gateway.js';

const HLS_FILE = /^[A-Za-z0-9_-]{1,64}\.(m3u8|ts|m4s|mp4)$/;
const CONTENT_TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
};

export function addCameraRoutes(router: Router, gateway: CameraGateway, now: () => number): void {
  router.add('GET', '/api/cameras', ['operator', 'editor', 'integration', 'wall'], ({ res }) =>
    sendJson(res, 200, { hubTime: now(), cameras: gateway.list() }),
  );
  router.add('GET', '/cameras/:id/hls/:file', ['wall', 'operator', 'editor'], ({ res, params, query }) => {
    const file = params.file!;
    if (!gateway.has(params.id!)) throw new HttpError(404, 'unknown-camera', `no camera "${params.id!.slice(0, 100)}" in the project`);
    if (!HLS_FILE.test(file)) throw new HttpError(404, 'not-found', 'no such HLS file');
    const pull = gateway.pull(params.id!, query.get('sub') === '1');
    const full = pull ? path.join(pull.hlsDir, file) : null;
    if (!full || !existsSync(full)) {
      throw new HttpError(404, 'not-found', `no such HLS file (camera ${gateway.status(params.id!)?.state ?? 'unknown'})`);
    }
    const ext = file.slice(file.lastIndexOf('.') + 1);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': statSync(full).size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(full).on('error', () => res.destroy()).pipe(res);
  });
}
