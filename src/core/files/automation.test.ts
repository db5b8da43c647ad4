import { describe, expect, it } from 'vitest';
import { NO_AUTOMATION } from '../automation/model.js';
import { formatDiagnostic } from './diagnostics.js';
import { loadProject, type ProjectResult } from './project.js';

const enc = (text: string) => new TextEncoder().encode(text);
const file = (path: string, text: string) => ({ path, bytes: enc(text) });

const layout = (id: string, schedule = '') => `id: ${id}
title: { vi: ${id}, en: ${id} }
theme: dark
${schedule}tiles:
  - { id: t, widget: clock, cell: { col: 0, row: 0 } }
`;
const LAYOUTS = [file('layouts/overview.yaml', layout('overview', 'schedule:\n  - { at: "07:00" }\n')), file('layouts/flood.yaml', layout('flood')), file('layouts/traffic.yaml', layout('traffic'))];

function load(automation: string | null): ProjectResult {
  return loadProject({ layouts: LAYOUTS, themes: [], ...(automation !== null ? { automation: file('automation.yaml', automation) } : {}) });
}

/** The automation.yaml errors, as `wallrun validate` prints them. */
function errors(automation: string): string[] {
  return load(automation).diagnostics.filter((d) => d.severity === 'error' && d.file === 'automation.yaml').map(formatDiagnostic);
}

const GOOD = `holdMinutes: null
schedule:
  - { id: report, layout: overview, at: "17:00", days: [mon, tue, wed, thu, fri] }
  - { id: tet, preset: holiday, at: "08:00", from: "2027-02-05", until: "2027-02-07" }
  - { id: visit, layout: flood, at: "09:15", on: "2026-12-09" }
rotations:
  - id: night
    from: "22:00"
    to: "06:00"
    items:
      - { layout: traffic, durationS: 600 }
      - { preset: cameras, durationS: 300 }
takeover:
  rules:
    - { id: flood, match: { severity: [critical], sector: [flood] }, layout: flood, mode: confirm }
cap:
  feeds:
    - { id: kttv, url: "https://example.gov.vn/cap.xml", senders: [kttv@example.gov.vn] }
`;

describe('automation.yaml', () => {
  // Found by test/fuzz/loaders.fuzz.test.ts: quoting a long value took minutes (a quadratic
  // regular expression) and repeated the whole megabyte in the message.
  it('answers a huge value of the wrong type with one short message', () => {
    const r = load(`holdMinutes: 30\nschedule: ${'x'.repeat(1_000_000)}\n`);
    const mine = r.diagnostics.filter((d) => d.file === 'automation.yaml');
    expect(mine.map((d) => [d.field, d.code])).toEqual([['schedule', 'wrong-type']]);
    expect(mine[0]!.message).toBe(`must be a list, not text "${'x'.repeat(120)}…"`);
  });

  it('loads the model with its defaults', () => {
    const r = load(GOOD);
    expect(r.diagnostics.filter((d) => d.file === 'automation.yaml')).toEqual([]);
    const a = r.ok ? r.value.automation : r.partial.automation;
    expect(a.holdMinutes).toBeNull();
    expect(a.schedule).toEqual([
      { id: 'report', target: { layout: 'overview' }, at: '17:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      { id: 'tet', target: { preset: 'holiday' }, at: '08:00', from: '2027-02-05', until: '2027-02-07' },
      { id: 'visit', target: { layout: 'flood' }, at: '09:15', on: '2026-12-09' },
    ]);
    expect(a.rotations[0]).toEqual({ id: 'night', from: '22:00', to: '06:00', items: [{ target: { layout: 'traffic' }, durationS: 600 }, { target: { preset: 'cameras' }, durationS: 300 }] });
    expect(a.takeover).toEqual({
      minIntervalS: 60,
      rules: [{ id: 'flood', priority: 0, match: { severity: ['critical'], sector: ['flood'] }, target: { layout: 'flood' }, mode: 'confirm', confirmTimeoutS: 120, returnOn: 'ack' }],
    });
    expect(a.cap).toEqual({ maxBodyBytes: 262_144, senders: [], feeds: [{ id: 'kttv', url: 'https://example.gov.vn/cap.xml', intervalS: 60, senders: ['kttv@example.gov.vn'] }] });
  });

  it('is NO_AUTOMATION without the file, and when the file has errors (nothing runs from a broken file)', () => {
    const none = load(null);
    expect(none.ok ? none.value.automation : none.partial.automation).toEqual(NO_AUTOMATION);
    const broken = load('holdMinutes: 0\n');
    expect(broken.ok).toBe(false);
    expect(broken.ok ? null : broken.partial.automation).toEqual(NO_AUTOMATION);
  });

  it('names an unknown layout with a did-you-mean, in entries, rotation items and rules', () => {
    expect(errors(`schedule:\n  - { id: a, layout: overveiw, at: "17:00" }\nrotations:\n  - { id: r, from: "22:00", to: "06:00", items: [{ layout: trafic, durationS: 60 }] }\ntakeover:\n  rules:\n    - { id: x, match: {}, layout: nowhere, mode: auto }\n`)).toEqual([
      'automation.yaml:2:22: error: schedule[0].layout: unknown layout "overveiw" (did you mean "overview"?)',
      'automation.yaml:4:60: error: rotations[0].items[0].layout: unknown layout "trafic" (did you mean "traffic"?)',
      'automation.yaml:7:35: error: takeover.rules[0].layout: unknown layout "nowhere" (layouts: overview, flood, traffic)',
    ]);
  });

  it('refuses ids used twice (schedule and rotations share them: both are the audit’s via)', () => {
    expect(errors(`schedule:\n  - { id: a, layout: flood, at: "17:00" }\n  - { id: a, layout: flood, at: "18:00" }\nrotations:\n  - { id: a, from: "22:00", to: "06:00", items: [{ layout: flood, durationS: 60 }] }\n`)).toEqual([
      'automation.yaml:3:11: error: schedule[1].id: schedule or rotation id "a" is already used by schedule[0]',
      'automation.yaml:5:11: error: rotations[0].id: schedule or rotation id "a" is already used by schedule[0]',
    ]);
  });

  it('refuses times and dates that do not exist', () => {
    const out = errors(`schedule:\n  - { id: a, layout: flood, at: "24:00" }\n  - { id: b, layout: flood, at: "07:60" }\n  - { id: c, layout: flood, at: "08:00", on: "2027-02-29" }\n`);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^automation.yaml:2:33: error: schedule\[0\].at: must be a time that exists/);
    expect(out[1]).toMatch(/^automation.yaml:3:33: error: schedule\[1\].at: must be a time that exists/);
    expect(out[2]).toBe('automation.yaml:4:46: error: schedule[2].on: "2027-02-29" is not a date of the calendar');
  });

  it('refuses `on` with days, from or until, and until before from', () => {
    expect(errors(`schedule:\n  - { id: a, layout: flood, at: "08:00", on: "2026-12-09", days: [mon] }\n  - { id: b, layout: flood, at: "09:00", from: "2026-12-09", until: "2026-12-01" }\n`)).toEqual([
      'automation.yaml:2:60: error: schedule[0].days: "on" is a one-off date: an entry with "on" takes no "days"',
      'automation.yaml:3:69: error: schedule[1].until: until "2026-12-01" is before from "2026-12-09": the entry would never run',
    ]);
  });

  it('refuses two entries at the same local time on a common day, its own or a layout’s', () => {
    const out = errors(`schedule:
  - { id: a, layout: flood, at: "17:00", days: [mon, tue] }
  - { id: b, layout: traffic, at: "17:00", days: [wed] }
  - { id: c, layout: traffic, at: "17:00", days: [tue, sat] }
  - { id: d, layout: traffic, at: "07:00", on: "2026-12-09" }
  - { id: e, layout: flood, at: "12:00", from: "2026-12-12", until: "2026-12-13" }
  - { id: f, layout: flood, at: "12:00", days: [mon, tue, wed, thu, fri] }
`);
    expect(out).toEqual([
      'automation.yaml:4:35: error: schedule[2].at: entry "c" switches at 17:00 on a day when entry "a" (automation.yaml:2:33) does too: give them different times or days',
      'automation.yaml:5:35: error: schedule[3].at: entry "d" switches at 07:00 on a day when layout "overview" schedule[0] (layouts/overview.yaml:5:11) does too: give them different times or days',
    ]);
  });

  it('warns of a rule that matches every alert', () => {
    const r = load(`takeover:\n  rules:\n    - { id: x, match: {}, layout: flood, mode: auto }\n`);
    expect(r.diagnostics.filter((d) => d.file === 'automation.yaml').map(formatDiagnostic)).toEqual([
      'automation.yaml:3:23: warning: takeover.rules[0].match: match lists no field: every alert raised or updated takes the wall (list a severity, sector, area or source)',
    ]);
    expect((r.ok ? r.value.automation : r.partial.automation).takeover.rules).toHaveLength(1); // a warning: the file still runs
  });

  it('refuses a rotation without items or with an item under 5 s, and bad rule and feed fields', () => {
    const out = errors(`rotations:
  - { id: r, from: "22:00", to: "06:00", items: [] }
  - { id: s, from: "22:00", to: "06:00", items: [{ layout: flood, durationS: 4 }] }
takeover:
  rules:
    - { id: x, match: {}, layout: flood, mode: sometimes, returnOn: never, priority: high }
    - { id: y, match: {}, layout: flood, preset: p, mode: auto }
cap:
  feeds:
    - { id: f, url: "ftp://example.org/cap", senders: [] }
`);
    expect(out.join('\n')).toMatch(/rotations\[0\]\.items: must have at least 1 item/);
    expect(out.join('\n')).toMatch(/rotations\[1\]\.items\[0\]\.durationS: must be at least 5/);
    expect(out.join('\n')).toMatch(/takeover\.rules\[0\]\.mode: .*auto.*confirm/);
    expect(out.join('\n')).toMatch(/takeover\.rules\[0\]\.returnOn: .*ack.*clear/);
    expect(out.join('\n')).toMatch(/takeover\.rules\[0\]\.priority: /);
    expect(out.join('\n')).toMatch(/takeover\.rules\[1\]\.preset: has both "layout" and "preset"/);
    expect(out.join('\n')).toMatch(/cap\.feeds\[0\]\.url: must be an http:\/\/ or https:\/\/ URL/);
    expect(out.join('\n')).toMatch(/cap\.feeds\[0\]\.senders: /);
    for (const line of out) expect(line).toMatch(/^automation\.yaml:\d+:\d+: error: /);
  });
});
