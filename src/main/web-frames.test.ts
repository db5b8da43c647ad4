/**
 * Electron's side of web tiles against a stand-in session: sub-frame responses and failures of
 * our pages become webFrameStatus commands to that page; sign-ins go to their origin only; a tile
 * frame that stops answering the probe is told to its page as unresponsive.
 */
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { HostCommand } from '../core/page/host-messages.js';
import { signInPlan } from '../core/kiosk/web-credentials.js';
import { injectSignIn, probeWebFrames, watchWebFrames } from './web-frames.js';

type Listener = (details: Record<string, unknown>, callback?: (r: unknown) => void) => void;

/** A session reduced to webRequest: what main registers, with the filter it gave. */
function fakeSession(): { session: Session; on: Map<string, { filter: unknown; listener: Listener | null }> } {
  const on = new Map<string, { filter: unknown; listener: Listener | null }>();
  const register = (name: string) => (filter: unknown, listener?: Listener | null) => {
    on.set(name, listener === undefined ? { filter: undefined, listener: filter as Listener | null } : { filter, listener });
  };
  const webRequest = Object.fromEntries(['onBeforeRedirect', 'onHeadersReceived', 'onErrorOccurred', 'onBeforeSendHeaders'].map((n) => [n, register(n)]));
  return { session: { webRequest } as unknown as Session, on };
}

const GRAFANA = 'https://grafana.example';
const plan = signInPlan(
  { grafana: { origin: GRAFANA, kind: 'basic' }, portal: { origin: 'https://portal.example', kind: 'cookie' } },
  { grafana: { kind: 'basic', username: 'wall', password: 'pw' } },
);

describe('watchWebFrames (Electron)', () => {
  const setup = () => {
    const { session, on } = fakeSession();
    const sent: [number, HostCommand][] = [];
    watchWebFrames(session, { isOurs: (id) => id === 7, send: (id, c) => sent.push([id, c]) }, () => plan);
    const fire = (name: string, details: Record<string, unknown>) => {
      const callback = vi.fn();
      on.get(name)!.listener!({ resourceType: 'subFrame', webContentsId: 7, ...details }, callback);
      return callback;
    };
    return { on, sent, fire };
  };

  it('listens to sub-frames of web origins only', () => {
    const { on } = setup();
    expect(on.get('onHeadersReceived')!.filter).toEqual({ urls: ['http://*/*', 'https://*/*'], types: ['subFrame'] });
    expect(on.get('onErrorOccurred')!.filter).toEqual({ urls: ['http://*/*', 'https://*/*'], types: ['subFrame'] });
  });

  it('tells the page a frame was refused, under the URL the frame asked for', () => {
    const { sent, fire } = setup();
    fire('onBeforeRedirect', { id: 1, url: `${GRAFANA}/d/abc` });
    const callback = fire('onHeadersReceived', { id: 1, url: `${GRAFANA}/login`, statusCode: 200, responseHeaders: { 'X-Frame-Options': ['DENY'] } });
    expect(callback).toHaveBeenCalledWith({}); // the response itself is left as it is
    expect(sent).toEqual([[7, { type: 'webFrameStatus', url: `${GRAFANA}/d/abc`, status: 'refused', reason: 'X-Frame-Options: DENY' }]]);
  });

  it("judges against the kiosk's app://wall page: frame-ancestors * does not allow it", () => {
    const { sent, fire } = setup();
    fire('onHeadersReceived', { id: 2, url: `${GRAFANA}/d/x`, statusCode: 200, responseHeaders: { 'content-security-policy': ['frame-ancestors *'] } });
    expect(sent[0]?.[1]).toMatchObject({ status: 'refused', reason: 'Content-Security-Policy: frame-ancestors *' });
  });

  it('reports 401, network failures and a missing secret; ignores other contents, redirects and aborts', () => {
    const { sent, fire } = setup();
    fire('onHeadersReceived', { id: 3, url: `${GRAFANA}/d/x`, statusCode: 401, responseHeaders: {} });
    fire('onErrorOccurred', { id: 4, url: 'https://down.example/', error: 'net::ERR_CONNECTION_REFUSED' });
    fire('onHeadersReceived', { id: 5, url: 'https://portal.example/', statusCode: 200, responseHeaders: {} });
    fire('onErrorOccurred', { id: 6, url: 'https://down.example/', error: 'net::ERR_ABORTED' });
    fire('onHeadersReceived', { id: 7, url: `${GRAFANA}/`, statusCode: 302, responseHeaders: {} });
    fire('onHeadersReceived', { id: 8, url: `${GRAFANA}/`, statusCode: 500, responseHeaders: {}, webContentsId: 99 });
    expect(sent.map(([, c]) => c)).toEqual([
      { type: 'webFrameStatus', url: `${GRAFANA}/d/x`, status: 'sign-in-expired', reason: 'HTTP 401' },
      { type: 'webFrameStatus', url: 'https://down.example/', status: 'unreachable', reason: 'ERR_CONNECTION_REFUSED' },
      { type: 'webFrameStatus', url: 'https://portal.example/', status: 'sign-in-expired', reason: 'credential "portal": not in web-credentials.json' },
    ]);
  });
});

describe('injectSignIn (Electron)', () => {
  it("adds the credential to its origin's requests only, keeping the others' headers", () => {
    const { session, on } = fakeSession();
    injectSignIn(session, plan);
    const { filter, listener } = on.get('onBeforeSendHeaders')!;
    expect(filter).toEqual({ urls: [`${GRAFANA}/*`] }); // portal has no secret: no pattern
    const callback = vi.fn();
    listener!({ url: `${GRAFANA}/api/x`, requestHeaders: { Accept: '*/*' } }, callback);
    expect(callback).toHaveBeenCalledWith({ requestHeaders: { Accept: '*/*', Authorization: `Basic ${Buffer.from('wall:pw').toString('base64')}` } });
    const other = vi.fn();
    listener!({ url: 'https://grafana.example.evil.test/', requestHeaders: { Accept: '*/*' } }, other);
    expect(other).toHaveBeenCalledWith({});
  });

  it('removes the listener when no credential has a secret', () => {
    const { session, on } = fakeSession();
    injectSignIn(session, new Map());
    expect(on.get('onBeforeSendHeaders')).toEqual({ filter: undefined, listener: null });
  });
});

describe('probeWebFrames (Electron)', () => {
  /** A stand-in webFrameMain: answers the probe, or hangs (its promise never settles). */
  const frame = (id: number, url: string, hangs: boolean) => ({
    frameTreeNodeId: id,
    url,
    isDestroyed: () => false,
    executeJavaScript: vi.fn(() => (hangs ? new Promise(() => undefined) : Promise.resolve('complete'))),
  });

  it('tells the page a frame that misses two probes in a row, and forgets it once the page replaced it', async () => {
    vi.useFakeTimers();
    try {
      const hung = frame(1, `${GRAFANA}/d/abc`, true);
      const fine = frame(2, 'https://portal.example/', false);
      const frames: ReturnType<typeof frame>[] = [hung, fine];
      const page = { id: 7, isDestroyed: () => false, mainFrame: { get frames() { return frames; } } } as unknown as WebContents;
      const sent: [number, HostCommand][] = [];
      const stop = probeWebFrames(() => [page], (id, c) => sent.push([id, c]), { everyMs: 1000, timeoutMs: 500, misses: 2 });
      await vi.advanceTimersByTimeAsync(1600);
      expect(sent).toEqual([]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(sent).toEqual([[7, { type: 'webFrameStatus', url: `${GRAFANA}/d/abc`, status: 'unresponsive', reason: 'no answer within 0.5 s, 2 times in a row' }]]);
      expect(hung.executeJavaScript).toHaveBeenCalledTimes(1); // no probe piled onto the hung frame
      expect(hung.executeJavaScript).toHaveBeenCalledWith('document.readyState');
      // The page put a fresh frame in its place: it answers, nothing more is said.
      frames[0] = frame(3, `${GRAFANA}/d/abc`, false);
      await vi.advanceTimersByTimeAsync(5000);
      expect(sent).toHaveLength(1);
      stop();
      const calls = fine.executeJavaScript.mock.calls.length;
      await vi.advanceTimersByTimeAsync(5000);
      expect(fine.executeJavaScript.mock.calls.length).toBe(calls);
    } finally {
      vi.useRealTimers();
    }
  });
});
