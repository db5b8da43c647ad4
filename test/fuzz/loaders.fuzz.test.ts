/**
 * Fuzzing the project files' loaders (src/core/files: wall.yaml, a layout, a theme, cameras.yaml,
 * automation.yaml): YAML text or bytes in, diagnostics or a model out. Inputs from
 * support/yaml-inputs.ts. No loader throws, hangs or reports an internal error; every diagnostic
 * points into the file with a code and a message, and a rejected file has at least one error; an
 * accepted model written back as YAML loads again to the same model. Nothing reaches
 * Object.prototype.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyseAutomation } from '../../src/core/files/automation.js';
import { analyseCameras } from '../../src/core/files/cameras.js';
import { hasErrors, type Diagnostic } from '../../src/core/files/diagnostics.js';
import type { SourceFile } from '../../src/core/files/load-result.js';
import { analyseLayout, analyseTheme, analyseWall } from '../../src/core/files/validate.js';
import { expectClearDiagnostics } from './support/clear-errors.js';
import { fuzz, fuzzTimeout } from './support/settings.js';
import { yamlInputs } from './support/yaml-inputs.js';

const enc = new TextEncoder();
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

const CAMERAS = `cameras:
  - { id: nga-tu, title: { vi: "Ngã tư", en: Crossing }, url: "rtsp://10.0.0.1/1", credential: nga-tu }
  - { id: cau, title: { vi: "Cầu" }, url: "rtsps://10.0.0.2/s", subUrl: "rtsp://10.0.0.2/sub", transcode: { width: 640, height: 360 } }
`;

interface Target {
  name: string;
  path: string;
  seeds: string[];
  analyse: (source: SourceFile) => { diagnostics: Diagnostic[]; value?: unknown };
}

const TARGETS: Target[] = [
  { name: 'wall.yaml', path: 'wall.yaml', seeds: [read('wall.yaml'), read('bench/fixtures/wall.yaml'), read('docs/examples/wall-web.yaml')], analyse: analyseWall },
  {
    name: 'layout',
    path: 'layouts/x.yaml',
    seeds: ['overview', 'flood', 'traffic', 'warnings', 'emergency'].map((l) => read(`layouts/${l}.yaml`)).concat(read('docs/examples/web-dashboards.yaml')),
    analyse: analyseLayout,
  },
  { name: 'theme', path: 'themes/x.yaml', seeds: [read('themes/control-room-dark.yaml'), read('themes/high-contrast.yaml')], analyse: analyseTheme },
  { name: 'cameras.yaml', path: 'cameras.yaml', seeds: [CAMERAS], analyse: analyseCameras },
  { name: 'automation.yaml', path: 'automation.yaml', seeds: [read('automation.yaml')], analyse: analyseAutomation },
];

/** Keys on Object.prototype before any input ran: an input must add none. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function expectNoPollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('fuzz: project file loaders', () => {
  for (const t of TARGETS) {
    it(`${t.name}: the good seeds load`, () => {
      for (const seed of t.seeds) {
        const a = t.analyse({ path: t.path, bytes: enc.encode(seed) });
        expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(a.value).toBeDefined();
      }
    });

    it(`${t.name}: no crash, every problem a clear diagnostic, accepted models round-trip`, () => {
      let accepted = 0;
      fuzz(`loader ${t.name}`, yamlInputs(t.seeds), (bytes) => {
        const a = t.analyse({ path: t.path, bytes });
        expectClearDiagnostics(a.diagnostics, t.path);
        expectNoPollution();
        if (a.value === undefined) {
          expect(hasErrors(a.diagnostics), 'rejected without an error').toBe(true);
          return;
        }
        expect(hasErrors(a.diagnostics)).toBe(false);
        accepted++;
        // The model, written as YAML, is a file that loads to the same model.
        const again = t.analyse({ path: t.path, bytes: enc.encode(stringify(a.value, { aliasDuplicateObjects: false })) });
        expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(again.value).toEqual(a.value);
      });
      // The structured inputs keep enough files valid for the round trip to be exercised.
      expect(accepted).toBeGreaterThan(0);
    }, fuzzTimeout(0.5));
  }
});
