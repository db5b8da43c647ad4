import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import type { Layout, Theme } from '../wall/model.js';
import { loadLayout, loadTheme } from './validate.js';

const enc = new TextEncoder();

function layout(text: string) {
  return loadLayout({ path: 'layouts/overview.yaml', bytes: enc.encode(text) });
}

function errors(text: string): string[] {
  const result = layout(text);
  if (result.ok) throw new Error('expected errors, the layout loaded');
  return result.diagnostics.map(formatDiagnostic);
}

function codes(text: string): string[] {
  const result = layout(text);
  return result.ok ? [] : result.diagnostics.map((d) => d.code);
}

const HEAD = `id: overview
title: { vi: "Tổng quan", en: "Overview" }
theme: control-room-dark
tiles:
`;

/** A layout whose tiles start on line 5. */
function tiles(text: string): string {
  return HEAD + text;
}

describe('loadLayout: a good file', () => {
  it('loads into the model with every default filled in', () => {
    const result = layout(`# yaml-language-server: $schema=../schemas/layout.schema.json
id: overview
title: { vi: "Tổng quan", en: "Overview" }
theme: control-room-dark
hotkey: Ctrl+F1
schedule:
  - { at: "07:30", days: [mon, fri] }
  - { at: "19:00" }
tiles:
  - id: kpi-budget
    widget: kpi
    cell: { col: 0, row: 0, colSpan: 2 }
    z: 3
    title: { vi: "Giải ngân", en: "Disbursement" }
    topics: [sonla.budget.disbursement-rate]
    freshness: { dailyDeadline: "17:00" }
    priority: high
    props: { unit: "%", decimals: 1, thresholds: { warning: 60, critical: 40, direction: below } }
  - id: cam
    widget: camera
    rect: { x: 0, y: 1086, width: 960, height: 540 }
    props: { source: "cam/ca-mau-1.m3u8" }
  - { id: clock, widget: clock, cell: { col: 5, row: 0 } }
`);
    const expected: Layout = {
      file: 'layouts/overview.yaml',
      id: 'overview',
      title: { vi: 'Tổng quan', en: 'Overview' },
      theme: 'control-room-dark',
      hotkey: 'Ctrl+F1',
      schedule: [{ at: '07:30', days: ['mon', 'fri'] }, { at: '19:00' }],
      subdivision: { columns: 1, rows: 1 },
      tiles: [
        {
          id: 'kpi-budget',
          widget: 'kpi',
          cell: { col: 0, row: 0, colSpan: 2, rowSpan: 1 },
          z: 3,
          title: { vi: 'Giải ngân', en: 'Disbursement' },
          topics: ['sonla.budget.disbursement-rate'],
          freshness: { dailyDeadline: '17:00' },
          priority: 'high',
          props: { unit: '%', decimals: 1, thresholds: { warning: 60, critical: 40, direction: 'below' } },
        },
        {
          id: 'cam',
          widget: 'camera',
          rect: { x: 0, y: 1086, width: 960, height: 540 },
          z: 0,
          topics: [],
          priority: 'normal',
          props: { source: 'cam/ca-mau-1.m3u8' },
        },
        {
          id: 'clock',
          widget: 'clock',
          cell: { col: 5, row: 0, colSpan: 1, rowSpan: 1 },
          z: 0,
          topics: [],
          priority: 'normal',
          props: {},
        },
      ],
    };
    expect(result).toStrictEqual({ ok: true, value: expected, warnings: [] });
  });
});

describe('loadLayout: anchors and merge keys', () => {
  it('lets tiles share fields through <<: *anchor, and blames the merge for a bad shared field', () => {
    const good = tiles(`  - &cam { id: c1, widget: camera, cell: { col: 0, row: 0 }, props: { source: a.m3u8 }, priority: high }
  - { <<: *cam, id: c2, cell: { col: 1, row: 0 } }
`);
    const result = layout(good);
    expect(result.ok && result.value.tiles.map((t) => [t.id, t.cell?.col, t.priority, t.props.source])).toEqual([
      ['c1', 0, 'high', 'a.m3u8'],
      ['c2', 1, 'high', 'a.m3u8'],
    ]);
    expect(errors(good.replace('priority: high', 'priorty: high'))).toEqual([
      'layouts/overview.yaml:5:89: error: tiles[0].priorty: unknown field "priorty" (did you mean "priority"?)',
      'layouts/overview.yaml:6:11: error: tiles[1].priorty: unknown field "priorty" (did you mean "priority"?)',
    ]);
  });
});

describe('loadLayout: schema errors', () => {
  it('reports an unknown widget type with the allowed list', () => {
    expect(errors(tiles('  - { id: a, widget: camra, cell: { col: 0, row: 0 } }\n'))).toEqual([
      'layouts/overview.yaml:5:22: error: tiles[0].widget: must be one of: camera, chart, kpi, ticker, alert-list, clock, text, image, map, web (got "camra"; did you mean "camera"?)',
    ]);
  });

  it('reports a bad topic name and a repeated topic', () => {
    const text = tiles('  - { id: a, widget: kpi, cell: { col: 0, row: 0 }, topics: [traffic.flow, Traffic.Flow, single, traffic.flow] }\n');
    expect(errors(text)).toEqual([
      'layouts/overview.yaml:5:76: error: tiles[0].topics[1]: must be a topic name: 2 to 6 lowercase dotted segments such as "traffic.flow.ca-mau", at most 128 characters (got "Traffic.Flow")',
      'layouts/overview.yaml:5:90: error: tiles[0].topics[2]: must be a topic name: 2 to 6 lowercase dotted segments such as "traffic.flow.ca-mau", at most 128 characters (got "single")',
      'layouts/overview.yaml:5:98: error: tiles[0].topics[3]: repeats an earlier item (same as tiles[0].topics[0])',
    ]);
  });

  it('reports a camera without a source, whether props is missing or lacks it', () => {
    const text = tiles(`  - { id: a, widget: camera, cell: { col: 0, row: 0 } }
  - id: b
    widget: camera
    cell: { col: 1, row: 0 }
    props: { label: "Cầu Gành Hào" }
`);
    expect(errors(text)).toEqual([
      'layouts/overview.yaml:5:5: error: tiles[0]: camera tile needs props.camera (a camera of cameras.yaml) or props.source (the HLS URL of its stream)',
      'layouts/overview.yaml:9:5: error: tiles[1].props: camera tile needs props.camera (a camera of cameras.yaml) or props.source (the HLS URL of its stream)',
    ]);
    expect(codes(text)).toEqual(['camera-without-source', 'camera-without-source']);
  });

  it('checks props by widget type, naming the wrong prop', () => {
    const text = tiles(`  - id: c
    widget: chart
    cell: { col: 0, row: 0 }
    topics: [a.b]
    props: { kind: pie, windowSecs: 60 }
  - id: t
    widget: text
    cell: { col: 1, row: 0 }
    props: { text: { vi: 1, fr: "x" }, fontSizePx: 0 }
  - id: i
    widget: image
    cell: { col: 2, row: 0 }
    props: { src: "../secret.png" }
`);
    expect(errors(text)).toEqual([
      'layouts/overview.yaml:9:20: error: tiles[0].props.kind: must be one of: line, area, bar, gauge, sparkline (got "pie")',
      'layouts/overview.yaml:9:25: error: tiles[0].props.windowSecs: unknown field "windowSecs" (did you mean "windowS"?)',
      'layouts/overview.yaml:13:26: error: tiles[1].props.text.vi: must be text, not 1',
      'layouts/overview.yaml:13:29: error: tiles[1].props.text.fr: unknown field "fr" (expected one of: vi, en)',
      'layouts/overview.yaml:13:52: error: tiles[1].props.fontSizePx: must be greater than 0 (got 0)',
      'layouts/overview.yaml:17:19: error: tiles[2].props.src: must be a relative path inside assets/ (no leading "/", no "..", no URL) (got "../secret.png")',
    ]);
  });

  it('reports placement, freshness, hotkey and schedule mistakes', () => {
    const text = `id: overview
title: { vi: "Tổng quan" }
theme: control-room-dark
hotkey: f1
schedule: [{ at: "7:30", days: [mon, funday] }]
subdivision: { columns: 2 }
tiles:
  - { id: a, widget: clock, cell: { col: 0, row: 0 }, rect: { x: 0, y: 0, width: 9, height: 9 } }
  - { id: b, widget: clock, freshness: { maxAgeS: 5, dailyDeadline: "17:00" }, cell: { col: -1, row: 0 } }
`;
    expect(errors(text)).toEqual([
      'layouts/overview.yaml:2:1: error: title: required field "en" is missing',
      'layouts/overview.yaml:4:9: error: hotkey: must be a key such as "F2", "Ctrl+3" or "Ctrl+Shift+K" (prefixes Ctrl+, Alt+, Shift+) (got "f1")',
      'layouts/overview.yaml:5:18: error: schedule[0].at: must be a time "HH:MM" (24 h) (got "7:30")',
      'layouts/overview.yaml:5:38: error: schedule[0].days[1]: must be one of: mon, tue, wed, thu, fri, sat, sun (got "funday")',
      'layouts/overview.yaml:6:1: error: subdivision: required field "rows" is missing',
      'layouts/overview.yaml:8:55: error: tiles[0].rect: has both "cell" and "rect": keep only one',
      'layouts/overview.yaml:9:54: error: tiles[1].freshness.dailyDeadline: has both "maxAgeS" and "dailyDeadline": keep only one',
      'layouts/overview.yaml:9:93: error: tiles[1].cell.col: must be at least 0 (got -1)',
    ]);
  });

  it('reports all mistakes of a file at once: three mistakes, three diagnostics', () => {
    const text = tiles(`  - id: a
    widget: kpi
    cell: { col: 0, row: 0, colspan: 2 }
    topics: [a.b]
    priority: urgent
  - { id: a, widget: clock, cell: { col: 1, row: 0 } }
`);
    expect(errors(text)).toEqual([
      'layouts/overview.yaml:7:29: error: tiles[0].cell.colspan: unknown field "colspan" (did you mean "colSpan"?)',
      'layouts/overview.yaml:9:15: error: tiles[0].priority: must be one of: critical, high, normal, low (got "urgent")',
      'layouts/overview.yaml:10:11: error: tiles[1].id: duplicate tile id "a" (first used by tiles[0] at line 5)',
    ]);
  });
});

describe('loadLayout: rules beyond the schema', () => {
  it('reports chart, kpi and map tiles without topics', () => {
    const text = tiles(`  - { id: a, widget: chart, cell: { col: 0, row: 0 }, props: { kind: line } }
  - { id: b, widget: kpi, cell: { col: 1, row: 0 }, topics: [] }
  - { id: c, widget: map, cell: { col: 2, row: 0 }, props: { geojson: maps/ca-mau.geojson } }
  - { id: d, widget: clock, cell: { col: 3, row: 0 } }
`);
    expect(errors(text)).toEqual([
      'layouts/overview.yaml:5:5: error: tiles[0].topics: a chart tile needs at least one topic, e.g. topics: [traffic.flow.ca-mau]',
      'layouts/overview.yaml:6:61: error: tiles[1].topics: a kpi tile needs at least one topic, e.g. topics: [traffic.flow.ca-mau]',
      'layouts/overview.yaml:7:5: error: tiles[2].topics: a map tile needs at least one topic, e.g. topics: [traffic.flow.ca-mau]',
    ]);
  });
});

describe('loadTheme', () => {
  const THEME = `id: dark
title: { vi: "Tối", en: "Dark" }
font: { family: "Be Vietnam Pro", package: "@fontsource/be-vietnam-pro", weights: [400, 700] }
colors: { background: "#0b1220", surface: "#131c2e", text: "#e6edf7", textMuted: "#8a9bb5", accent: "#3fa7ff", bezel: "#000000", stale: "#6b7280" }
severity: { critical: "#ff3b30", major: "#ff9500", minor: "#ffd60a", warning: "#64d2ff", info: "#8e8e93" }
staleOpacity: 0.45
`;
  const load = (text: string) => loadTheme({ path: 'themes/dark.yaml', bytes: enc.encode(text) });

  it('loads a good theme', () => {
    const expected: Theme = {
      file: 'themes/dark.yaml',
      id: 'dark',
      title: { vi: 'Tối', en: 'Dark' },
      font: { family: 'Be Vietnam Pro', package: '@fontsource/be-vietnam-pro', weights: [400, 700] },
      colors: {
        background: '#0b1220',
        surface: '#131c2e',
        text: '#e6edf7',
        textMuted: '#8a9bb5',
        accent: '#3fa7ff',
        bezel: '#000000',
        stale: '#6b7280',
      },
      severity: { critical: '#ff3b30', major: '#ff9500', minor: '#ffd60a', warning: '#64d2ff', info: '#8e8e93' },
      staleOpacity: 0.45,
    };
    expect(load(THEME)).toStrictEqual({ ok: true, value: expected, warnings: [] });
  });

  it('reports bad colours, a missing severity and an out-of-range opacity together', () => {
    const text = THEME.replace('"#131c2e"', '"#131c2"').replace(', info: "#8e8e93"', '').replace('0.45', '1.5').replace('400, 700', '400, 450');
    const result = load(text);
    expect(result.ok ? [] : result.diagnostics.map(formatDiagnostic)).toEqual([
      'themes/dark.yaml:3:89: error: font.weights[1]: must be one of: 100, 200, 300, 400, 500, 600, 700, 800, 900 (got 450)',
      'themes/dark.yaml:4:43: error: colors.surface: must be a colour "#rrggbb" (got "#131c2")',
      'themes/dark.yaml:5:1: error: severity: required field "info" is missing',
      'themes/dark.yaml:6:15: error: staleOpacity: must be at most 1 (got 1.5)',
    ]);
  });
});
