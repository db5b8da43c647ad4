/**
 * Exactly once at the province, on both store backends: a message JetStream delivers again (the
 * province crashed after applying, before its ack) is skipped by the mark kept in the store; an
 * alert change and its mark are one transaction; topic marks wait for the topic values' flush.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../core/protocol/alerts.js';
import type { TopicUpdate } from '../../core/protocol/protocol.js';
import type { HubStore } from '../storage/store.js';
import { startBackend, type BackendName, type StoreBackend } from '../../../test/support/store-backends.js';
import type { AlertChangeKind } from '../alerts.js';
import { ForwardApplier, type ApplyTarget } from './applier.js';
import type { ForwardMessage } from './messages.js';

const T = 1_750_000_000_000;
const alert = (id: string, extra: Partial<Alert> = {}): Alert => ({
  id, severity: 'major', sector: 'flood', area: 'Mộc Châu', source: 'thuy-van', title: 'Lũ quét', message: '', state: 'active', raisedAt: T, updatedAt: T, ...extra,
});
const updates = (seq: number, value: number): ForwardMessage => ({ v: 1, sub: 'moc-chau', seq, at: T + seq, kind: 'updates', updates: [{ topic: 'flood.level.suoi-sap', value, t: T + seq }] });
const change = (seq: number, kind: AlertChangeKind, a: Alert): ForwardMessage => ({ v: 1, sub: 'moc-chau', seq, at: T + seq, kind: 'alert', change: kind, alert: a, by: { name: 'Lò Văn Hùng', role: 'operator' } });

/** The province's side as the applier sees it, over a real store; topic values kept as the topic service would. */
function target(store: HubStore, log: string[]): ApplyTarget & { flushes: number } {
  const t = {
    flushes: 0,
    store: store.federation,
    publishTopics: (u: TopicUpdate[]) => void log.push(...u.map((x) => `${x.topic}=${String(x.value)}`)),
    flushTopics: async () => void (t.flushes += 1),
    applyAlert: async (kind: AlertChangeKind, a: Alert, actor: Parameters<ApplyTarget['applyAlert']>[2], mark: Parameters<ApplyTarget['applyAlert']>[3]) => {
      log.push(`${kind} ${a.id} ${a.origin}`);
      await store.federation.applyAlert(a, kind === 'raised' ? 'raise' : kind === 'acknowledged' ? 'ack' : kind === 'cleared' ? 'clear' : 'update', actor, T, null, mark);
    },
  };
  return t;
}

describe.each<BackendName>(['sqlite', 'postgres'])('ForwardApplier over %s', (name) => {
  let backend: StoreBackend;
  beforeAll(async () => {
    backend = await startBackend(name);
  }, 60_000);
  afterAll(() => backend.cleanup());

  it('applies each sub-centre sequence once across a restart, and skips messages from sub-centres it does not source', async () => {
    const place = await backend.place();
    let store = await place.open();
    const log: string[] = [];
    const noted: string[] = [];
    const first = await ForwardApplier.load(target(store, log), new Set(['moc-chau']), () => T, (m) => noted.push(m));
    await first.applyBatch([updates(1, 10), change(2, 'raised', alert('lu-1')), updates(3, 11)]);
    expect(log).toEqual(['moc-chau.flood.level.suoi-sap=10', 'raised moc-chau:lu-1 moc-chau', 'moc-chau.flood.level.suoi-sap=11']);
    expect(first.mark('moc-chau')).toMatchObject({ seq: 3, originAt: T + 3 });
    await store.destroy();

    // Restarted: JetStream delivers 2 and 3 again (not acked before the crash), then new ones.
    store = await place.open();
    log.length = 0;
    const t = target(store, log);
    const again = await ForwardApplier.load(t, new Set(['moc-chau']), () => T, (m) => noted.push(m));
    await again.applyBatch([change(2, 'raised', alert('lu-1')), updates(3, 11), change(4, 'acknowledged', alert('lu-1', { state: 'acknowledged', acknowledgedBy: 'Lò Văn Hùng', ackedAt: T + 4 })), { ...updates(1, 99), sub: 'yen-chau' }, null]);
    expect(log).toEqual(['acknowledged moc-chau:lu-1 moc-chau']);
    expect(again.appliedCount('moc-chau')).toBe(1);
    expect(noted).toEqual(['federation: sub-centre yen-chau is not in federation.yaml subCentres (its messages are skipped)', 'federation: a forwarded message is not one (skipped)']);
    // The alert as stored: origin kept, the ack's who and when; one audit entry per change.
    expect(await store.alerts.get('moc-chau:lu-1')).toMatchObject({ origin: 'moc-chau', state: 'acknowledged', acknowledgedBy: 'Lò Văn Hùng', ackedAt: T + 4 });
    expect((await store.audit.list({ alertId: 'moc-chau:lu-1' })).map((e) => e.action)).toEqual(['ack', 'raise']);
    expect(await store.federation.loadApplied()).toEqual([{ subCentre: 'moc-chau', seq: 4, originAt: T + 4, appliedAt: T }]);
    await store.destroy();
  });

  it('writes the mark of topic updates only after the topic values are flushed', async () => {
    const place = await backend.place();
    const store = await place.open();
    const log: string[] = [];
    const t = target(store, log);
    let flushed: () => void = () => undefined;
    t.flushTopics = () => new Promise<void>((resolve) => (flushed = resolve));
    const applier = await ForwardApplier.load(t, new Set(['moc-chau']), () => T, () => undefined);
    const applying = applier.applyBatch([updates(1, 10), updates(2, 11)]);
    await new Promise((r) => setImmediate(r));
    expect(await store.federation.loadApplied()).toEqual([]);
    flushed();
    await applying;
    expect(await store.federation.loadApplied()).toEqual([{ subCentre: 'moc-chau', seq: 2, originAt: T + 2, appliedAt: T }]);
    await store.destroy();
  });
});
