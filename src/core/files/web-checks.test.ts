import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import type { SourceFile } from './load-result.js';
import { loadProject, type ProjectResult } from './project.js';

const enc = new TextEncoder();
const file = (path: string, text: string): SourceFile => ({ path, bytes: enc.encode(text) });

/** 3 × 2 grid of 1920 × 1080 panels, 3 px bezels (cells of 1926 × 1086); `web` starts on line 16. */
function wall(web: string): string {
  return `id: test-wall
title: Test
timezone: Asia/Ho_Chi_Minh
viewingDistanceM: 5
defaultLayout: web
defaultTheme: dark
grid:
  columns: 3
  rows: 2
  panel: { resolution: { width: 1920, height: 1080 }, activeMm: { width: 1209.6, height: 680.4 }, bezelMm: 1.75 }
nodes: [{ id: node-1 }]
screens:
  - { id: r1c1, cell: { col: 0, row: 0 }, display: { connector: DP-1 }, node: node-1 }
  - { id: r1c2, cell: { col: 1, row: 0 }, display: { connector: DP-2 }, node: node-1 }
  - { id: r2c1, cell: { col: 0, row: 1 }, display: { connector: DP-3 }, node: node-1 }
${web}`;
}

const WEB = `web:
  origins: ["https://grafana.ioc.example", "http://10.20.0.7:3000"]
  credentials:
    grafana: { origin: "https://grafana.ioc.example", kind: basic }
    portal: { origin: "http://10.20.0.7:3000", kind: cookie }
`;

const THEME = `id: dark
title: { vi: "Tối", en: "Dark" }
font: { family: "Be Vietnam Pro", package: "@fontsource/be-vietnam-pro", weights: [400] }
colors: { background: "#000000", surface: "#111111", text: "#ffffff", textMuted: "#aaaaaa", accent: "#3fa7ff", bezel: "#000000", stale: "#666666" }
severity: { critical: "#ff0000", major: "#ff8000", minor: "#ffff00", warning: "#00ffff", info: "#ffffff" }
staleOpacity: 0.5
`;

/** A layout whose tiles start on line 5. */
function layout(tiles: string): string {
  return `id: web
title: { vi: "Trang web", en: "Web" }
theme: dark
tiles:
${tiles}`;
}

const GOOD = `  - id: grafana-traffic
    widget: web
    cell: { col: 0, row: 0 }
    title: { vi: "Giao thông (Grafana)" }
    props: { url: "https://grafana.ioc.example/d/abc?kiosk", refreshS: 600, credential: grafana, zoom: 1.5 }
`;

function run(wallText: string, tiles: string): ProjectResult {
  return loadProject({
    wall: file('wall.yaml', wallText),
    layouts: [file('layouts/web.yaml', layout(tiles))],
    themes: [file('themes/dark.yaml', THEME)],
  });
}

function messages(result: ProjectResult): string[] {
  return result.diagnostics.map(formatDiagnostic);
}

describe('web tiles: a good project', () => {
  it('loads the tile with its props and the wall with its web origins and credentials', () => {
    const result = run(wall(WEB), GOOD);
    expect(messages(result)).toEqual([]);
    if (!result.ok) throw new Error('expected the project to load');
    expect(result.value.wall.web).toEqual({
      origins: ['https://grafana.ioc.example', 'http://10.20.0.7:3000'],
      credentials: {
        grafana: { origin: 'https://grafana.ioc.example', kind: 'basic' },
        portal: { origin: 'http://10.20.0.7:3000', kind: 'cookie' },
      },
    });
    expect(result.value.layouts[0]?.tiles[0]).toMatchObject({
      widget: 'web',
      props: { url: 'https://grafana.ioc.example/d/abc?kiosk', refreshS: 600, credential: 'grafana', zoom: 1.5 },
    });
  });

  it('matches a URL to its origin as a browser does (case, default port)', () => {
    const tile = '  - { id: w, widget: web, cell: { col: 1, row: 0 }, props: { url: "HTTPS://Grafana.IOC.example:443/d/x", credential: grafana } }\n';
    expect(messages(run(wall(WEB), tile))).toEqual([]);
  });

  it('leaves the wall without `web` as it was (no origins, so no web tile)', () => {
    const result = run(wall(''), '  - { id: clock, widget: clock, cell: { col: 0, row: 0 } }\n');
    expect(messages(result)).toEqual([]);
    expect(result.ok && result.value.wall.web).toBe(undefined);
  });
});

describe('web tiles: bad props, at their line and column', () => {
  const tile = (props: string, place = 'cell: { col: 0, row: 0 }') => `  - { id: w, widget: web, ${place}, props: { ${props} } }\n`;

  it.each([
    ['a URL that is not http(s)', 'url: "ftp://grafana.ioc.example/"',
      'layouts/web.yaml:5:67: error: tiles[0].props.url: must be an http: or https: URL such as "https://grafana.ioc.example/d/abc?kiosk" (got "ftp://grafana.ioc.example/")'],
    ['a javascript: URL', 'url: "javascript:alert(1)"',
      'layouts/web.yaml:5:67: error: tiles[0].props.url: must be an http: or https: URL such as "https://grafana.ioc.example/d/abc?kiosk" (got "javascript:alert(1)")'],
    ['an http URL a browser cannot open', 'url: "https://grafana..example/"',
      'layouts/web.yaml:5:67: error: tiles[0].props.url: is not an http(s) URL a browser can open: scheme://host[:port]/path, host in ASCII (got "https://grafana..example/")'],
    ['a URL of another scheme, without repeating its password', 'url: "ftp://wall:secret@files.example/"',
      'layouts/web.yaml:5:67: error: tiles[0].props.url: must be an http: or https: URL such as "https://grafana.ioc.example/d/abc?kiosk" (got "ftp://…@files.example/")'],
    ['a password in the URL', 'url: "https://wall:secret@grafana.ioc.example/d/abc"',
      "layouts/web.yaml:5:67: error: tiles[0].props.url: puts a user name or password in the URL: name a credential from wall.yaml web.credentials in props.credential and keep the secret in each node's web-credentials.json"],
    ['an origin wall.yaml does not list', 'url: "https://evil.example/d/abc"',
      'layouts/web.yaml:5:67: error: tiles[0].props.url: origin https://evil.example is not allowed: add it to wall.yaml web.origins (listed: https://grafana.ioc.example, http://10.20.0.7:3000)'],
    ['a credential wall.yaml does not declare', 'url: "https://grafana.ioc.example/", credential: grafna',
      'layouts/web.yaml:5:111: error: tiles[0].props.credential: unknown credential "grafna" (did you mean "grafana"?)'],
    ["a credential for another origin", 'url: "https://grafana.ioc.example/", credential: portal',
      "layouts/web.yaml:5:111: error: tiles[0].props.credential: credential \"portal\" is for http://10.20.0.7:3000, not this page's origin https://grafana.ioc.example (a credential is only sent to its own origin)"],
    ['refreshS under 30 s', 'url: "https://grafana.ioc.example/", refreshS: 10',
      'layouts/web.yaml:5:109: error: tiles[0].props.refreshS: must be at least 30 (got 10)'],
    ['zoom under 0.25', 'url: "https://grafana.ioc.example/", zoom: 0.1',
      'layouts/web.yaml:5:105: error: tiles[0].props.zoom: must be at least 0.25 (got 0.1)'],
    ['zoom over 4', 'url: "https://grafana.ioc.example/", zoom: 5',
      'layouts/web.yaml:5:105: error: tiles[0].props.zoom: must be at most 4 (got 5)'],
    ['an unknown prop', 'url: "https://grafana.ioc.example/", password: x',
      'layouts/web.yaml:5:99: error: tiles[0].props.password: unknown field "password" (expected one of: url, refreshS, credential, zoom)'],
  ])('reports %s', (_what, props, message) => {
    const result = run(wall(WEB), tile(props));
    expect(result.ok).toBe(false);
    expect(messages(result)).toEqual([message]);
  });

  it('reports a web tile without a URL', () => {
    expect(messages(run(wall(WEB), '  - { id: w, widget: web, cell: { col: 0, row: 0 } }\n'))).toEqual([
      'layouts/web.yaml:5:5: error: tiles[0]: required field "props" is missing',
    ]);
    expect(messages(run(wall(WEB), tile('zoom: 2')))).toEqual([
      'layouts/web.yaml:5:53: error: tiles[0].props: required field "url" is missing',
    ]);
  });

  it('reports an origin when wall.yaml has no web section at all', () => {
    expect(messages(run(wall(''), tile('url: "https://grafana.ioc.example/"')))).toEqual([
      'layouts/web.yaml:5:67: error: tiles[0].props.url: origin https://grafana.ioc.example is not allowed: add it to wall.yaml web.origins (it lists none)',
    ]);
  });
});

describe('web tiles: bezels', () => {
  it('is an error for a web tile over two screens, naming the tile (web-crosses-bezel)', () => {
    const tiles = `  - { id: grafana-wide, widget: web, cell: { col: 0, row: 0, colSpan: 2 }, props: { url: "https://grafana.ioc.example/" } }
  - { id: grafana-tall, widget: web, rect: { x: 100, y: 1000, width: 400, height: 200 }, props: { url: "https://grafana.ioc.example/" } }
  - { id: grafana-one, widget: web, rect: { x: 3, y: 3, width: 1920, height: 1080 }, props: { url: "https://grafana.ioc.example/" } }
`;
    const result = run(wall(WEB), tiles);
    expect(result.ok).toBe(false);
    expect(messages(result)).toEqual([
      'layouts/web.yaml:5:44: error: tiles[0].cell: web tile "grafana-wide" crosses a bezel (it covers screens r1c1, r1c2): one browser frame cannot be split across screens with the bezels hidden; place it within one screen',
      'layouts/web.yaml:6:44: error: tiles[1].rect: web tile "grafana-tall" crosses a bezel (it covers screens r1c1, r2c1): one browser frame cannot be split across screens with the bezels hidden; place it within one screen',
    ]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['web-crosses-bezel', 'web-crosses-bezel']);
  });
});

describe('wall.yaml web', () => {
  it('refuses a secret in a credential, pointing at its key', () => {
    const web = `web:
  origins: ["https://grafana.ioc.example"]
  credentials:
    grafana: { origin: "https://grafana.ioc.example", kind: basic, password: "hunter2" }
`;
    const result = run(wall(web), GOOD);
    expect(messages(result)).toEqual([
      `wall.yaml:19:68: error: web.credentials.grafana.password: "password" is a secret and has no place in wall.yaml: secrets belong in each node's web-credentials.json (mode 600); a credential here names only its origin and kind`,
    ]);
    expect(result.diagnostics[0]?.code).toBe('web-secret-in-project');
  });

  it.each(['value', 'token', 'username'])('refuses a "%s" key the same way', (key) => {
    const web = `web:\n  credentials:\n    api: { origin: "https://api.example", kind: header, ${key}: x }\n`;
    const codes = run(wall(web), '  - { id: c, widget: clock, cell: { col: 0, row: 0 } }\n').diagnostics.map((d) => d.code);
    expect(codes).toContain('web-secret-in-project');
  });

  it('reports origins with a path, other schemes, non-canonical spellings, unknown kinds and unlisted credential origins', () => {
    const web = `web:
  origins: ["https://grafana.ioc.example/d/abc", "ftp://files.example", "https://Portal.example:443"]
  credentials:
    grafana: { origin: "https://grafana.ioc.example", kind: oauth }
    other: { origin: "https://other.example", kind: header }
`;
    expect(messages(run(wall(web), '  - { id: c, widget: clock, cell: { col: 0, row: 0 } }\n'))).toEqual([
      'wall.yaml:17:13: error: web.origins[0]: must be an http(s) origin such as "https://grafana.ioc.example" (scheme, host, optional port; no path, no trailing "/") (got "https://grafana.ioc.example/d/abc")',
      'wall.yaml:17:50: error: web.origins[1]: must be an http(s) origin such as "https://grafana.ioc.example" (scheme, host, optional port; no path, no trailing "/") (got "ftp://files.example")',
      'wall.yaml:17:73: error: web.origins[2]: write the origin as browsers do: "https://portal.example" (lowercase host, no default port), so it matches the tiles\' URLs and the page\'s frame-src',
      'wall.yaml:19:61: error: web.credentials.grafana.kind: must be one of: basic, header, cookie (got "oauth")',
    ]);
  });

  it('reports a credential for an origin web.origins does not list', () => {
    const web = `web:
  origins: ["https://grafana.ioc.example"]
  credentials:
    other: { origin: "https://other.example", kind: header }
`;
    expect(messages(run(wall(web), '  - { id: c, widget: clock, cell: { col: 0, row: 0 } }\n'))).toEqual([
      'wall.yaml:19:22: error: web.credentials.other.origin: credential "other" is for https://other.example, which web.origins does not list (add it there, or no tile could use it)',
    ]);
  });
});
