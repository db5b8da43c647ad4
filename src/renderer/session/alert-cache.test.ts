import { describe, expect, it } from 'vitest';
import type { Alert } from '../../core/protocol/alerts.js';
import { memoryStorage } from '../net/ack-queue.js';
import { AlertCache } from './alert-cache.js';

const alert = (id: string): Alert => ({
  id, severity: 'major', sector: 'traffic', area: 'QL1', source: 's', title: 'Ùn tắc', message: '', state: 'active', raisedAt: 1_750_000_000_000, updatedAt: 1_750_000_000_000,
});

describe('alert cache', () => {
  it('keeps the shown alerts for the next load, writing only when they changed', () => {
    const storage = memoryStorage();
    let writes = 0;
    const counting = { getItem: storage.getItem, setItem: (k: string, v: string) => (writes++, storage.setItem(k, v)) };
    const cache = new AlertCache(counting, 'wallrun.alerts.v1.node-1.w0');
    cache.save([alert('a')]);
    cache.save([alert('a')]);
    expect(writes).toBe(1);
    expect(new AlertCache(storage, 'wallrun.alerts.v1.node-1.w0').load()).toEqual([alert('a')]);
    expect(new AlertCache(storage, 'wallrun.alerts.v1.node-1.w1').load()).toEqual([]);
  });

  it('drops what does not check out', () => {
    const storage = memoryStorage(new Map([['k', JSON.stringify([alert('ok'), { ...alert('bad'), title: 'x'.repeat(500) }, { evil: true }])], ['j', '{not json']]));
    expect(new AlertCache(storage, 'k').load().map((a) => a.id)).toEqual(['ok']);
    expect(new AlertCache(storage, 'j').load()).toEqual([]);
  });
});
