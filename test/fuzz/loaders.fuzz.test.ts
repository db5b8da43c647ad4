/**
 * Fuzzing the project files' loaders (src/core/files: wall.yaml, a layout, a theme, cameras.yaml,
 * automation.yaml): YAML text or bytes in, diagnostics or a model out. Inputs from
 * support/yaml-inputs.ts. No loader throws, hangs or reports an internal error; every diagnostic
 * points into the file with a code and a message, and a rejected file has at least one error; an
 * accepted file's data written back as YAML loads again to the same model. Nothing reaches
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
import { FUZZ_DEFAULT_RUNS, FUZZ_RUNS, fuzz, fuzzTimeout } from './support/settings.js';
import { yamlInputs } from './support/yaml-inputs.js';
import { SMALL_LAYOUT as LAYOUT, SMALL_THEME as THEME } from '../support/small-project-files.js';

const enc = new TextEncoder();
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

const CAMERAS = `cameras:
  - { id: nga-tu, title: { vi: "Ngã tư", en: Crossing }, url: "rtsp://10.0.0.1/1", credential: nga-tu }
  - { id: cau, title: { vi: "Cầu" }, url: "rtsps://10.0.0.2/s", subUrl: "rtsp://10.0.0.2/sub", transcode: { width: 640, height: 360 } }
`;

interface Target {
  name: string;
  path: string;
  /** Small good files (cheap to check, so \`npm test\` affords its thousand runs). */
  seeds: string[];
  /** The shipped files, larger: added in the long mode (\`npm run fuzz\`). */
  shipped: string[];
  analyse: (source: SourceFile) => { diagnostics: Diagnostic[]; value?: unknown; yaml?: { data: unknown } };
}

const TARGETS: Target[] = [
  { name: 'wall.yaml', path: 'wall.yaml', seeds: [read('bench/fixtures/wall.yaml')], shipped: [read('wall.yaml')], analyse: analyseWall },
  { name: 'layout', path: 'layouts/x.yaml', seeds: [LAYOUT], shipped: ['overview', 'flood', 'traffic', 'warnings', 'emergency'].map((l) => read(`layouts/${l}.yaml`)), analyse: analyseLayout },
  { name: 'theme', path: 'themes/x.yaml', seeds: [THEME], shipped: [read('themes/control-room-dark.yaml'), read('themes/high-contrast.yaml')], analyse: analyseTheme },
  { name: 'cameras.yaml', path: 'cameras.yaml', seeds: [CAMERAS], shipped: [], analyse: analyseCameras },
  { name: 'automation.yaml', path: 'automation.yaml', seeds: [read('automation.yaml')], shipped: [], analyse: analyseAutomation },
];

/** Keys on Object.prototype before any input ran: an input must add none. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function expectNoPollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Runs `check`; a failure quotes the input as text (fast-check shows bytes as numbers). */
function withInput(bytes: Uint8Array, check: () => void): void {
  try {
    check();
  } catch (error) {
    const text = new TextDecoder().decode(bytes.slice(0, 800));
    throw new Error(`${error instanceof Error ? error.message : String(error)}\ninput (${bytes.length} bytes): ${JSON.stringify(text)}`, { cause: error });
  }
}

describe('fuzz: project file loaders', () => {
  for (const t of TARGETS) {
    it(`${t.name}: the good seeds load`, () => {
      for (const seed of [...t.seeds, ...t.shipped]) {
        const a = t.analyse({ path: t.path, bytes: enc.encode(seed) });
        expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(a.value).toBeDefined();
      }
    });

    it(`${t.name}: no crash, every problem a clear diagnostic, accepted models round-trip`, () => {
      let accepted = 0;
      fuzz(`loader ${t.name}`, yamlInputs(FUZZ_RUNS > FUZZ_DEFAULT_RUNS ? [...t.seeds, ...t.shipped] : t.seeds), (bytes) => withInput(bytes, () => {
        const a = t.analyse({ path: t.path, bytes });
        expectClearDiagnostics(a.diagnostics, t.path);
        expectNoPollution();
        if (a.value === undefined) {
          expect(hasErrors(a.diagnostics), 'rejected without an error').toBe(true);
          return;
        }
        expect(hasErrors(a.diagnostics)).toBe(false);
        accepted++;
        // What the file said, written back as YAML (plain, no anchors, merges resolved), loads to the same model.
        const again = t.analyse({ path: t.path, bytes: enc.encode(stringify(a.yaml!.data, { aliasDuplicateObjects: false })) });
        expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(again.value).toEqual(a.value);
      }));
      // The structured inputs keep enough files valid for the round trip to be exercised.
      expect(accepted).toBeGreaterThan(0);
    }, fuzzTimeout(0.5));
  }
});
