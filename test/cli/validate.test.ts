import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, scratchProject, wallrun } from '../support/cli.js';

/** Time validate spent on its work (Node's start-up excluded), from its --json report. */
function workMs(dir: string, file: string): number {
  return (JSON.parse(wallrun(['validate', '--json', file], dir).stdout) as { elapsedMs: number }).elapsedMs;
}

describe('wallrun validate', () => {
  let project: ReturnType<typeof scratchProject>;
  beforeEach(() => {
    project = scratchProject();
  });
  afterEach(() => project.remove());

  it('passes the shipped wall, layouts, themes, cameras.yaml and automation.yaml', () => {
    const run = wallrun(['validate'], repoRoot);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^10 files checked: 0 errors, 0 warnings$/m);
    expect(run.code).toBe(0);
  });

  const badInputs: [string, string | Uint8Array, string][] = [
    ['non-UTF-8 bytes', Buffer.concat([Buffer.from('id: bad\ntitle: { vi: "Xin ch'), Buffer.from([0xe0]), Buffer.from('o" }\n')]),
      'layouts/bad.yaml:2:21: error: file is not valid UTF-8 (byte 0xe0); save it as UTF-8'],
    ['an empty file', '', 'layouts/bad.yaml:0:0: error: file is empty (or holds only comments)'],
    ['bad YAML', 'id: x\ntiles: [\n  - a\n', 'layouts/bad.yaml:3:3: error: YAML syntax: Block collections are not allowed within flow collections'],
    ['a duplicate key', 'id: dup\nid: dup2\n', 'layouts/bad.yaml:2:1: error: id: duplicate key "id" (first at line 1, column 1)'],
    ['an alias bomb', billionLaughs(), 'layouts/bad.yaml:2:8: error: b[0]: aliases expand too much'],
  ];
  for (const [what, content, message] of badInputs) {
    it(`reports ${what} at its line and column and exits 1 promptly`, () => {
      project.write('layouts/bad.yaml', content);
      const run = wallrun(['validate', 'layouts/bad.yaml'], project.dir);
      expect(run.stderr).toContain(message);
      expect(run.code).toBe(1);
      // Speed as a ratio in one run: a bad file may cost no more than a few good ones (an expanded
      // alias bomb would cost minutes and gigabytes). Wall time is printed for the record.
      const bad = workMs(project.dir, 'layouts/bad.yaml');
      const good = workMs(project.dir, 'layouts/flood.yaml');
      console.log(`${what}: ${Math.round(run.ms)} ms wall, ${bad} ms checking vs ${good} ms for a good layout`);
      expect(bad).toBeLessThan(3 * good + 50);
    });
  }

  it('reports every mistake of a file at once, sorted by position', () => {
    project.write('layouts/three.yaml', [
      '# yaml-language-server: $schema=../schemas/layout.schema.json',
      'id: three',
      'title: { vi: "Ba lỗi", en: "Three mistakes" }',
      'theme: no-such-theme',
      'tiles:',
      '  - id: chart-1',
      '    widget: chart',
      '    cell: { col: 0, row: 1 }',
      '    topics: [Traffic..Flow]',
      '    props: { kind: pie }',
      '',
    ].join('\n'));
    const run = wallrun(['validate', 'layouts/three.yaml'], project.dir);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      'layouts/three.yaml:4:8: error: theme: unknown theme "no-such-theme" (themes: control-room-dark, high-contrast)',
      'layouts/three.yaml:9:14: error: tiles[0].topics[0]: must be a topic name: 2 to 6 lowercase dotted segments such as "traffic.flow.ca-mau", at most 128 characters (got "Traffic..Flow")',
      'layouts/three.yaml:10:20: error: tiles[0].props.kind: must be one of: line, area, bar, gauge, sparkline (got "pie")',
      '1 files checked: 3 errors, 0 warnings',
    ]);
    expect(run.code).toBe(1);
  });

  it('leaves warnings out of the exit code unless --strict', () => {
    // A text tile over two screens: readable on neither side of the bezel.
    project.write('layouts/crossing.yaml', [
      'id: crossing',
      'title: { vi: "Vắt qua viền", en: "Across a bezel" }',
      'theme: control-room-dark',
      'tiles:',
      '  - { id: heading, widget: text, cell: { col: 0, row: 0, colSpan: 2 }, props: { text: "Trung tâm IOC", fontSizePx: 64 } }',
      '',
    ].join('\n'));
    const lenient = wallrun(['validate', 'layouts/crossing.yaml'], project.dir);
    expect(lenient.stdout).toMatch(/^layouts\/crossing\.yaml:5:\d+: warning: tiles\[0\]/m);
    expect(lenient.code).toBe(0);
    const strict = wallrun(['validate', '--strict', 'layouts/crossing.yaml'], project.dir);
    expect(strict.code).toBe(1);
  });

  it('prints diagnostics as JSON with --json', () => {
    project.write('layouts/bad.yaml', 'id: dup\nid: dup2\n');
    const run = wallrun(['validate', '--json', 'layouts/bad.yaml'], project.dir);
    const out = JSON.parse(run.stdout) as { ok: boolean; diagnostics: { file: string; line: number; column: number; code: string }[] };
    expect(out.ok).toBe(false);
    expect(out.diagnostics).toContainEqual(expect.objectContaining({ file: 'layouts/bad.yaml', line: 2, column: 1 }));
    expect(run.code).toBe(1);
  });

  it('validates a project folder without package.json clean, fonts found in wallrun\'s own install', () => {
    // The scratch project is wall.yaml, cameras.yaml, layouts/, themes/ and schemas/ only, as a site keeps it.
    expect(existsSync(join(project.dir, 'package.json'))).toBe(false);
    const run = wallrun(['validate', '--strict'], project.dir);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^9 files checked: 0 errors, 0 warnings$/m);
    expect(run.code).toBe(0);
  });

  it('refuses a theme whose font the wall does not bundle', () => {
    const theme = readFileSync(join(project.dir, 'themes/high-contrast.yaml'), 'utf8');
    project.write('themes/high-contrast.yaml', theme.replace('@fontsource/be-vietnam-pro', '@fontsource/roboto'));
    const run = wallrun(['validate', 'themes'], project.dir);
    expect(run.stderr).toMatch(/^themes\/high-contrast\.yaml:\d+:\d+: error: font\.package: font package "@fontsource\/roboto" is not bundled with wallrun: the wall bundles only "@fontsource\/be-vietnam-pro"/m);
    expect(run.code).toBe(1);
  });

  it('gives line and column for files anywhere, not only in layouts/ and themes/', () => {
    // Copies without the $schema line, outside the project's folders: their fields tell their kind.
    const strip = (rel: string) => readFileSync(join(project.dir, rel), 'utf8').replace(/^# yaml-language-server.*\n/, '');
    project.write('path/to/other.yaml', strip('layouts/flood.yaml').replace(/^theme: .*$/m, 'theme: drak').replace(/^id: flood$/m, 'id: other').replace(/^hotkey: .*$/m, 'hotkey: F12'));
    project.write('elsewhere/colours.yaml', strip('themes/high-contrast.yaml').replace(/staleOpacity: .*$/m, 'staleOpacity: 2').replace(/^id: .*$/m, 'id: colours'));
    project.write('elsewhere/site.yaml', strip('wall.yaml').replace(/^timezone: \S+/m, 'timezone: Asia/Hanoi'));
    const run = wallrun(['validate', 'path/to/other.yaml', 'elsewhere/colours.yaml', 'elsewhere/site.yaml'], project.dir);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      'elsewhere/colours.yaml:31:15: error: staleOpacity: must be at most 1 (got 2)',
      'elsewhere/site.yaml:15:11: error: timezone: unknown time zone "Asia/Hanoi" (use an IANA name such as "Asia/Ho_Chi_Minh")',
      'path/to/other.yaml:13:8: error: theme: unknown theme "drak" (themes: control-room-dark, high-contrast, colours)',
      '3 files checked: 3 errors, 0 warnings',
    ]);
    expect(run.code).toBe(1);
  });

  it('checks cameras.yaml with the project: a password in a URL, a non-RTSP URL, and a tile naming a camera it lacks', () => {
    project.write('cameras.yaml', [
      'cameras:',
      '  - { id: nga-tu, title: Ngã tư, url: "rtsp://admin:bi-mat@10.0.0.1/1" }',
      '  - { id: cau, title: Cầu, url: "http://10.0.0.2/x.m3u8" }',
      '',
    ].join('\n'));
    const flood = readFileSync(join(project.dir, 'layouts/flood.yaml'), 'utf8');
    project.write('layouts/flood.yaml', flood.replace(/camera: cam-\S+/, 'camera: ca-mau'));
    const run = wallrun(['validate'], project.dir);
    expect(run.stderr).toMatch(/^cameras\.yaml:2:39: error: cameras\[0\]\.url: url holds a user name or password: secrets do not go in the project/m);
    expect(run.stderr).toMatch(/^cameras\.yaml:3:33: error: cameras\[1\]\.url: must be an rtsp:\/\/ or rtsps:\/\/ URL/m);
    expect(run.stderr).toMatch(/^layouts\/flood\.yaml:\d+:\d+: error: tiles\[\d+\]\.props\.camera: unknown camera "ca-mau" \(cameras: nga-tu, cau\)$/m);
    expect(run.stderr).not.toContain('bi-mat');
    expect(run.code).toBe(1);
  });

  it('checks automation.yaml with the project: an unknown layout, a time that does not exist, an entry clashing with a layout’s schedule', () => {
    project.write('automation.yaml', [
      'schedule:',
      '  - { id: bao-cao, layout: overveiw, at: "17:00" }',
      '  - { id: sang, layout: flood, at: "24:00" }',
      '  - { id: chieu, layout: flood, at: "16:30", days: [fri] }',
      '',
    ].join('\n'));
    const run = wallrun(['validate'], project.dir);
    expect(run.stderr.trim().split('\n').slice(0, -1)).toEqual([
      'automation.yaml:2:28: error: schedule[0].layout: unknown layout "overveiw" (did you mean "overview"?)',
      'automation.yaml:3:36: error: schedule[1].at: must be a time that exists, "HH:MM" from 00:00 to 23:59 (got "24:00")',
      'automation.yaml:4:37: error: schedule[2].at: entry "chieu" switches at 16:30 on a day when layout "traffic" schedule[0] (layouts/traffic.yaml:17:11) does too: give them different times or days',
    ]);
    expect(run.code).toBe(1);
  });

  it('checks forecasts.yaml: a baseline for a hazard topic is refused at its line and field', () => {
    project.write('forecasts.yaml', [
      'hazards: [flood.water-level.*]',
      'baseline:',
      '  - { topic: energy.load.total, horizon: 24h, every: 1h }',
      '  - { topic: flood.water-level.cau-rong }',
      '',
    ].join('\n'));
    const run = wallrun(['validate'], project.dir);
    expect(run.stderr.trim().split('\n').slice(0, -1)).toEqual([
      'forecasts.yaml:4:14: error: baseline[1].topic: "flood.water-level.cau-rong" is a hazard topic (hazards: "flood.water-level.*"): only a model may forecast it (PUT /api/forecasts)',
    ]);
    expect(run.code).toBe(1);
  });

  it('fails a tile where no screen is mounted, naming the tile and its wall rect', () => {
    // The top-right panel taken down: the flood layout's cameras there would not be seen.
    const wall = readFileSync(join(project.dir, 'wall.yaml'), 'utf8');
    project.write('wall.yaml', wall.replace(/^ {2}- \{ id: r1c6,.*\n/m, ''));
    const run = wallrun(['validate', 'layouts/flood.yaml'], project.dir);
    expect(run.stderr).toMatch(/^layouts\/flood\.yaml:\d+:11: error: tiles\[6\]\.cell: tile "cam-station-ca-mau" \(wall px 960×540 at 9633,3\) lies where no screen is mounted: nothing of it would be shown$/m);
    expect(run.code).toBe(1);
  });

  describe('web tiles (issue 14)', () => {
    const example = (name: string) => readFileSync(join(repoRoot, 'docs/examples', name), 'utf8');
    const withWeb = () => `${readFileSync(join(project.dir, 'wall.yaml'), 'utf8')}\n${example('wall-web.yaml')}`;

    it('passes the documented example (docs/examples) once its web section is in wall.yaml', () => {
      project.write('wall.yaml', withWeb());
      project.write('layouts/web-dashboards.yaml', example('web-dashboards.yaml'));
      const run = wallrun(['validate', '--strict'], project.dir);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^10 files checked: 0 errors, 0 warnings$/m);
      expect(run.code).toBe(0);
    });

    it('reports a bad web tile at its file, line and column and exits 1', () => {
      project.write('wall.yaml', withWeb());
      project.write('layouts/web-bad.yaml', [
        'id: web-bad',
        'title: { vi: "Trang web sai", en: "Bad web tiles" }',
        'theme: control-room-dark',
        'tiles:',
        '  - id: evil',
        '    widget: web',
        '    cell: { col: 0, row: 0 }',
        '    props: { url: "https://evil.example/", credential: grafana, refreshS: 5 }',
        '  - id: wide',
        '    widget: web',
        '    cell: { col: 1, row: 0, colSpan: 2 }',
        '    props: { url: "file:///etc/passwd" }',
        '  - id: across',
        '    widget: web',
        '    cell: { col: 0, row: 1, colSpan: 2 }',
        '    props: { url: "https://grafana.ioc.example/d/abc", credential: grafna }',
        '',
      ].join('\n'));
      const run = wallrun(['validate', 'layouts/web-bad.yaml'], project.dir);
      expect(run.stderr.trim().split('\n')).toEqual([
        'layouts/web-bad.yaml:8:19: error: tiles[0].props.url: origin https://evil.example is not allowed: add it to wall.yaml web.origins (listed: https://grafana.ioc.example, https://dichvucong.ioc.example)',
        "layouts/web-bad.yaml:8:56: error: tiles[0].props.credential: credential \"grafana\" is for https://grafana.ioc.example, not this page's origin https://evil.example (a credential is only sent to its own origin)",
        'layouts/web-bad.yaml:8:75: error: tiles[0].props.refreshS: must be at least 30 (got 5)',
        'layouts/web-bad.yaml:11:11: error: tiles[1].cell: web tile "wide" crosses a bezel (it covers screens r1c2, r1c3): one browser frame cannot be split across screens with the bezels hidden; place it within one screen',
        'layouts/web-bad.yaml:12:19: error: tiles[1].props.url: must be an http: or https: URL such as "https://grafana.ioc.example/d/abc?kiosk" (got "file:///etc/passwd")',
        'layouts/web-bad.yaml:15:11: error: tiles[2].cell: web tile "across" crosses a bezel (it covers screens r2c1, r2c2): one browser frame cannot be split across screens with the bezels hidden; place it within one screen',
        'layouts/web-bad.yaml:16:68: error: tiles[2].props.credential: unknown credential "grafna" (did you mean "grafana"?)',
        '1 files checked: 7 errors, 0 warnings',
      ]);
      expect(run.code).toBe(1);
    });

    it("refuses a secret in wall.yaml's web credentials", () => {
      project.write('wall.yaml', withWeb().replace('kind: basic }', 'kind: basic, password: "hunter2" }'));
      const run = wallrun(['validate', 'wall.yaml'], project.dir);
      expect(run.stderr).toMatch(/^wall\.yaml:\d+:\d+: error: web\.credentials\.grafana\.password: "password" is a secret and has no place in wall\.yaml: secrets belong in each node's web-credentials\.json/m);
      expect(run.stderr).not.toContain('hunter2');
      expect(run.code).toBe(1);
    });
  });

  it('names a path that does not exist', () => {
    const run = wallrun(['validate', 'layouts/nope.yaml'], project.dir);
    expect(run.stderr).toContain('layouts/nope.yaml:0:0: error: no such file or folder');
    expect(run.code).toBe(1);
  });
});

/** The classic "billion laughs": 9^9 strings if aliases were expanded without a cap. */
function billionLaughs(): string {
  const names = 'abcdefghi'.split('');
  const lines = [`a: &a [${Array(9).fill('"lol"').join(',')}]`];
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  return lines.join('\n') + '\n';
}
