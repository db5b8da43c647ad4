import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fieldPath, type Diagnostic } from '../core/files/diagnostics.js';
import type { SourceFile } from '../core/files/load-result.js';
import type { Theme } from '../core/wall/model.js';
import { diagnosticAt, parseYamlSource, type FieldPath } from '../core/files/yaml-source.js';
import { FONT_FAMILY, FONT_PACKAGE, FONT_WEIGHTS } from '../core/page/font-faces.js';
import { PACKAGE_ROOT } from '../shell/paths.js';

/**
 * A theme's font must ship with the app (a wall has no internet): the renderer build copies the faces
 * of one font package from wallrun's own install into the page, so a theme can only use that family,
 * those weights, and the package must be installed where wallrun is, not in the project folder the
 * command runs in (a project is a wall.yaml with layouts and themes, often without package.json).
 * Core cannot resolve packages, so the CLI checks it. `wallrunRoot` is for tests.
 */
export function checkThemeFonts(themes: readonly Theme[], sources: readonly SourceFile[], wallrunRoot = PACKAGE_ROOT): Diagnostic[] {
  const installed = isInstalled(FONT_PACKAGE, wallrunRoot);
  const out: Diagnostic[] = [];
  for (const theme of themes) {
    const report = (field: FieldPath, message: string) => out.push(at(theme.file, sources, field, message));
    const { package: pkg, family, weights } = theme.font;
    if (pkg !== FONT_PACKAGE) {
      report(['font', 'package'], `font package "${pkg}" is not bundled with wallrun: the wall bundles only "${FONT_PACKAGE}" ("${FONT_FAMILY}") and never fetches fonts`);
    } else if (!installed) {
      report(['font', 'package'], `font package "${pkg}" is not installed with wallrun (${wallrunRoot}): run npm install there`);
    }
    if (family !== FONT_FAMILY) report(['font', 'family'], `font family "${family}" is not bundled: the wall bundles only "${FONT_FAMILY}"`);
    weights.forEach((weight, i) => {
      if (!(FONT_WEIGHTS as readonly number[]).includes(weight)) {
        report(['font', 'weights', i], `weight ${weight} is not bundled (bundled: ${FONT_WEIGHTS.join(', ')}): the browser would fake it`);
      }
    });
  }
  return out;
}

function isInstalled(pkg: string, root: string): boolean {
  try {
    createRequire(join(root, 'package.json')).resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

function at(file: string, sources: readonly SourceFile[], field: FieldPath, message: string): Diagnostic {
  const parsed = parseYamlSource(sources.find((s) => s.path === file) ?? { path: file, bytes: new Uint8Array() }).parsed;
  return parsed
    ? diagnosticAt(parsed, field, 'font-not-bundled', message)
    : { severity: 'error', file, line: 0, column: 0, field: fieldPath(field), code: 'font-not-bundled', message };
}
