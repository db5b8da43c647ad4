/**
 * The operator console's federation card (docs/federation.md, health) in headless Chromium, at a
 * province hub with one sub-centre over real nats-servers: the link shows connected, then
 * disconnected once the leaf link is cut (the console re-reads /healthz with the wall list, every
 * 5 s), in Vietnamese and in English with ?lang=en; nothing at a hub without federation. One
 * browser for all (CI time).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../src/core/files/federation-model.js';
import { buildConsole } from '../../src/shell/build-console.js';
import { TOKENS, api, testHub, until } from '../support/hub-fixtures.js';
import { watchPageProblems } from '../support/page-problems.js';
import { chromiumPath } from '../support/wall-browser.js';
import { startNatsPair, type NatsPair } from './nats-pair.js';

describe('console: federation card (e2e)', () => {
  let nats: NatsPair;
  let province: Awaited<ReturnType<typeof testHub>>;
  let sub: Awaited<ReturnType<typeof testHub>>;
  let browser: Browser;
  const problems: string[] = [];

  /** A logged-in console page of `hubUrl` (as test/support/console-page.ts, in the shared browser). */
  const consolePage = async (hubUrl: string, query = ''): Promise<Page> => {
    const page = await browser.newPage();
    watchPageProblems(page, problems);
    await page.goto(`${hubUrl}/console/${query}`);
    await page.locator('body[data-state="login"]').waitFor();
    await page.fill('#token', TOKENS.operator);
    await page.click('#login-form button[type="submit"]');
    await page.locator('body[data-state="ready"]').waitFor();
    return page;
  };

  beforeAll(async () => {
    await buildConsole();
    nats = await startNatsPair('moc-chau');
    province = await testHub({ federation: { role: 'province', id: 'son-la', nats: nats.province.url, subCentres: ['moc-chau'], retention: DEFAULT_RETENTION } });
    sub = await testHub({ federation: { role: 'sub-centre', id: 'moc-chau', nats: nats.sub.url, forward: { topics: ['flood.**'], alerts: true }, retention: DEFAULT_RETENTION } });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
    await until(async () => (await api(province.url, 'GET', '/healthz', null)).body.federation.subCentres[0].link.up, 'link up', 10_000);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await sub?.cleanup();
    await province?.cleanup();
    await nats?.stop();
  });

  it("shows each sub-centre's link, and its loss, in the operator's language", async () => {
    const vi = await consolePage(province.url);
    const en = await consolePage(province.url, '?lang=en');
    const card = (p: Page, up: boolean) => p.locator(`#federation article.federation-card[data-up="${up}"]`);
    await card(vi, true).waitFor();
    expect(await vi.locator('#federation-heading').innerText()).toBe('Liên kết tuyến dưới');
    expect(await card(vi, true).innerText()).toMatch(/Trung tâm moc-chau[\s\S]*Liên kết\s+đang kết nối từ \d\d:\d\d:\d\d[\s\S]*Tin chờ áp dụng\s+0[\s\S]*Độ trễ\s+đã cập nhật/);
    await card(en, true).waitFor();
    expect(await en.locator('#federation-heading').innerText()).toBe('Sub-centre links');

    nats.link.cut();
    try {
      await card(vi, false).waitFor({ timeout: 15_000 });
      expect(await card(vi, false).innerText()).toMatch(/Liên kết\s+mất kết nối từ \d\d:\d\d:\d\d/);
      await card(en, false).waitFor({ timeout: 15_000 });
      expect(await card(en, false).innerText()).toMatch(/Link\s+disconnected since \d\d:\d\d:\d\d/);
      expect(problems).toEqual([]);
    } finally {
      nats.link.heal();
    }
  }, 45_000);

  it('shows nothing at a hub without federation', async () => {
    const plain = await testHub();
    try {
      const page = await consolePage(plain.url);
      await page.locator('#federation[data-read="true"]').waitFor({ state: 'attached' });
      expect(await page.locator('#federation').isHidden()).toBe(true);
      expect(await page.locator('#federation-heading').isHidden()).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await plain.cleanup();
    }
  }, 30_000);
});
