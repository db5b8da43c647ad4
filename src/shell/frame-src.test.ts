import { describe, expect, it } from 'vitest';
import { parseCsp, WALL_CSP } from '../core/kiosk/page-csp.js';
import { webTileOrigins } from '../core/kiosk/frame-response.js';
import { withFrameSrc } from './browser-shell.js';

describe('the browser shell page CSP for web tiles', () => {
  const layouts = [
    { tiles: [{ widget: 'web', props: { url: 'https://grafana.ioc.example/d/abc?kiosk' } }, { widget: 'kpi', props: { url: 'https://not-a-frame.example/' } }] },
    { tiles: [{ widget: 'web', props: { url: 'HTTP://10.0.0.5:3000/x' } }, { widget: 'web', props: { url: 'javascript:alert(1)' } }] },
  ];

  it("frames only the page's web tiles' origins, 'none' without any, the rest unchanged", () => {
    expect(webTileOrigins(layouts)).toEqual(['http://10.0.0.5:3000', 'https://grafana.ioc.example']);
    const csp = parseCsp(withFrameSrc(WALL_CSP, webTileOrigins(layouts)));
    expect(csp['frame-src']).toEqual(['http://10.0.0.5:3000', 'https://grafana.ioc.example']);
    expect(parseCsp(withFrameSrc(WALL_CSP, []))['frame-src']).toEqual(["'none'"]);
    const { 'frame-src': _, ...rest } = csp;
    const { 'frame-src': __, ...base } = parseCsp(WALL_CSP);
    expect(rest).toEqual(base);
  });
});
