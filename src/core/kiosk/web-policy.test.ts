import { describe, expect, it } from 'vitest';
import { frameNavigationAllowed, requestAllowed } from './kiosk-policy.js';
import { declaredWebOrigins } from './web-credentials.js';

const ORIGINS = ['https://grafana.ioc.example', 'http://10.0.0.5:3000'];

describe('web tiles in the kiosk policy', () => {
  it('frames and what they load come from the allowed web origins only', () => {
    expect(requestAllowed('https://grafana.ioc.example/d/abc', 'subFrame', ORIGINS)).toBe(true);
    expect(requestAllowed('https://GRAFANA.ioc.example:443/public/app.js', 'script', ORIGINS)).toBe(true);
    expect(requestAllowed('http://10.0.0.5:3000/', 'subFrame', ORIGINS)).toBe(true);
    expect(requestAllowed('http://10.0.0.5:3001/', 'subFrame', ORIGINS)).toBe(false);
    expect(requestAllowed('https://evil.example/', 'subFrame', ORIGINS)).toBe(false);
    expect(requestAllowed('https://grafana.ioc.example/d/abc', 'subFrame')).toBe(false);
    expect(requestAllowed('https://grafana.ioc.example/x.swf', 'object', ORIGINS)).toBe(false);
  });

  it("a tile's frame navigates within the web origins only", () => {
    expect(frameNavigationAllowed('https://grafana.ioc.example/login', ORIGINS)).toBe(true);
    expect(frameNavigationAllowed('https://accounts.example/oauth', ORIGINS)).toBe(false);
    expect(frameNavigationAllowed('javascript:alert(1)', ORIGINS)).toBe(false);
  });

  it("reads wall.yaml's web.origins defensively", () => {
    expect(declaredWebOrigins({ web: { origins: ['https://Grafana.ioc.example/', 42, 'not a url'] } })).toEqual(['https://grafana.ioc.example']);
    expect(declaredWebOrigins({})).toEqual([]);
  });
});
