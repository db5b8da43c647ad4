/**
 * The app:// scheme that serves the wall page and its assets (Electron checklist #18: no file://):
 * a standard, secure origin whose paths kiosk-policy maps into dist/renderer or assets/ only.
 */
import { readFile, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, appUrlTarget, contentTypeFor } from '../core/kiosk/kiosk-policy.js';
import { WALL_CSP } from '../core/kiosk/page-csp.js';

/** Must run before app 'ready': app:// is a standard, secure origin that may fetch and stream. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

export interface AppRoots {
  /** The built wall page (dist/renderer). */
  renderer: string;
  /** Folders tried in order for /assets/ (the project's, then the app's). */
  assets: () => string[];
  /**
   * The CSP sent with the wall page: WALL_CSP narrowed to this node's hub and cameras
   * (kioskPageCsp); WALL_CSP when absent.
   */
  csp?: () => string;
}

/** The file under `root` for `relative`, or null when it is missing or (through a link) outside. */
async function confined(root: string, relative: string): Promise<string | null> {
  try {
    const realRoot = await realpath(root);
    const file = await realpath(join(realRoot, ...relative.split('/')));
    return file.startsWith(realRoot + sep) ? file : null;
  } catch {
    return null;
  }
}

/** Serves app://wall/… from the roots; anything else is a 404. */
export function serveApp(session: Session, roots: AppRoots, log: (message: string) => void): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const target = appUrlTarget(request.url);
    const dirs = target?.area === 'assets' ? roots.assets() : [roots.renderer];
    for (const dir of target ? dirs : []) {
      const file = await confined(dir, target!.path);
      if (!file) continue;
      try {
        const body = await readFile(file);
        const headers: Record<string, string> = {
          'content-type': contentTypeFor(file),
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        };
        if (headers['content-type']!.startsWith('text/html')) headers['content-security-policy'] = roots.csp?.() ?? WALL_CSP;
        return new Response(new Uint8Array(body), { status: 200, headers });
      } catch {
        break;
      }
    }
    log(`app: 404 ${request.url}`);
    return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  });
}
