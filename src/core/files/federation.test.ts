import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import { analyseFederation } from './federation.js';
import { topicMatches } from './federation-model.js';

const analyse = (text: string) => analyseFederation({ path: 'federation.yaml', bytes: new TextEncoder().encode(text) });
const lines = (text: string) => analyse(text).diagnostics.map(formatDiagnostic);

describe('federation.yaml', () => {
  it('reads a sub-centre and a province, with the retention defaults or the file\'s', () => {
    expect(analyse('role: sub-centre\nid: son-la-city\nnats: nats://127.0.0.1:4222\nforward:\n  topics: [flood.**, traffic.flow.*]\nretention: { maxMessages: 5000000, maxAge: 24h }\n').value).toEqual({
      role: 'sub-centre',
      id: 'son-la-city',
      nats: 'nats://127.0.0.1:4222',
      forward: { topics: ['flood.**', 'traffic.flow.*'], alerts: true },
      retention: { maxMessages: 5_000_000, maxAgeS: 86_400 },
    });
    expect(analyse('role: province\nid: son-la\nnats: nats://10.0.0.5:4222\nsubCentres: [son-la-city, moc-chau]\n').value).toEqual({
      role: 'province',
      id: 'son-la',
      nats: 'nats://10.0.0.5:4222',
      subCentres: ['son-la-city', 'moc-chau'],
      retention: { maxMessages: 17_280_000, maxAgeS: 172_800 },
    });
  });

  it('names the file, line and field of each problem', () => {
    expect(lines('role: sub-centre\nid: Son La\nnats: nats://user:pw@host:4222\nforward:\n  topics: [Flood]\nsubCentres: [a]\nretention: { maxAge: 2 days }\n')).toEqual([
      'federation.yaml:2:5: error: id: must be a lowercase id such as "node-1" (a-z, 0-9, single hyphens between) (got "Son La")',
      'federation.yaml:3:7: error: nats: must be nats://host:port or tls://host:port, without a user or password (got "nats://…@host:4222")',
      'federation.yaml:5:12: error: forward.topics[0]: must be a topic glob such as "flood.**" or "traffic.flow.*" (got "Flood")',
      'federation.yaml:6:1: error: subCentres: "subCentres" is not used by a sub-centre: remove it',
      'federation.yaml:7:22: error: retention.maxAge: must be a duration such as "48h", "90m" or "7d" (got "2 days")',
    ]);
    expect(lines('role: province\nid: son-la\nnats: nats://h:4222\n')).toEqual(['federation.yaml:1:7: error: role: a province needs "subCentres"']);
  });

  it('matches topic globs segment by segment', () => {
    expect(topicMatches('flood.**', 'flood.level.song-da')).toBe(true);
    expect(topicMatches('flood.**', 'flood')).toBe(false);
    expect(topicMatches('traffic.flow.*', 'traffic.flow.ql-6')).toBe(true);
    expect(topicMatches('traffic.flow.*', 'traffic.flow.ql-6.lane-1')).toBe(false);
    expect(topicMatches('traffic.*.ql-6', 'traffic.speed.ql-6')).toBe(true);
  });
});
