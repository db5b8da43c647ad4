/**
 * CAP 1.2 warnings into wallrun alerts (docs/automation.md "CAP"), for POST /api/cap and the feed
 * poller alike. One CAP identity (sender + identifier of the Alert) is one wallrun alert with a
 * derived id; an Update or Cancel changes the alert its `references` name and never makes a second;
 * a replay (same sender, identifier, sent) is a `duplicate`. Only `Actual` messages reach the wall;
 * the others, and those already expired, are stored for the console. Each alert clears when the
 * last of its infos expires, on the hub's clock (a sweep, so a restarted hub still clears it).
 *
 * Messages are taken one at a time (the store is asynchronous: two at once could both decide on
 * the same alert). The alert changes are stored first (each with its audit entry), the message's
 * row last: a hub that stops between them takes a replay of the message again, as a raise of an
 * open alert is an update, never a second alert.
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
  /** The message (or sweep) being taken now; the next waits for it. */
  private tail: Promise<unknown> = Promise.resolve();

  public constructor(private readonly o: CapServiceOptions) {}

  /** Clears what expired while the hub was down, then looks every `sweepMs`. */
  public start(): void {
    void this.sweep();
    this.timer ??= setInterval(() => void this.sweep(), this.o.sweepMs ?? 1000);
    this.timer.unref();
  }

  /** Takes one CAP XML document; refusals are audited (`cap:refused`) and change nothing else. */
  public async ingest(xml: string, source: CapSource): Promise<CapOutcome> {
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
  public async ingestElement(root: XmlElement, source: CapSource): Promise<CapOutcome> {
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
    return this.serial(() => this.take(m, source));
  }

  private async take(m: CapMessage, source: CapSource): Promise<CapOutcome> {
    const seen = await this.o.store.cap.findMessage(m.sender, m.identifier, m.sent);
    if (seen) return { ok: true, answer: { alertId: seen.alertId, status: m.status, action: 'duplicate' } };
    const decision = await this.decide(m, source.actor);
    await this.o.store.cap.record(this.record(m, decision, source.via));
    this.o.log(`CAP ${m.msgType} ${m.sender}/${m.identifier} (${m.status}) via ${source.via}: ${decision.action}${decision.note ? ` (${decision.note})` : ''}`);
    return { ok: true, answer: { alertId: decision.alertId, status: m.status, action: decision.action } };
  }

  /** Clears the CAP alerts whose end has come. */
  public sweep(): Promise<void> {
    return this.serial(async () => {
      try {
        for (const id of await this.o.store.cap.due(this.o.now())) {
          await this.o.alerts.clear(id, { reason: 'CAP expires' }, CAP_HUB_ACTOR);
          await this.o.store.cap.untrack(id);
        }
      } catch (e) {
        this.o.log(`CAP expiry sweep: ${(e as Error).message}`);
      }
    });
  }

  /** Runs `task` after the one running now (whatever it ended with). */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  public destroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async decide(m: CapMessage, actor: Actor): Promise<Decision> {
    const stored = (note: CapNote): Decision => ({ action: 'stored', alertId: null, note });
    if (m.status !== 'Actual') return stored('not-actual');
    if (m.msgType === 'Ack' || m.msgType === 'Error') return stored('not-alert');
    // A sender changes only its own warnings: a reference to another sender's message is ignored.
    const own = m.references.filter((r) => r.sender === m.sender);
    const targets = [...new Set((await Promise.all(own.map((r) => this.alertOf(r)))).filter((id): id is string => id !== null))];
    if (m.msgType === 'Cancel') {
      const open = await this.notCleared(targets);
      if (open.length === 0) return stored('nothing-to-cancel');
      for (const id of open) {
        await this.o.alerts.clear(id, { reason: `CAP Cancel ${m.identifier}` }, actor);
        await this.o.store.cap.untrack(id);
      }
      return { action: 'cleared', alertId: open[0]!, note: null };
    }
    const expires = messageExpires(m);
    if (expires !== null && expires <= this.o.now()) return stored('expired');
    const fields = mapToAlert(m, preferredInfo(m.infos)!);
    if (m.msgType === 'Update' && targets.length > 0) {
      const open = await this.notCleared(targets);
      if (open.length === 0) return stored('alert-cleared');
      const lastSent = await Promise.all(open.map((id) => this.o.store.cap.lastSent(id)));
      const newer = open.filter((_id, i) => (lastSent[i] ?? -Infinity) <= m.sent);
      if (newer.length === 0) return { action: 'stored', alertId: open[0]!, note: 'superseded' };
      const { sector: _sector, source: _source, ...changes } = fields;
      for (const id of newer) {
        this.checked(await this.o.alerts.update(id, { ...changes, areas: changes.areas }, actor));
        await this.o.store.cap.track(id, m.sender, m.identifier, expires, m.sent);
      }
      return { action: 'updated', alertId: newer[0]!, note: null };
    }
    // An Alert, or an Update of an Alert never seen here: the alert of the original's identity.
    const origin = (m.msgType === 'Update' ? own[0] : undefined) ?? m;
    const id = capAlertId(origin.sender, origin.identifier);
    if ((await this.o.store.alerts.get(id))?.state === 'cleared') return stored('alert-cleared');
    // A message older than the one the alert shows (an Alert after its Update) changes nothing.
    if (((await this.o.store.cap.lastSent(id)) ?? -Infinity) > m.sent) return { action: 'stored', alertId: id, note: 'superseded' };
    const change = this.checked(await this.o.alerts.raise({ id, ...fields, areas: fields.areas }, actor));
    await this.o.store.cap.track(id, origin.sender, origin.identifier, expires, m.sent);
    return { action: change.created ? 'created' : 'updated', alertId: id, note: null };
  }

  /** The wallrun alert a referenced message made or changed: stored, or by its derived id. */
  private async alertOf(r: CapReference): Promise<string | null> {
    const known = await this.o.store.cap.alertOfMessage(r.sender, r.identifier);
    if (known) return known;
    const derived = capAlertId(r.sender, r.identifier);
    return (await this.o.store.alerts.get(derived)) ? derived : null;
  }

  private async notCleared(ids: readonly string[]): Promise<string[]> {
    const alerts = await Promise.all(ids.map((id) => this.o.store.alerts.get(id)));
    return ids.filter((_id, i) => alerts[i]?.state !== 'cleared');
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

  private async refuse(source: CapSource, status: 400 | 403, code: string, message: string, details: string[], m?: CapMessage): Promise<CapOutcome> {
    const reason = details.join('; ').slice(0, 1000);
    this.o.log(`CAP refused via ${source.via}: ${code}: ${reason}`);
    try {
      await this.o.store.audit.write('cap:refused', null, source.actor, this.o.now(), {
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
