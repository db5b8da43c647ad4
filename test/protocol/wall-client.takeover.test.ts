// Our wall client hears a confirm rule's prompt and its close on its bus (checked against the
// takeoverPrompt schema), from a real hub; the wall's banner text comes from the shared vocabulary.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_AUTOMATION } from '../../src/core/automation/model.js';
import type { TakeoverPrompt } from '../../src/core/protocol/automation.js';
import { checkTakeoverPrompt } from '../../src/core/protocol/protocol-validate.js';
import { takeoverPromptText } from '../../src/core/wall/vocabulary.js';
import { memoryStorage } from '../../src/renderer/net/ack-queue.js';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { IDENTITY, TOKENS, api, nextBusEvent, testHub } from '../support/hub-fixtures.js';

describe('wall client: takeover prompts', () => {
  let hub: Awaited<ReturnType<typeof testHub>>;
  let client: WallClient | null = null;
  beforeEach(async () => {
    hub = await testHub({
      layouts: [],
      automation: {
        ...NO_AUTOMATION,
        takeover: { rules: [{ id: 'lu-xac-nhan', priority: 0, match: { sector: ['flood'] }, target: { layout: 'flood' }, mode: 'confirm', confirmTimeoutS: 120, returnOn: 'ack' }], minIntervalS: 60 },
      },
    });
  });
  afterEach(async () => {
    client?.destroy();
    await hub.cleanup();
  });

  it('puts the prompt and its close on the bus', async () => {
    client = new WallClient({ url: hub.url, token: TOKENS.wall, identity: IDENTITY, storage: memoryStorage() });
    const opened = nextBusEvent<TakeoverPrompt>(client.bus, 'takeoverPrompt');
    const snapshot = nextBusEvent(client.bus, 'snapshot');
    client.init();
    await snapshot;
    await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'lu-9', severity: 'critical', sector: 'flood', area: 'Cà Mau', title: '<b>Lũ</b> lớn' });
    const prompt = await opened;
    expect(prompt).toMatchObject({ rule: 'lu-xac-nhan', alertId: 'lu-9', title: '<b>Lũ</b> lớn', target: { layout: 'flood' } });
    const closed = nextBusEvent<{ id: string }>(client.bus, 'takeoverPromptClosed');
    expect((await api(hub.url, 'POST', `/api/prompts/${prompt.id}/dismiss`, TOKENS.operator)).status).toBe(200);
    expect((await closed).id).toBe(prompt.id);
  });

  it('checks prompts against their schema, and words the banner in Vietnamese or English', () => {
    const ok = { id: 'p-1', rule: 'r', alertId: 'a', title: 'Lũ', severity: 'critical', target: { preset: 'lu' }, createdAt: 1_750_000_000_000, expiresAt: 1_750_000_120_000 };
    expect(checkTakeoverPrompt(ok).ok).toBe(true);
    expect(checkTakeoverPrompt({ ...ok, target: { layout: 'a', preset: 'b' } }).ok).toBe(false);
    expect(checkTakeoverPrompt({ ...ok, extra: 1 }).ok).toBe(false);
    expect(takeoverPromptText('Ngập lụt', 'Lũ lớn', 0, 'vi')).toBe('Đề xuất chuyển sang Ngập lụt: xác nhận trên bàn điều khiển · Lũ lớn');
    expect(takeoverPromptText('Flooding', 'Big flood', 2, 'en')).toBe('Suggested switch to Flooding: confirm on the console · Big flood (+2 more)');
  });
});
