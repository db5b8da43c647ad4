/**
 * How a CAP 1.2 message becomes a wallrun alert (docs/automation.md, "CAP"): the info block shown
 * (Vietnamese first, then English, else the first), severity and category tables, text shortened
 * to the wire's limits, and the areas' polygons and circles kept as CAP gives them (lat,lon).
 */
import { createHash } from 'node:crypto';
import type { Alert } from '../../core/protocol/alerts.js';
import { LIMITS } from '../../core/protocol/limits.js';
import type { Severity } from '../../core/wall/model.js';
import type { CapInfo, CapMessage, CapSeverity } from './cap-message.js';

export const SEVERITY_OF: Record<CapSeverity, Severity> = {
  Extreme: 'critical',
  Severe: 'major',
  Moderate: 'minor',
  Minor: 'warning',
  Unknown: 'info',
};

/** CAP category → wallrun sector (the first category of the info shown). */
export const SECTOR_OF: Record<string, string> = {
  Geo: 'geohazard',
  Met: 'weather',
  Safety: 'safety',
  Security: 'security',
  Rescue: 'emergency',
  Fire: 'fire',
  Health: 'health',
  Env: 'environment',
  Transport: 'traffic',
  Infra: 'infrastructure',
  CBRNE: 'hazmat',
  Other: 'other',
};

/** An event that names a flood is sector `flood` whatever its category (Met, Geo, Env), so flood rules match it. */
const FLOOD_EVENT = /lũ|ngập|flood|inundation/i;

/** What an alert keeps of the shapes: polygons decimated to this many points, this many of each. */
export const AREA_CAPS = { polygons: LIMITS.alertPolygons, points: LIMITS.alertPolygonPoints, circles: LIMITS.alertCircles } as const;

/** The wallrun alert id of a CAP message identity: stable, within the wire's id pattern and length. */
export function capAlertId(sender: string, identifier: string): string {
  return `cap-${createHash('sha256').update(`${sender}\n${identifier}`).digest('hex').slice(0, 40)}`;
}

/** The info block shown: the first in Vietnamese, else the first in English, else the first. */
export function preferredInfo(infos: readonly CapInfo[]): CapInfo | undefined {
  const lang = (i: CapInfo): string => i.language.toLowerCase().split('-')[0]!;
  return infos.find((i) => lang(i) === 'vi') ?? infos.find((i) => lang(i) === 'en') ?? infos[0];
}

/** When the whole message has ended: the latest `expires` of its infos; null when one has none (no end). */
export function messageExpires(m: CapMessage): number | null {
  if (m.infos.length === 0 || m.infos.some((i) => i.expires === null)) return null;
  return Math.max(...m.infos.map((i) => i.expires!));
}

const oneLine = (s: string, max: number): string => shorten(s.replace(/\s+/g, ' ').trim(), max);
function shorten(s: string, max: number): string {
  const t = s.normalize('NFC');
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
/** Multi-line text as the wire allows it: newlines and tabs kept, other control characters dropped. */
const multiLine = (s: string, max: number): string =>
  shorten(s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F\u2028\u2029]/g, '').trim(), max);

function decimate(ring: [number, number][]): [number, number][] {
  if (ring.length <= AREA_CAPS.points) return ring;
  const step = Math.ceil((ring.length - 1) / (AREA_CAPS.points - 1));
  const kept = ring.filter((_p, i) => i % step === 0);
  kept.push(ring[0]!); // stays closed
  return kept;
}

/** What a CAP message says of its alert: the fields a raise or an update sets. */
export type MappedAlert = Pick<Alert, 'severity' | 'sector' | 'area' | 'source' | 'title' | 'message' | 'areas'>;

export function mapToAlert(m: CapMessage, info: CapInfo): MappedAlert {
  const body = [info.description, info.instruction].filter((s): s is string => !!s).join('\n\n');
  const polygons = info.areas.flatMap((a) => a.polygons).slice(0, AREA_CAPS.polygons).map(decimate);
  const circles = info.areas.flatMap((a) => a.circles).slice(0, AREA_CAPS.circles);
  const category = info.categories[0] ?? 'Other';
  return {
    severity: SEVERITY_OF[info.severity],
    sector: FLOOD_EVENT.test(info.event) ? 'flood' : (SECTOR_OF[category] ?? 'other'),
    area: oneLine(info.areas.map((a) => a.desc).join('; ') || info.event, LIMITS.name),
    source: oneLine(m.sender, LIMITS.name),
    title: oneLine(info.headline ?? info.event, LIMITS.title),
    message: multiLine(body, LIMITS.message),
    ...(polygons.length || circles.length ? { areas: { polygons, circles } } : {}),
  };
}
