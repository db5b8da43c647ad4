/**
 * The packaging config, checked without running electron-builder (it would download Electron):
 * electron-builder.yml against electron-builder's own JSON schema, the fuses, every `files`
 * pattern against the tree after `npm run build:electron`, and the autostart files.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_EXIT_CODE } from '../../src/core/kiosk/exit-pin.js';
import { decodePng } from '../support/png.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  electronFuses: Record<string, boolean>;
  extraResources: { from: string; to: string }[];
  linux: { executableName: string; icon: string; target: { target: string; arch: string[] }[] };
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };

/** electron-builder's patterns (minimatch) for the forms we use: **, *, ?, {a,b}. */
function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',' && re.lastIndexOf('(?:') > re.lastIndexOf(')')) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Every file in the tree (relative, '/'-separated), without .git, node_modules and out. */
function treeFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (dir === ROOT && ['.git', 'node_modules', 'out'].includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...treeFiles(path));
    else out.push(relative(ROOT, path).split('\\').join('/'));
  }
  return out;
}

/** What the package would hold: the last pattern that matches a file decides (as in electron-builder). */
function packaged(files: string[]): Set<string> {
  const rules = config.files.map((p) => ({ exclude: p.startsWith('!'), re: globRegExp(p.replace(/^!/, '')) }));
  return new Set(files.filter((f) => rules.reduce((inc, r) => (r.re.test(f) ? !r.exclude : inc), false)));
}

let files: string[] = [];

beforeAll(() => {
  execSync('npm run build:electron', { cwd: ROOT, stdio: 'pipe' });
  files = treeFiles();
}, 120_000);

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own JSON schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('names the app, and builds AppImage and deb for x64', () => {
    expect(config).toMatchObject({ appId: 'vn.ioc.wallrun', productName: 'wallrun' });
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(config.linux).toMatchObject({ maintainer: expect.stringMatching(/<.+@.+>/), category: expect.any(String) });
  });

  it('flips the fuses of docs/security.md', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('every `files` pattern matches something after the build', () => {
    for (const pattern of config.files.filter((p) => !p.startsWith('!'))) {
      expect(files.some((f) => globRegExp(pattern).test(f)), pattern).toBe(true);
    }
  });

  it('packages the bundled main and preload, the page, and the project; no sources, no node_modules', () => {
    const inside = packaged(files);
    expect(pkg.main).toBe('dist/electron/main.cjs');
    for (const f of [pkg.main, 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/wall.js', 'wall.yaml', 'cameras.yaml', 'layouts/overview.yaml', 'schemas/wall.schema.json']) {
      expect(existsSync(join(ROOT, f)), `${f} exists`).toBe(true);
      expect(inside.has(f), `${f} is packaged`).toBe(true);
    }
    for (const f of inside) expect(f, 'only build output and project files').toMatch(/^(dist|layouts|themes|assets|schemas)\/|^(wall|cameras)\.yaml$/);
    expect([...inside].some((f) => f.startsWith('dist/tmp/'))).toBe(false);
    expect(globRegExp('!node_modules{,/**}'.slice(1)).test('node_modules/ajv/package.json')).toBe(true);
  });

  it('bundles main as CommonJS and the sandboxed preload as CommonJS, electron external', () => {
    const script = pkg.scripts['build:electron']!;
    expect(script).toMatch(/src\/main\/main\.ts .*--format=cjs.*--external:electron.*--outfile=dist\/electron\/main\.cjs/);
    expect(script).toMatch(/src\/preload\/index\.ts .*--format=cjs.*--external:electron.*--outfile=dist\/electron\/preload\.cjs/);
    const preload = readFileSync(join(ROOT, 'dist/electron/preload.cjs'), 'utf8');
    expect(preload).toContain('require("electron")');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).not.toMatch(/require\("(?!electron")/); // a sandboxed preload may require only electron
  });

  it('ships icons at 256 and 512 px', () => {
    for (const size of [256, 512]) {
      const png = decodePng(readFileSync(join(ROOT, config.linux.icon, `${size}x${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
    }
    expect(decodePng(readFileSync(join(ROOT, 'build/icon.png'))).width).toBe(512);
  });

  it('ships a systemd unit that restarts always but not after an exit with the PIN, and an autostart entry', () => {
    for (const r of config.extraResources) expect(existsSync(join(ROOT, r.from)), r.from).toBe(true);
    const unit = readFileSync(join(ROOT, 'build/wallrun.service'), 'utf8');
    const exe = `/usr/bin/${config.linux.executableName}`;
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(new RegExp(`^RestartPreventExitStatus=${OPERATOR_EXIT_CODE}$`, 'm'));
    expect(unit).toMatch(new RegExp(`^ExecStart=${exe}$`, 'm'));
    expect(unit).toMatch(/^WantedBy=graphical-session\.target$/m);
    const desktop = readFileSync(join(ROOT, 'build/wallrun.desktop'), 'utf8');
    expect(desktop).toMatch(/^\[Desktop Entry\]$/m);
    expect(desktop).toMatch(/^Type=Application$/m);
    expect(desktop).toMatch(new RegExp(`^Exec=${exe}$`, 'm'));
  });
});
