/**
 * The operator console in headless Chromium, logged in: the launch, page, problem collection and
 * login every console e2e test starts with (test/support/page-problems.ts collects what goes wrong).
 */
import type { Browser, Page } from 'playwright-core';
import { watchPageProblems } from './page-problems.js';
import { chromiumPath } from './wall-browser.js';

export interface ConsoleSession {
  browser: Browser;
  page: Page;
}

/** Launches Chromium, opens `${hubUrl}/console/` (with `query`, e.g. '?lang=en') and logs in with `token`. */
export async function openConsole(
  hubUrl: string,
  token: string,
  o: { problems: string[]; viewport?: { width: number; height: number }; query?: string },
): Promise<ConsoleSession> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  const page = await browser.newPage(o.viewport ? { viewport: o.viewport } : {});
  watchPageProblems(page, o.problems);
  await page.goto(`${hubUrl}/console/${o.query ?? ''}`);
  await page.locator('body[data-state="login"]').waitFor();
  await page.fill('#token', token);
  await page.click('#login-form button[type="submit"]');
  await page.locator('body[data-state="ready"]').waitFor();
  return { browser, page };
}
