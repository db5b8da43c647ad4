/**
 * CAP 1.2 warnings into wallrun alerts (docs/automation.md "CAP"), for POST /api/cap and the feed
 * poller alike. One CAP identity (sender + identifier of the Alert) is one wallrun alert with a
 * derived id; an Update or Cancel changes the alert its `references` name and never makes a second;
 * a replay (same sender, identifier, sent) is a `duplicate`. Only `Actual` messages reach the wall;
 * the others, and those already expired, are stored for the console. Each alert clears when the
 * last of its infos expires, on the hub's clock (a sweep, so a restarted hub still clears it).
 */
import type { CapAnswer, CapMessageRecord, CapNote } from '../../core/protocol/cap.js';
import type { AlertChange, AlertService } from '../alerts.js';
import type { HubStore } from '../storage/store.js';
import type { Actor } from '../storage/store-types.js';
import { capAlertId, mapToAlert, messageExpires, preferredInfo } from './cap-mapping.js';
import { CapInvalid, readCapMessage, type CapMessage, type CapReference } from './cap-message.js';
import { parseXml, XmlRefused, type XmlElement } from './cap-xml.js';

export type CapOutcome =
  | { ok: true; answer: CapAnswer }
  | { ok: false; status: 400 | 403; code: string; message: string; details: string[] };

/** Who a message came through: the REST caller or a feed (`via` names it in the store), and whose messages it takes. */
export interface CapSource {
  actor: Actor;
  via: string;
  /** Senders taken; empty: any. */
  senders: readonly string[];
}

/** The hub's own actor (expiry clears). */
export const CAP_HUB_ACTOR: Actor = { name: 'cap', role: 'hub', via: 'cap-expires', channel: 'hub' };

export interface CapServiceOptions {
  store: HubStore;
  alerts: AlertService;
  now: () => number;
  log: (message: string) => void;
  /** How often expired CAP alerts are looked for (default 1000 ms). */
  sweepMs?: number;
}

type Decision = Pick<CapMessageRecord, 'action' | 'alertId' | 'note'>;

export class CapService {
  private timer: NodeJS.Timeout | null = null;

  public constructor(private readonly o: CapServiceOptions) {}

  /** Clears what expired while the hub was down, then looks every `sweepMs`. */
  public start(): void {
    this.sweep();
    this.timer ??= setInterval(() => this.sweep(), this.o.sweepMs ?? 1000);
    this.timer.unref();
  }

  /** Takes one CAP XML document; refusals are audited (`cap:refused`) and change nothing else. */
  public ingest(xml: string, source: CapSource): CapOutcome {
    let root: XmlElement;
    try {
      root = parseXml(xml);
    } catch (e) {
      if (e instanceof XmlRefused) return this.refuse(source, 400, e.kind === 'doctype' ? 'cap-doctype' : 'cap-malformed', e.message, [e.message]);
      throw e;
    }
    return this.ingestElement(root, source);
  }

  /** Takes a CAP `alert` element already parsed (one carried inline by a feed). */
  public ingestElement(root: XmlElement, source: CapSource): CapOutcome {
    let m: CapMessage;
    try {
      m = readCapMessage(root);
    } catch (e) {
      if (e instanceof CapInvalid) return this.refuse(source, 400, 'invalid-cap', 'not a valid CAP 1.2 message', e.details);
      throw e;
    }
    if (source.senders.length && !source.senders.includes(m.sender)) {
      const reason = `sender ${m.sender} is not among the senders taken here`;
      return this.refuse(source, 403, 'cap-sender-refused', reason, [`sender: ${reason}`], m);
    }
    const seen = this.o.store.cap.findMessage(m.sender, m.identifier, m.sent);
    if (seen) return { ok: true, answer: { alertId: seen.alertId, status: m.status, action: 'duplicate' } };
    const decision = this.o.store.cap.atomically(() => {
      const d = this.decide(m, source.actor);
      this.o.store.cap.record(this.record(m, d, source.via));
      return d;
    });
    this.o.log(`CAP ${m.msgType} ${m.sender}/${m.identifier} (${m.status}) via ${source.via}: ${decision.action}${decision.note ? ` (${decision.note})` : ''}`);
    return { ok: true, answer: { alertId: decision.alertId, status: m.status, action: decision.action } };
  }

  /** Clears the CAP alerts whose end has come. */
  public sweep(): void {
    try {
      for (const id of this.o.store.cap.due(this.o.now())) {
        this.o.alerts.clear(id, { reason: 'CAP expires' }, CAP_HUB_ACTOR);
        this.o.store.cap.untrack(id);
      }
    } catch (e) {
      this.o.log(`CAP expiry sweep: ${(e as Error).message}`);
    }
  }

  public destroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private decide(m: CapMessage, actor: Actor): Decision {
    const stored = (note: CapNote): Decision => ({ action: 'stored', alertId: null, note });
    if (m.status !== 'Actual') return stored('not-actual');
    if (m.msgType === 'Ack' || m.msgType === 'Error') return stored('not-alert');
    // A sender changes only its own warnings: a reference to another sender's message is ignored.
    const own = m.references.filter((r) => r.sender === m.sender);
    const targets = [...new Set(own.map((r) => this.alertOf(r)).filter((id): id is string => id !== null))];
    if (m.msgType === 'Cancel') {
      const open = targets.filter((id) => this.o.store.alerts.get(id)?.state !== 'cleared');
      if (open.length === 0) return stored('nothing-to-cancel');
      for (const id of open) {
        this.o.alerts.clear(id, { reason: `CAP Cancel ${m.identifier}` }, actor);
        this.o.store.cap.untrack(id);
      }
      return { action: 'cleared', alertId: open[0]!, note: null };
    }
    const expires = messageExpires(m);
    if (expires !== null && expires <= this.o.now()) return stored('expired');
    const fields = mapToAlert(m, preferredInfo(m.infos)!);
    if (m.msgType === 'Update' && targets.length > 0) {
      const open = targets.filter((id) => this.o.store.alerts.get(id)?.state !== 'cleared');
      if (open.length === 0) return stored('alert-cleared');
      const newer = open.filter((id) => (this.o.store.cap.lastSent(id) ?? -Infinity) <= m.sent);
      if (newer.length === 0) return { action: 'stored', alertId: open[0]!, note: 'superseded' };
      const { sector: _sector, source: _source, ...changes } = fields;
      for (const id of newer) {
        this.checked(this.o.alerts.update(id, { ...changes, areas: changes.areas }, actor));
        this.o.store.cap.track(id, m.sender, m.identifier, expires, m.sent);
      }
      return { action: 'updated', alertId: newer[0]!, note: null };
    }
    // An Alert, or an Update of an Alert never seen here: the alert of the original's identity.
    const origin = (m.msgType === 'Update' ? own[0] : undefined) ?? m;
    const id = capAlertId(origin.sender, origin.identifier);
    if (this.o.store.alerts.get(id)?.state === 'cleared') return stored('alert-cleared');
    // A message older than the one the alert shows (an Alert after its Update) changes nothing.
    if ((this.o.store.cap.lastSent(id) ?? -Infinity) > m.sent) return { action: 'stored', alertId: id, note: 'superseded' };
    const change = this.checked(this.o.alerts.raise({ id, ...fields, areas: fields.areas }, actor));
    this.o.store.cap.track(id, origin.sender, origin.identifier, expires, m.sent);
    return { action: change.created ? 'created' : 'updated', alertId: id, note: null };
  }

  /** The wallrun alert a referenced message made or changed: stored, or by its derived id. */
  private alertOf(r: CapReference): string | null {
    const known = this.o.store.cap.alertOfMessage(r.sender, r.identifier);
    if (known) return known;
    const derived = capAlertId(r.sender, r.identifier);
    return this.o.store.alerts.get(derived) ? derived : null;
  }

  private checked(change: AlertChange): Extract<AlertChange, { ok: true }> {
    if (!change.ok) throw new Error(`CAP: ${change.code}: ${change.message}`);
    return change;
  }

  private record(m: CapMessage, d: Decision, via: string): CapMessageRecord {
    const info = preferredInfo(m.infos);
    return {
      sender: m.sender,
      identifier: m.identifier,
      sent: m.sent,
      status: m.status,
      msgType: m.msgType,
      ...d,
      receivedAt: this.o.now(),
      via,
      event: info?.event ?? null,
      headline: info?.headline ?? null,
      severity: info?.severity ?? null,
      urgency: info?.urgency ?? null,
      certainty: info?.certainty ?? null,
      areaDesc: info ? info.areas.map((a) => a.desc).join('; ').slice(0, 2000) || null : null,
      language: info?.language ?? null,
      expires: messageExpires(m),
    };
  }

  private refuse(source: CapSource, status: 400 | 403, code: string, message: string, details: string[], m?: CapMessage): CapOutcome {
    const reason = details.join('; ').slice(0, 1000);
    this.o.log(`CAP refused via ${source.via}: ${code}: ${reason}`);
    try {
      this.o.store.audit.write('cap:refused', null, source.actor, this.o.now(), {
        code,
        reason,
        via: source.via,
        ...(m ? { sender: m.sender.slice(0, 256), identifier: m.identifier.slice(0, 256) } : {}),
      });
    } catch (e) {
      this.o.log(`CAP refusal not audited: ${(e as Error).message}`);
    }
    return { ok: false, status, code, message, details };
  }
}
