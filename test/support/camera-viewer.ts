/** A test client of `GET /cameras/:id/live` (docs/protocol.md "Cameras"): records what the hub sends. */
import WebSocket from 'ws';

export interface CameraViewer {
  header: Record<string, unknown> | null;
  /** Binary messages in order: the init segment first. */
  binary: Buffer[];
  closed: { code: number; reason: string } | null;
  close(): void;
}

export function cameraViewer(hubUrl: string, id: string, token: string | null, query = ''): CameraViewer {
  const ws = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/cameras/${encodeURIComponent(id)}/live${query}`);
  const v: CameraViewer = { header: null, binary: [], closed: null, close: () => ws.close() };
  ws.on('open', () => {
    if (token !== null) ws.send(JSON.stringify({ token }));
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) v.binary.push(Buffer.from(data as Buffer));
    else v.header = JSON.parse(String(data)) as Record<string, unknown>;
  });
  ws.on('close', (code, reason) => (v.closed = { code, reason: String(reason) }));
  ws.on('error', () => undefined);
  return v;
}

/** The top-level box types of an MP4 byte string. */
export function boxTypes(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += bytes.readUInt32BE(at) || bytes.length) out.push(bytes.toString('latin1', at + 4, at + 8));
  return out;
}
