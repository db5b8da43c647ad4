import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/files/diagnostics.js';
import type { SourceFile } from '../core/files/load-result.js';
import type { Theme } from '../core/wall/model.js';
import { diagnosticAt, parseYamlSource } from '../core/files/yaml-source.js';

/**
 * A theme's font must ship with the app (a wall has no internet): its npm package has to be a
 * dependency of the project and installed. Core cannot read package.json, so the CLI checks it.
 */
export function checkThemeFonts(root: string, themes: readonly Theme[], sources: readonly SourceFile[]): Diagnostic[] {
  const pkgFile = join(root, 'package.json');
  const deps = existsSync(pkgFile)
    ? Object.keys((JSON.parse(readFileSync(pkgFile, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {})
    : [];
  const out: Diagnostic[] = [];
  for (const theme of themes) {
    const pkg = theme.font.package;
    const problem = !deps.includes(pkg)
      ? `font package "${pkg}" is not a dependency in package.json: the wall bundles its fonts and never fetches them (npm install ${pkg})`
      : !existsSync(join(root, 'node_modules', pkg, 'package.json'))
        ? `font package "${pkg}" is not installed: run npm install`
        : undefined;
    if (!problem) continue;
    const parsed = parseYamlSource(sources.find((s) => s.path === theme.file) ?? { path: theme.file, bytes: new Uint8Array() }).parsed;
    out.push(parsed
      ? diagnosticAt(parsed, ['font', 'package'], 'font-not-bundled', problem)
      : { severity: 'error', file: theme.file, line: 0, column: 0, field: 'font.package', code: 'font-not-bundled', message: problem });
  }
  return out;
}
