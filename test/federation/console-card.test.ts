/**
 * The operator console's federation card (docs/federation.md, health) in headless Chromium, at a
 * province hub with one sub-centre over real nats-servers: the link shows connected, then
 * disconnected once the leaf link is cut (the console re-reads /healthz with the wall list, every
 * 5 s), in Vietnamese and in English with ?lang=en.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../src/core/files/federation-model.js';
import { buildConsole } from '../../src/shell/build-console.js';
import { openConsole } from '../support/console-page.js';
import { TOKENS, api, testHub, until } from '../support/hub-fixtures.js';
import { startNatsPair, type NatsPair } from './nats-pair.js';

describe('console: federation card (e2e)', () => {
  let nats: NatsPair;
  let province: Awaited<ReturnType<typeof testHub>>;
  let sub: Awaited<ReturnType<typeof testHub>>;
  const problems: string[] = [];

  beforeAll(async () => {
    await buildConsole();
    nats = await startNatsPair('moc-chau');
    province = await testHub({ federation: { role: 'province', id: 'son-la', nats: nats.province.url, subCentres: ['moc-chau'], retention: DEFAULT_RETENTION } });
    sub = await testHub({ federation: { role: 'sub-centre', id: 'moc-chau', nats: nats.sub.url, forward: { topics: ['flood.**'], alerts: true }, retention: DEFAULT_RETENTION } });
    await until(async () => (await api(province.url, 'GET', '/healthz', null)).body.federation.subCentres[0].link.up, 'link up', 10_000);
  }, 30_000);
  afterAll(async () => {
    await sub?.cleanup();
    await province?.cleanup();
    await nats?.stop();
  });

  it("shows each sub-centre's link, and its loss, in the operator's language", async () => {
    const vi = await openConsole(province.url, TOKENS.operator, { problems });
    const en = await openConsole(province.url, TOKENS.operator, { problems, query: '?lang=en' });
    try {
      const card = (p: typeof vi.page, up: boolean) => p.locator(`#federation article.federation-card[data-up="${up}"]`);
      await card(vi.page, true).waitFor();
      expect(await vi.page.locator('#federation-heading').innerText()).toBe('Liên kết tuyến dưới');
      expect(await card(vi.page, true).innerText()).toMatch(/Trung tâm moc-chau[\s\S]*Liên kết\s+đang kết nối từ \d\d:\d\d:\d\d[\s\S]*Tin chờ áp dụng\s+0[\s\S]*Độ trễ\s+đã cập nhật/);
      await card(en.page, true).waitFor();
      expect(await en.page.locator('#federation-heading').innerText()).toBe('Sub-centre links');

      nats.link.cut();
      await card(vi.page, false).waitFor({ timeout: 15_000 });
      expect(await card(vi.page, false).innerText()).toMatch(/Liên kết\s+mất kết nối từ \d\d:\d\d:\d\d/);
      await card(en.page, false).waitFor({ timeout: 15_000 });
      expect(await card(en.page, false).innerText()).toMatch(/Link\s+disconnected since \d\d:\d\d:\d\d/);
      expect(problems).toEqual([]);
    } finally {
      nats.link.heal();
      await vi.browser.close();
      await en.browser.close();
    }
  }, 45_000);

  it('shows nothing on a hub without federation', async () => {
    const plain = await testHub();
    const { browser, page } = await openConsole(plain.url, TOKENS.operator, { problems });
    try {
      await page.locator('#federation[data-read="true"]').waitFor({ state: 'attached' });
      expect(await page.locator('#federation').isHidden()).toBe(true);
      expect(await page.locator('#federation-heading').isHidden()).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await plain.cleanup();
    }
  }, 30_000);
});
