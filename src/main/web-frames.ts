/**
 * Web tiles in Electron: the session's sub-frame responses and failures judged by core's
 * frame-response.ts, each verdict sent to the wall page that holds the frame as `webFrameStatus`;
 * and the node's sign-ins (core's web-credentials.ts) added to the requests for their origins
 * only; and the tiles' frames probed for a hung renderer (core's frame-hang.ts). The browser shell
 * does the same in src/shell/web-frames.ts. See docs/security.md.
 */
import type { Session, WebContents, WebFrameMain } from 'electron';
import { FRAME_PROBE, FrameProber, type FrameProbeTimings } from '../core/kiosk/frame-hang.js';
import { frameFailureVerdict, frameVerdict, originOf, webFrameStatusCommand, type FrameVerdict } from '../core/kiosk/frame-response.js';
import { WALL_PAGE_URL } from '../core/kiosk/kiosk-policy.js';
import { withSignIn, type OriginSignIn } from '../core/kiosk/web-credentials.js';
import type { HostCommand } from '../core/page/host-messages.js';

export interface WebFrameDeps {
  /** Whether `webContentsId` is one of our wall pages (other contents are never told anything). */
  isOurs(webContentsId: number): boolean;
  send(webContentsId: number, command: HostCommand): void;
}

const WEB = ['http://*/*', 'https://*/*'];

/**
 * Watches every sub-frame of the session's pages: the response's headers and status (after
 * redirects, reported under the URL the frame first asked for), or its network failure. A frame
 * nested inside a dashboard is judged too, against the wall page: the page matches commands to
 * its tiles by URL, so a verdict on a URL no tile shows is dropped there.
 */
export function watchWebFrames(session: Session, deps: WebFrameDeps, plan: () => ReadonlyMap<string, OriginSignIn>): void {
  const firstUrl = new Map<number, string>();
  const report = (id: number, webContentsId: number | undefined, url: string, verdict: FrameVerdict | null): void => {
    const requested = firstUrl.get(id) ?? url;
    firstUrl.delete(id);
    if (webContentsId === undefined || !deps.isOurs(webContentsId)) return;
    const missing = plan().get(originOf(url) ?? '')?.missing ?? [];
    const final = missing.length > 0 && (!verdict || verdict.status === 'sign-in-expired') ? { status: 'sign-in-expired' as const, reason: missing.join('; ') } : verdict;
    if (final) deps.send(webContentsId, webFrameStatusCommand(requested, final));
  };
  const filter = { urls: WEB, types: ['subFrame' as const] };
  session.webRequest.onBeforeRedirect(filter, (details) => {
    if (!firstUrl.has(details.id)) firstUrl.set(details.id, details.url);
  });
  session.webRequest.onHeadersReceived(filter, (details, callback) => {
    callback({}); // the response goes on unchanged: Chromium itself enforces the framing headers
    if (details.statusCode >= 300 && details.statusCode < 400) return;
    const verdict = frameVerdict({ url: details.url, status: details.statusCode, headers: details.responseHeaders ?? {} }, WALL_PAGE_URL);
    report(details.id, details.webContentsId, details.url, verdict);
  });
  session.webRequest.onErrorOccurred(filter, (details) => {
    const verdict = frameFailureVerdict(details.error);
    if (verdict) report(details.id, details.webContentsId, details.url, verdict);
    else firstUrl.delete(details.id);
  });
}

/**
 * Adds each origin's sign-in headers to the session's requests for that origin (frames and their
 * XHR alike), and to no other. Called again when the project or the credentials change: Electron
 * keeps only the last listener, and its filter names exactly the origins with a sign-in.
 */
export function injectSignIn(session: Session, plan: ReadonlyMap<string, OriginSignIn>): void {
  const origins = [...plan].filter(([, s]) => Object.keys(s.headers).length > 0).map(([origin]) => origin);
  if (origins.length === 0) {
    session.webRequest.onBeforeSendHeaders(null);
    return;
  }
  session.webRequest.onBeforeSendHeaders({ urls: origins.map((o) => `${o}/*`) }, (details, callback) => {
    const signIn = plan.get(originOf(details.url) ?? '');
    // Whatever the filter's pattern matching (ports, case), the origin is checked here, exactly.
    callback(signIn ? { requestHeaders: withSignIn(details.requestHeaders, signIn.headers) } : {});
  });
}

/**
 * Probes the tile frames of our wall pages (`pages()`; each page's direct child frames, Electron's
 * webFrameMain) every `t.everyMs` with a trivial script (`executeJavaScript`); a frame that does not
 * answer within `t.timeoutMs`, twice in a row, is reported to its page as `unresponsive` at its
 * current URL (core's FrameProber decides). Frames are held by page and frame tree node, so a
 * frame the page replaced is a new one. Returns the stopper.
 */
export function probeWebFrames(pages: () => readonly WebContents[], send: (webContentsId: number, command: HostCommand) => void, t: FrameProbeTimings = FRAME_PROBE): () => void {
  const now = new Map<string, { page: number; frame: WebFrameMain }>();
  const prober = new FrameProber<string>({
    frames: () => {
      now.clear();
      for (const wc of pages()) {
        try {
          if (!wc.isDestroyed()) for (const frame of wc.mainFrame.frames) now.set(`${wc.id}:${frame.frameTreeNodeId}`, { page: wc.id, frame });
        } catch {
          // A page being torn down (its frames disposed): nothing to probe there this round.
        }
      }
      return [...now.keys()];
    },
    url: (key) => now.get(key)?.frame.url ?? '',
    run: (key) => {
      const f = now.get(key)?.frame;
      return f && !f.isDestroyed() ? f.executeJavaScript('document.readyState') : Promise.reject(new Error('frame gone'));
    },
    report: (command, key) => {
      const page = now.get(key)?.page;
      if (page !== undefined) send(page, command);
    },
    after: (ms, fn) => void setTimeout(fn, ms),
  }, t);
  const timer = setInterval(() => prober.round(), t.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
