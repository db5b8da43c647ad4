/**
 * The demo asking its own hub over REST, as any client would (the demo's CA, the wall token): the
 * layout the hub shows now (the windows start on it) and the cameras' states (demo-timeline.ts).
 */
import { request } from 'node:https';

/** The demo's hub as a client reaches it. */
export interface HubAccess {
  url: string;
  token: string;
  /** The demo CA's PEM (null: the system's trust store). */
  ca: string | null;
}

/** GET `path` of the hub as JSON; null on any failure (the callers can do without). */
export function hubGet(hub: HubAccess, path: string): Promise<unknown> {
  return new Promise((resolve) => {
    const req = request(new URL(path, hub.url), { headers: { authorization: `Bearer ${hub.token}` }, ...(hub.ca ? { ca: hub.ca } : {}), timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => {
        try {
          resolve(res.statusCode === 200 ? JSON.parse(body) : null);
        } catch {
          resolve(null);
        }
      });
    });
    req.on('error', () => resolve(null));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** The layout the hub's current command shows (GET /api/layout), or null when it has none or does not answer. */
export async function hubLayoutNow(hub: HubAccess): Promise<string | null> {
  const answer = (await hubGet(hub, '/api/layout')) as { current?: { layout?: unknown } | null } | null;
  const layout = answer?.current?.layout;
  return typeof layout === 'string' ? layout : null;
}
