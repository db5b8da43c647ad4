import { describe, expect, it } from 'vitest';
import { checkHubConfig, httpOrigin, hubUrls, splitHubUrls, wallIdentity } from './hub-config.js';
import type { PlannedWindow } from '../displays/window-plan.js';

const screen = (screenId: string) => ({ screenId, displayId: 1, wallRect: { x: 0, y: 0, width: 1920, height: 1080 }, windowRect: { x: 0, y: 0, width: 1920, height: 1080 }, rotation: 0 as const });
const win: PlannedWindow = {
  id: 'node-2/w1',
  node: 'node-2',
  bounds: { x: 0, y: 0, width: 3840, height: 1080 },
  screens: [screen('r2c3'), screen('r2c4')],
  viewport: { x: 0, y: 0, width: 3840, height: 1080 },
};

describe('hub config', () => {
  it('derives the handshake identity from the planned window', () => {
    expect(wallIdentity(win)).toEqual({ node: 'node-2', window: 'w1', screens: ['r2c3', 'r2c4'] });
    expect(wallIdentity({ ...win, id: 'odd id/…' }).window).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);
  });

  it('gives the CSP origins of the hub for http and WebSocket', () => {
    expect(httpOrigin('http://10.0.0.5:7400/')).toEqual({ http: 'http://10.0.0.5:7400', ws: 'ws://10.0.0.5:7400' });
    expect(httpOrigin('HTTPS://Hub.IOC.vn/base?x')).toEqual({ http: 'https://hub.ioc.vn', ws: 'wss://hub.ioc.vn' });
    expect(httpOrigin('http://[::1]:7400')).toEqual({ http: 'http://[::1]:7400', ws: 'ws://[::1]:7400' });
    for (const bad of ['ftp://x', 'http://user:pw@x', 'app://wall/', 'javascript:alert(1)', 'http://a b', '']) expect(httpOrigin(bad)).toBeNull();
  });

  it('accepts a usable config and names each problem without quoting the token', () => {
    expect(checkHubConfig({ url: 'http://127.0.0.1:7400', token: 'secret-token-0123456789abcdef' }, win)).toEqual([]);
    expect(checkHubConfig({ url: 'http://127.0.0.1:7400', token: 't', identity: { node: 'node-2', window: 'w1', screens: ['r2c3'] }, escalateAfterS: 0, sound: false }, win)).toEqual([]);
    const problems = checkHubConfig({ url: 'ftp://x', token: '', identity: { node: 'node-9', window: 'w1', screens: ['r9c9'] }, escalateAfterS: -1, sound: 'yes', extra: 1 }, win);
    expect(problems.join('\n')).toMatch(/hub\.extra[\s\S]*hub\.url[\s\S]*hub\.token[\s\S]*r9c9 are not this window's[\s\S]*node-9[\s\S]*escalateAfterS[\s\S]*hub\.sound/);
    expect(checkHubConfig({ url: 'http://h', token: 'super-secret-value', identity: 'x' }, win).join(' ')).not.toContain('super-secret-value');
    expect(checkHubConfig(null, win)).toEqual(['hub must be an object']);
  });

  it('takes the hubs of an active/standby group in hub.urls, and names each bad entry', () => {
    const token = 'secret-token-0123456789abcdef';
    expect(checkHubConfig({ url: 'https://hub-a:7400', urls: ['https://hub-a:7400', 'https://hub-b:7400'], token }, win)).toEqual([]);
    expect(checkHubConfig({ url: 'https://hub-a:7400', urls: ['https://hub-b:7400/'], token }, win)).toEqual([]);
    expect(checkHubConfig({ url: 'https://hub-a:7400', urls: ['https://hub-b:7400', 'ftp://x', 'https://hub-b:7400/', 7], token }, win)).toEqual([
      'hub.urls[1] must be an http(s) URL without credentials',
      'hub.urls[2] repeats hub.urls[0]',
      'hub.urls[3] must be an http(s) URL without credentials',
    ]);
    expect(checkHubConfig({ url: 'https://hub-a:7400', urls: [], token }, win)).toEqual(['hub.urls must be a list of 1 to 8 http(s) URLs']);
    expect(checkHubConfig({ url: 'https://hub-a:7400', urls: 'https://hub-b:7400', token }, win)).toEqual(['hub.urls must be a list of 1 to 8 http(s) URLs']);
    expect(checkHubConfig({ url: 'https://a:1', urls: Array.from({ length: 9 }, (_, i) => `https://h${i}:7400`), token }, win)).toEqual(['hub.urls must be a list of 1 to 8 http(s) URLs']);
    expect(checkHubConfig({ urls: ['https://hub-b:7400'], token }, win)).toEqual(['hub.url is missing: name the hub tried first (hub.urls lists the others of its group)']);
  });

  it('tries hub.url first, then the others of hub.urls, each once', () => {
    expect(hubUrls({ url: 'https://hub-a:7400/' })).toEqual(['https://hub-a:7400']);
    expect(hubUrls({ url: 'https://hub-b:7400', urls: ['https://hub-a:7400', 'https://hub-b:7400/', 'https://hub-c:7400'] })).toEqual(['https://hub-b:7400', 'https://hub-a:7400', 'https://hub-c:7400']);
    expect(splitHubUrls(' https://a:1, https://b:2 ,,')).toEqual(['https://a:1', 'https://b:2']);
  });
});
