import { describe, expect, it } from 'vitest';
import { checkHubConfig, httpOrigin, wallIdentity } from './hub-config.js';
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
});
