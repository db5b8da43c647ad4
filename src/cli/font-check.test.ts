import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTheme } from '../core/files/validate.js';
import type { SourceFile } from '../core/files/load-result.js';
import { checkThemeFonts } from './font-check.js';
import { PACKAGE_ROOT } from '../shell/paths.js';

const shipped = readFileSync(join(PACKAGE_ROOT, 'themes/control-room-dark.yaml'), 'utf8');

function check(text: string, wallrunRoot?: string) {
  const source: SourceFile = { path: 'themes/t.yaml', bytes: new TextEncoder().encode(text) };
  const theme = loadTheme(source);
  if (!theme.ok) throw new Error(JSON.stringify(theme.diagnostics));
  return checkThemeFonts([theme.value], [source], wallrunRoot);
}

describe('checkThemeFonts', () => {
  it('accepts the shipped theme, its font found in wallrun\'s own install', () => {
    expect(check(shipped)).toEqual([]);
  });

  it('says the font is not installed when wallrun\'s install lacks it', () => {
    const bare = mkdtempSync(join(tmpdir(), 'wallrun-bare-'));
    try {
      const [d, ...rest] = check(shipped, bare);
      expect(rest).toEqual([]);
      expect(d).toMatchObject({ file: 'themes/t.yaml', field: 'font.package', code: 'font-not-bundled' });
      expect(d?.line).toBeGreaterThan(0);
      expect(d?.message).toContain('is not installed with wallrun');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('names the family and each weight the wall does not bundle, at their fields', () => {
    const text = shipped.replace(/font: \{[^}]*\}/, 'font: { family: "Roboto", package: "@fontsource/be-vietnam-pro", weights: [300, 400] }');
    const found = check(text).map((d) => `${d.field}: ${d.message}`);
    expect(found).toEqual([
      'font.family: font family "Roboto" is not bundled: the wall bundles only "Be Vietnam Pro"',
      'font.weights[0]: weight 300 is not bundled (bundled: 400, 600, 700): the browser would fake it',
    ]);
  });
});
