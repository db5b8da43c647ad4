import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseShell, findChromium, findElectron, hasDisplay } from './find-shell.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'wallrun-find-shell-'));
}

function executable(path: string): string {
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('findElectron', () => {
  it('finds the binary path.txt names under dist/, as electron/index.js does', () => {
    const pkg = scratch();
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    mkdirSync(join(pkg, 'dist'));
    const bin = executable(join(pkg, 'dist', 'electron'));
    expect(findElectron({}, pkg)).toEqual({ path: bin });
  });
  it('says why when npm did not download the binary', () => {
    expect(findElectron({}, scratch())).toEqual({ reason: expect.stringMatching(/not installed/) });
    expect(findElectron({}, undefined)).toEqual({ reason: expect.stringMatching(/not installed/) });
  });
  it('says where the named binary is missing', () => {
    const pkg = scratch();
    writeFileSync(join(pkg, 'path.txt'), 'electron\n');
    expect(findElectron({}, pkg)).toEqual({ reason: `the Electron binary is missing at ${join(pkg, 'dist', 'electron')}` });
  });
  it('takes ELECTRON_OVERRIDE_DIST_PATH and WALLRUN_ELECTRON (which may say none)', () => {
    const dir = scratch();
    const bin = executable(join(dir, 'electron'));
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: dir }, undefined)).toEqual({ path: bin });
    expect(findElectron({ WALLRUN_ELECTRON: bin }, undefined)).toEqual({ path: bin });
    expect(findElectron({ WALLRUN_ELECTRON: 'none' }, dir)).toEqual({ reason: 'WALLRUN_ELECTRON=none' });
    expect(findElectron({ WALLRUN_ELECTRON: join(dir, 'nope') }, dir)).toEqual({ reason: expect.stringMatching(/no such file/) });
  });
});

describe('findChromium', () => {
  it('uses WALLRUN_CHROMIUM alone when set', () => {
    const dir = scratch();
    const bin = executable(join(dir, 'chrome'));
    expect(findChromium({ WALLRUN_CHROMIUM: bin })).toEqual({ path: bin });
    expect(findChromium({ WALLRUN_CHROMIUM: join(dir, 'nope'), PATH: dir })).toEqual({ reason: expect.stringMatching(/no such file/) });
  });
  it('finds chromium, then chromium-browser, on PATH when the default path has none', () => {
    const dir = scratch();
    const absentDefault = join(dir, 'no-default-chromium');
    const [first, second] = [join(dir, 'first'), join(dir, 'second')];
    mkdirSync(first);
    mkdirSync(second);
    const browser = executable(join(first, 'chromium-browser'));
    expect(findChromium({ PATH: `/nowhere:${first}` }, absentDefault)).toEqual({ path: browser });
    // `chromium` wins over `chromium-browser` wherever each sits on PATH.
    const chromium = executable(join(second, 'chromium'));
    expect(findChromium({ PATH: `/nowhere:${first}:${second}` }, absentDefault)).toEqual({ path: chromium });
  });
  it('takes the default path before PATH, and says where it looked when neither has it', () => {
    const dir = scratch();
    const atDefault = executable(join(dir, 'default-chromium'));
    executable(join(dir, 'chromium'));
    expect(findChromium({ PATH: dir }, atDefault)).toEqual({ path: atDefault });
    const absentDefault = join(dir, 'no-default-chromium');
    expect(findChromium({ PATH: '/nowhere' }, absentDefault)).toEqual({
      reason: `no Chromium at ${absentDefault} nor on PATH (chromium, chromium-browser)`,
    });
  });
});

describe('hasDisplay', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux only', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});

describe('chooseShell', () => {
  const electron = { path: '/opt/electron' };
  const chromium = { path: '/usr/bin/chromium' };
  const noElectron = { reason: 'the Electron binary is not installed' };
  const noChromium = { reason: 'no Chromium' };

  it('prefers Electron with a display', () => {
    expect(chooseShell({}, electron, chromium, true)).toEqual({ kind: 'electron', binary: '/opt/electron' });
  });
  it('uses headful Chromium with a display and no Electron, or when asked for the browser', () => {
    expect(chooseShell({}, noElectron, chromium, true)).toEqual({ kind: 'browser', chromium: '/usr/bin/chromium', headless: false });
    expect(chooseShell({ shell: 'browser' }, electron, chromium, true)).toEqual({ kind: 'browser', chromium: '/usr/bin/chromium', headless: false });
  });
  it('goes headless without a display or with --headless, saying why', () => {
    expect(chooseShell({}, electron, chromium, false)).toEqual({ kind: 'browser', chromium: '/usr/bin/chromium', headless: true, note: expect.stringMatching(/no display/) });
    expect(chooseShell({ headless: true }, electron, chromium, true)).toEqual({ kind: 'browser', chromium: '/usr/bin/chromium', headless: true, note: 'headless (--headless)' });
  });
  it('says how to get a shell when there is none', () => {
    const none = chooseShell({}, noElectron, noChromium, true);
    expect(none.kind).toBe('none');
    if (none.kind === 'none') {
      expect(none.message).toMatch(/apt-get install chromium/);
      expect(none.message).toMatch(/Electron/);
      expect(none.message).toMatch(/no Chromium/);
    }
    // Electron without a display cannot help either.
    expect(chooseShell({}, electron, noChromium, false).kind).toBe('none');
  });
  it('refuses --shell electron where Electron cannot run', () => {
    expect(chooseShell({ shell: 'electron' }, noElectron, chromium, true)).toEqual({ kind: 'none', message: expect.stringMatching(/not installed/) });
    expect(chooseShell({ shell: 'electron', headless: true }, electron, chromium, true)).toEqual({ kind: 'none', message: expect.stringMatching(/no headless/) });
  });
});
