/**
 * A CAP 1.2 message (OASIS Common Alerting Protocol 1.2) read from its XML tree: the elements the
 * hub uses, each checked and length-limited, every problem naming its field (`info[1].severity`).
 * Unknown elements of other namespaces (a ds:Signature) are ignored; the root must be `alert` in
 * the CAP 1.2 namespace.
 */
import { childrenNamed, type XmlElement } from './cap-xml.js';

export const CAP12_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;

/** Longest text each field may have (characters) and most repeats; a message over any is refused. */
export const CAP_CAPS = {
  identifier: 256, sender: 256, dateTime: 40, references: 16_384, event: 300, headline: 1000, description: 16_000,
  instruction: 16_000, senderName: 300, areaDesc: 2000, polygon: 100_000, circle: 200, language: 35,
  infos: 16, categories: 12, areasPerInfo: 64, shapesPerArea: 64,
} as const;

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

export interface CapCircle { lat: number; lon: number; radiusKm: number }
export interface CapArea { desc: string; polygons: [number, number][][]; circles: CapCircle[] }
export interface CapInfo {
  language: string;
  categories: string[];
  event: string;
  urgency: string;
  severity: CapSeverity;
  certainty: string;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  senderName: string | null;
  /** ms since the epoch; null: no end given. */
  expires: number | null;
  areas: CapArea[];
}
export interface CapReference { sender: string; identifier: string; sent: number }
export interface CapMessage {
  identifier: string;
  sender: string;
  sent: number;
  status: CapStatus;
  msgType: CapMsgType;
  references: CapReference[];
  infos: CapInfo[];
}

export class CapInvalid extends Error {
  public constructor(public readonly details: string[]) {
    super(`not a valid CAP 1.2 message: ${details.join('; ')}`);
  }
}

/** CAP's dateTime ("2026-12-07T10:00:00+07:00"; "Z" tolerated) in ms. */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/;
/** identifier and sender: no whitespace, comma or XML-reserved character (CAP 1.2 §3.2.1). */
const NO_DELIMITERS = /^[^\s,<&]+$/;

class Reader {
  public readonly errors: string[] = [];

  public text(el: XmlElement, local: string, field: string, max: number, required: true): string;
  public text(el: XmlElement, local: string, field: string, max: number, required: false): string | null;
  public text(el: XmlElement, local: string, field: string, max: number, required: boolean): string | null {
    const found = childrenNamed(el, CAP12_NS, local);
    if (found.length === 0) {
      if (required) this.errors.push(`${field}: missing`);
      return null;
    }
    if (found.length > 1) this.errors.push(`${field}: given ${found.length} times, once allowed`);
    const value = found[0]!.text.trim();
    if (value.length > max) this.errors.push(`${field}: longer than ${max} characters`);
    if (required && value === '') this.errors.push(`${field}: empty`);
    return value === '' && !required ? null : value.slice(0, max);
  }

  public oneOf<T extends string>(value: string | null, allowed: readonly T[], field: string): T {
    if (value !== null && !(allowed as readonly string[]).includes(value)) this.errors.push(`${field}: "${value.slice(0, 40)}" is not one of ${allowed.join(', ')}`);
    return value as T;
  }

  public time(value: string | null, field: string): number | null {
    if (value === null) return null;
    const ms = DATE_TIME.test(value) ? Date.parse(value) : NaN;
    if (!Number.isFinite(ms)) this.errors.push(`${field}: "${value.slice(0, 40)}" is not a CAP dateTime (YYYY-MM-DDThh:mm:ss±hh:mm)`);
    return Number.isFinite(ms) ? ms : null;
  }
}

function point(pair: string, field: string, errors: string[]): [number, number] | null {
  const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(pair);
  const lat = m ? Number(m[1]) : NaN;
  const lon = m ? Number(m[2]) : NaN;
  if (!m || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    errors.push(`${field}: "${pair.slice(0, 40)}" is not a WGS 84 "lat,lon" pair`);
    return null;
  }
  return [lat, lon];
}

function readArea(r: Reader, el: XmlElement, field: string): CapArea {
  const desc = r.text(el, 'areaDesc', `${field}.areaDesc`, CAP_CAPS.areaDesc, true);
  const polygons: [number, number][][] = [];
  const circles: CapCircle[] = [];
  const polys = childrenNamed(el, CAP12_NS, 'polygon');
  const circs = childrenNamed(el, CAP12_NS, 'circle');
  if (polys.length > CAP_CAPS.shapesPerArea || circs.length > CAP_CAPS.shapesPerArea) r.errors.push(`${field}: more than ${CAP_CAPS.shapesPerArea} polygons or circles`);
  polys.slice(0, CAP_CAPS.shapesPerArea).forEach((p, i) => {
    const f = `${field}.polygon[${i}]`;
    if (p.text.length > CAP_CAPS.polygon) return void r.errors.push(`${f}: longer than ${CAP_CAPS.polygon} characters`);
    const ring: [number, number][] = [];
    for (const pair of p.text.trim().split(/\s+/)) {
      const q = point(pair, f, r.errors);
      if (!q) return; // the first bad pair is named, not every one after it
      ring.push(q);
    }
    if (ring.length < 4) return void r.errors.push(`${f}: a polygon needs at least 4 points (the first repeated last)`);
    const [first, last] = [ring[0]!, ring[ring.length - 1]!];
    if (first[0] !== last[0] || first[1] !== last[1]) return void r.errors.push(`${f}: not closed (the last point must repeat the first)`);
    polygons.push(ring);
  });
  circs.slice(0, CAP_CAPS.shapesPerArea).forEach((c, i) => {
    const f = `${field}.circle[${i}]`;
    const m = /^(\S+)\s+(\d+(?:\.\d+)?)$/.exec(c.text.trim().slice(0, CAP_CAPS.circle));
    const centre = m ? point(m[1]!, f, r.errors) : null;
    if (!m) r.errors.push(`${f}: not "lat,lon radius" (radius in km)`);
    if (centre && m) circles.push({ lat: centre[0], lon: centre[1], radiusKm: Number(m[2]) });
  });
  return { desc, polygons, circles };
}

function readInfo(r: Reader, el: XmlElement, field: string): CapInfo {
  const categories = childrenNamed(el, CAP12_NS, 'category').map((c, i) => r.oneOf(c.text.trim(), CAP_CATEGORIES, `${field}.category[${i}]`));
  if (categories.length === 0) r.errors.push(`${field}.category: missing`);
  if (categories.length > CAP_CAPS.categories) r.errors.push(`${field}.category: more than ${CAP_CAPS.categories}`);
  const areaEls = childrenNamed(el, CAP12_NS, 'area');
  if (areaEls.length > CAP_CAPS.areasPerInfo) r.errors.push(`${field}.area: more than ${CAP_CAPS.areasPerInfo}`);
  return {
    language: r.text(el, 'language', `${field}.language`, CAP_CAPS.language, false) ?? 'en-US',
    categories,
    event: r.text(el, 'event', `${field}.event`, CAP_CAPS.event, true),
    urgency: r.oneOf(r.text(el, 'urgency', `${field}.urgency`, 20, true), CAP_URGENCIES, `${field}.urgency`),
    severity: r.oneOf(r.text(el, 'severity', `${field}.severity`, 20, true), CAP_SEVERITIES, `${field}.severity`),
    certainty: r.oneOf(r.text(el, 'certainty', `${field}.certainty`, 20, true), CAP_CERTAINTIES, `${field}.certainty`),
    headline: r.text(el, 'headline', `${field}.headline`, CAP_CAPS.headline, false),
    description: r.text(el, 'description', `${field}.description`, CAP_CAPS.description, false),
    instruction: r.text(el, 'instruction', `${field}.instruction`, CAP_CAPS.instruction, false),
    senderName: r.text(el, 'senderName', `${field}.senderName`, CAP_CAPS.senderName, false),
    expires: r.time(r.text(el, 'expires', `${field}.expires`, CAP_CAPS.dateTime, false), `${field}.expires`),
    areas: areaEls.slice(0, CAP_CAPS.areasPerInfo).map((a, i) => readArea(r, a, `${field}.area[${i}]`)),
  };
}

function readReferences(r: Reader, text: string | null): CapReference[] {
  if (text === null) return [];
  return text.split(/\s+/).flatMap((triple) => {
    const parts = triple.split(',');
    const sent = parts.length === 3 ? r.time(parts[2]!, 'references') : null;
    if (parts.length !== 3 || !parts[0] || !parts[1] || sent === null) {
      if (parts.length !== 3) r.errors.push(`references: "${triple.slice(0, 60)}" is not a "sender,identifier,sent" triple`);
      return [];
    }
    return [{ sender: parts[0], identifier: parts[1], sent }];
  });
}

/** Reads a parsed document as a CAP 1.2 alert; throws CapInvalid naming every bad field. */
export function readCapMessage(root: XmlElement): CapMessage {
  if (root.local !== 'alert' || root.uri !== CAP12_NS) {
    throw new CapInvalid([`alert: the root element is {${root.uri || 'no namespace'}}${root.local}; expected {${CAP12_NS}}alert`]);
  }
  const r = new Reader();
  const identifier = r.text(root, 'identifier', 'identifier', CAP_CAPS.identifier, true);
  const sender = r.text(root, 'sender', 'sender', CAP_CAPS.sender, true);
  for (const [field, value] of [['identifier', identifier], ['sender', sender]] as const) {
    if (value && !NO_DELIMITERS.test(value)) r.errors.push(`${field}: may not hold spaces, commas, "<" or "&"`);
  }
  const sentText = r.text(root, 'sent', 'sent', CAP_CAPS.dateTime, true);
  const message: CapMessage = {
    identifier,
    sender,
    sent: r.time(sentText || null, 'sent') ?? 0,
    status: r.oneOf(r.text(root, 'status', 'status', 20, true), CAP_STATUSES, 'status'),
    msgType: r.oneOf(r.text(root, 'msgType', 'msgType', 20, true), CAP_MSG_TYPES, 'msgType'),
    references: readReferences(r, r.text(root, 'references', 'references', CAP_CAPS.references, false)),
    infos: [],
  };
  r.text(root, 'scope', 'scope', 20, true);
  const infoEls = childrenNamed(root, CAP12_NS, 'info');
  if (infoEls.length > CAP_CAPS.infos) r.errors.push(`info: more than ${CAP_CAPS.infos} blocks`);
  message.infos = infoEls.slice(0, CAP_CAPS.infos).map((el, i) => readInfo(r, el, `info[${i}]`));
  if ((message.msgType === 'Update' || message.msgType === 'Cancel') && message.references.length === 0 && !r.errors.some((e) => e.startsWith('references'))) {
    r.errors.push(`references: an ${message.msgType} must name the message it changes`);
  }
  if (message.msgType === 'Alert' || message.msgType === 'Update') {
    if (message.status === 'Actual' && message.infos.length === 0) r.errors.push(`info: an Actual ${message.msgType} needs at least one info block`);
  }
  if (r.errors.length) throw new CapInvalid(r.errors.slice(0, 20));
  return message;
}
