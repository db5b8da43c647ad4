/**
 * The console in a group of hubs (src/console/hub-group.ts, docs/scaling.md): an operator's console
 * loaded from hub A while A led; A goes away and comes back on the same address as a standby (what a
 * deposed leader restarted by systemd does) naming hub B as the leader. The console's socket is
 * refused `not-leader` with B's URL, and the console moves to B's console, where the operator signs
 * in again (the token stays with A's site) and sees B's alerts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandbyFront, type StandbyFront } from '../../src/hub/leadership/standby-front.js';
import { TOKENS, api, testHub } from '../support/hub-fixtures.js';
import { openConsole, type ConsoleSession } from '../support/console-page.js';

describe('console: its hub becomes a standby', () => {
  let a: Awaited<ReturnType<typeof testHub>> | null = null;
  let b: Awaited<ReturnType<typeof testHub>>;
  let front: StandbyFront | null = null;
  let session: ConsoleSession;
  const problems: string[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([testHub(), testHub()]);
    session = await openConsole(a.url, TOKENS.operator, { problems });
  }, 60_000);
  afterAll(async () => {
    await session?.browser.close();
    await front?.close();
    await a?.cleanup();
    await b?.cleanup();
  });

  it('follows the standby’s not-leader to the leader’s console', async () => {
    const raised = await api(b.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'on-b', severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Triều cường trên hub B' });
    expect(raised.status).toBe(201);
    const port = a!.port;
    await a!.cleanup();
    a = null;
    front = await startStandbyFront({ transport: { insecure: true }, port, host: '127.0.0.1', leader: () => b.url, now: () => Date.now() });
    // The console reconnects to the address it knows, is refused, and moves to B's console.
    await session.page.waitForURL(`${b.url}/console/`, { timeout: 30_000 });
    await session.page.locator('body[data-state="login"]').waitFor();
    await session.page.fill('#token', TOKENS.operator);
    await session.page.click('#login-form button[type="submit"]');
    await session.page.locator('body[data-state="ready"]').waitFor();
    await expect.poll(() => session.page.locator('#alerts').innerText(), { timeout: 10_000 }).toContain('Triều cường trên hub B');
  }, 60_000);
});
