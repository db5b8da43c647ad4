import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import { hazardOf, NO_FORECASTS, parseDuration, topicMatches } from './forecasts.js';
import { loadProject, type ProjectResult } from './project.js';

const file = (path: string, text: string) => ({ path, bytes: new TextEncoder().encode(text) });

function load(forecasts: string | null): ProjectResult {
  return loadProject({ layouts: [], themes: [], ...(forecasts !== null ? { forecasts: file('forecasts.yaml', forecasts) } : {}) });
}

/** The forecasts.yaml errors, as `wallrun validate` prints them. */
function errors(text: string): string[] {
  return load(text).diagnostics.filter((d) => d.severity === 'error' && d.file === 'forecasts.yaml').map(formatDiagnostic);
}

const GOOD = `hazards: [flood.water-level.*, fire.alarm.**]
baseline:
  - { topic: energy.load.total, method: holt-winters, horizon: 24h, every: 1h, season: 24h, trainDays: 14 }
  - { topic: traffic.flow.center }
`;

describe('forecasts.yaml', () => {
  it('reads hazards and baseline entries with their defaults', () => {
    const r = load(GOOD);
    const config = r.ok ? r.value.forecasts : r.partial.forecasts;
    expect(errors(GOOD)).toEqual([]);
    expect(config.hazards).toEqual(['flood.water-level.*', 'fire.alarm.**']);
    expect(config.baseline).toEqual([
      { topic: 'energy.load.total', method: 'holt-winters', horizonMs: 86_400_000, everyMs: 3_600_000, seasonMs: 86_400_000, trainDays: 14 },
      { topic: 'traffic.flow.center', method: 'holt-winters', horizonMs: 86_400_000, everyMs: 3_600_000, seasonMs: 86_400_000, trainDays: 14 },
    ]);
  });

  it('without the file: no baseline, no hazards', () => {
    const r = load(null);
    expect(r.ok ? r.value.forecasts : r.partial.forecasts).toEqual(NO_FORECASTS);
  });

  it('a baseline for a hazard topic is an error naming the file, line and field; the config is left out', () => {
    const text = `hazards: [flood.water-level.*]
baseline:
  - { topic: energy.load.total }
  - topic: flood.water-level.cau-rong
    horizon: 6h
`;
    expect(errors(text)).toEqual([
      expect.stringMatching(/^forecasts\.yaml:4:\d+: error: baseline\[1\]\.topic.*"flood\.water-level\.cau-rong" is a hazard topic \(hazards: "flood\.water-level\.\*"\): only a model may forecast it \(PUT \/api\/forecasts\)/),
    ]);
    const r = load(text);
    expect(r.ok ? r.value.forecasts : r.partial.forecasts).toEqual(NO_FORECASTS);
  });

  it('durations that do not fit together, a topic twice, a bad duration: each at its field', () => {
    const text = `baseline:
  - { topic: a.b, every: 5h, season: 24h }
  - { topic: a.b, horizon: 600h, trainDays: 3 }
  - { topic: c.d, every: 1 hour }
`;
    const out = errors(text).join('\n');
    expect(out).toMatch(/forecasts\.yaml:2:\d+: error: baseline\[0\]\.season.*whole multiple of "every"/);
    expect(out).toMatch(/forecasts\.yaml:2:\d+: error: baseline\[0\]\.horizon.*whole multiple/);
    expect(out).toMatch(/forecasts\.yaml:3:\d+: error: baseline\[1\]\.topic.*already forecast by baseline\[0\]/);
    expect(out).toMatch(/forecasts\.yaml:3:\d+: error: baseline\[1\]\.horizon.*600 points/);
    expect(out).toMatch(/forecasts\.yaml:3:\d+: error: baseline\[1\]\.trainDays.*two seasons plus the horizon/);
    expect(out).toMatch(/forecasts\.yaml:4:\d+: error: baseline\[2\]\.every.*must be a duration/);
  });

  it('globs: * one segment, a final ** the rest', () => {
    expect(topicMatches('flood.water-level.*', 'flood.water-level.cau-rong')).toBe(true);
    expect(topicMatches('flood.water-level.*', 'flood.water-level.a.b')).toBe(false);
    expect(topicMatches('fire.**', 'fire.alarm.zone-1')).toBe(true);
    expect(topicMatches('fire.**', 'fire')).toBe(false);
    expect(hazardOf('energy.load.total', ['flood.*.*'])).toBeUndefined();
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('1 hour')).toBeUndefined();
  });
});
