/**
 * Web tiles in the browser shell: each frame the wall page shows is watched (its navigation's
 * response and failures, judged by core's frame-response.ts) and the page is told with
 * `webFrameStatus` when the frame cannot show its page; and the node's sign-ins are added to the
 * requests for their origins only (core's web-credentials.ts). Electron does the same in
 * src/main/web-frames.ts. See docs/security.md, "Web tiles".
 */
import type { BrowserContext, Frame, Page, Request, Response, Route } from 'playwright-core';
import { FrameProber, type FrameProbeTimings } from '../core/kiosk/frame-hang.js';
import { frameFailureVerdict, frameVerdict, originOf, webFrameStatusCommand, type FrameVerdict } from '../core/kiosk/frame-response.js';
import { withSignIn, type OriginSignIn } from '../core/kiosk/web-credentials.js';
export { declaredWebOrigins } from '../core/kiosk/web-credentials.js';
import type { HostCommand } from '../core/page/host-messages.js';
import { defaultWebCredentialsPath, nodeSignInPlan } from '../node/web-credentials-file.js';

/** Origin → what its requests get; empty when the wall declares no credentials. */
export type SignInPlan = ReadonlyMap<string, OriginSignIn>;

/**
 * The sign-ins for a window's wall, with the secrets of `file` (default: WALLRUN_WEB_CREDENTIALS,
 * else beside the node's config, as the kiosk finds it).
 */
export function browserSignInPlan(wall: unknown, file: string | undefined, log: (line: string) => void): Map<string, OriginSignIn> {
  return nodeSignInPlan(wall, file ?? (process.env.WALLRUN_WEB_CREDENTIALS?.trim() || defaultWebCredentialsPath()), (line) => log(`wallrun: ${line}`));
}

/**
 * Routes the requests for the web tiles' origins (`origins`, and those of the sign-ins): each
 * origin's sign-in headers are added to its requests and to no other origin's. A frame's page
 * (a navigation) and any request with a cookie credential are fetched by playwright and fulfilled
 * from that: route.continue drops a Cookie header, and a 401 with WWW-Authenticate would leave
 * the frame waiting on a login prompt nobody sees (playwright's default answer to the challenge);
 * fulfilled, it is a plain 401 the frame watch reports as a sign-in to renew. Redirects are left
 * to the frame (each hop comes back here). Other requests go on with their headers.
 */
export async function routeWebOrigins(context: BrowserContext, origins: readonly string[], plan: SignInPlan): Promise<void> {
  for (const origin of new Set([...origins, ...plan.keys()])) {
    const signIn = plan.get(origin)?.headers ?? {};
    const withCookie = Object.keys(signIn).some((h) => h.toLowerCase() === 'cookie');
    await context.route((url) => originOf(url.href) === origin, async (route: Route) => {
      // headers(), not allHeaders(): those wait for the request to be sent, which this route holds.
      const headers = withSignIn(route.request().headers(), signIn);
      if (!withCookie && !route.request().isNavigationRequest()) return route.continue({ headers });
      const response = await route.fetch({ headers, maxRedirects: 0 }).catch((e: Error) => e);
      return response instanceof Error ? route.abort(abortCode(response.message)) : route.fulfill({ response });
    });
  }
}

/** Playwright's abort code closest to why a fetch failed, so the frame's failure names it. */
function abortCode(message: string): string {
  if (/ECONNREFUSED/.test(message)) return 'connectionrefused';
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return 'namenotresolved';
  if (/ECONNRESET/.test(message)) return 'connectionreset';
  if (/Timeout|ETIMEDOUT/i.test(message)) return 'timedout';
  return 'failed';
}

/** The URL the frame asked for: the first of a redirect chain. */
function requestedUrl(request: Request): string {
  let first = request;
  for (let r = request.redirectedFrom(); r; r = r.redirectedFrom()) first = r;
  return first.url();
}

/** The frame a navigation request loads, when it is one of the wall page's own frames (a tile's). */
function tileFrame(page: Page, request: Request): Frame | null {
  if (!request.isNavigationRequest()) return null;
  try {
    const frame = request.frame();
    return frame !== page.mainFrame() && frame.parentFrame() === page.mainFrame() ? frame : null;
  } catch {
    return null; // a service worker's request has no frame
  }
}

/**
 * Watches `page`'s tile frames and sends it `webFrameStatus` (through `send`) for each one that
 * cannot show its page. A declared credential without a secret for the frame's origin is a
 * sign-in to renew, whatever the response.
 */
export function watchWebFrames(page: Page, plan: SignInPlan, send: (command: HostCommand) => void): void {
  const report = (request: Request, verdict: FrameVerdict | null): void => {
    const missing = plan.get(originOf(request.url()) ?? '')?.missing ?? [];
    const final = missing.length > 0 && (!verdict || verdict.status === 'sign-in-expired') ? { status: 'sign-in-expired' as const, reason: missing.join('; ') } : verdict;
    if (final) send(webFrameStatusCommand(requestedUrl(request), final));
  };
  page.on('response', (response: Response) => {
    const request = response.request();
    // A redirect is followed by the frame; its final response decides.
    if (!tileFrame(page, request) || (response.status() >= 300 && response.status() < 400)) return;
    void response.headersArray().then((pairs) => {
      const headers: Record<string, string[]> = {};
      for (const { name, value } of pairs) (headers[name.toLowerCase()] ??= []).push(value);
      report(request, frameVerdict({ url: response.url(), status: response.status(), headers }, page.url()));
    }, () => undefined);
  });
  page.on('requestfailed', (request: Request) => {
    if (!tileFrame(page, request)) return;
    const verdict = frameFailureVerdict(request.failure()?.errorText ?? 'network error');
    if (verdict) report(request, verdict);
  });
}

/**
 * Probes `page`'s tile frames every `t.everyMs` (core's FrameProber): a frame that does not run a
 * trivial script within `t.timeoutMs`, twice in a row, is reported `unresponsive` at its current
 * URL. A frame of another site than the wall page has its own renderer process (site isolation),
 * so a hung dashboard cannot freeze the wall page or this probe. Stops when the page closes.
 */
export function probeWebFrames(page: Page, t: FrameProbeTimings, send: (command: HostCommand) => void): void {
  const prober = new FrameProber<Frame>({
    frames: () => page.frames().filter((f) => f.parentFrame() === page.mainFrame()),
    url: (f) => f.url(),
    run: (f) => f.evaluate(() => (globalThis as unknown as { document: { readyState: string } }).document.readyState),
    report: (command) => send(command),
    after: (ms, fn) => void setTimeout(fn, ms),
  }, t);
  const timer = setInterval(() => prober.round(), t.everyMs);
  page.once('close', () => clearInterval(timer));
}
