/**
 * The wall page over an encrypted hub link (docs/security.md, "Encrypted hub links"): the browser
 * shell verifies the hub against the configured CA and pins the verified key in Chromium, so the
 * page's own hub client connects over WSS and gets its snapshot and a REST-raised alert; a shell
 * given the wrong CA is refused at start, naming why; a Chromium with no pin cannot reach the
 * hub (its attempts fail, nothing arrives). Certificates from test/support/tls-fixtures.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserShell } from '../../src/shell/browser-shell.js';
import { HubTrustError, loadHubTrust } from '../../src/node/hub-trust.js';
import { makeWall } from '../support/wall-fixtures.js';
import { tempDir, TOKENS } from '../support/hub-fixtures.js';
import { RestartableHub, waitForHub, withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { chromiumPath, ensureRendererBuilt, WallBrowser } from '../support/wall-browser.js';
import { httpsJson, testPki, type TestPki } from '../support/tls-fixtures.js';

const S = 0.25;
const wall = makeWall({ columns: 1, rows: 1 });
const w0 = windowFor(wall, 'node-1', 'r1c1');
const alerts = layout('alerts', [tile({ id: 'list', widget: 'alert-list', rect: { x: 3, y: 3, width: 1900, height: 1000 }, props: { fontSizePx: 48 } })]);

describe('the wall over TLS', () => {
  const tmp = tempDir('wallrun-e2e-tls-');
  let pki: TestPki;
  let hub: RestartableHub;
  beforeAll(async () => {
    await ensureRendererBuilt();
    pki = await testPki(tmp.dir);
    hub = new RestartableHub({ tls: pki.tls });
    await hub.start();
  });
  afterAll(async () => {
    await hub?.cleanup();
    tmp.remove();
  });

  it('a shell trusting the hub CA: the page connects over WSS, gets its snapshot and a raised alert', async () => {
    expect(hub.url).toMatch(/^https:/);
    const shell = await BrowserShell.launch({ chromiumPath: chromiumPath(), hubTrust: { url: hub.url, trust: loadHubTrust({ caFile: pki.caFile })! } });
    const browser = WallBrowser.wrap(shell);
    try {
      const win = await browser.open(withHub(pageConfig({ wall, layouts: [alerts], window: w0, scale: S }), hub.url));
      await waitForHub(win, (h) => h.connection === 'connected' && h.snapshots >= 1, 'connected over WSS');
      const raised = await httpsJson(hub.url, 'POST', '/api/alerts', TOKENS.integration, pki.caPem, {
        id: 'tls-1',
        severity: 'warning',
        sector: 'flood',
        area: 'TP. Cà Mau',
        title: 'Triều cường',
      });
      expect(raised.status).toBe(201);
      await waitForHub(win, (h) => h.alerts.some((a) => a.id === 'tls-1'), 'the alert over WSS');
    } finally {
      await browser.close();
    }
  });

  it('a shell given the wrong CA is refused at start, naming the hub and why', async () => {
    await expect(BrowserShell.launch({ chromiumPath: chromiumPath(), hubTrust: { url: hub.url, trust: loadHubTrust({ caFile: pki.wrongCaFile })! } })).rejects.toThrow(
      new HubTrustError(`hub ${hub.url} refused: the hub's certificate (issued by CN=wallrun test CA) is not signed by the configured CA ${pki.wrongCaFile}`),
    );
  });

  it('without the pin, Chromium does not trust the hub: the page keeps retrying and gets nothing', async () => {
    const browser = WallBrowser.wrap(await BrowserShell.launch({ chromiumPath: chromiumPath() }));
    try {
      const win = await browser.open(withHub(pageConfig({ wall, layouts: [alerts], window: w0, scale: S }), hub.url));
      const state = await waitForHub(win, (h) => h.connection === 'reconnecting', 'a failed attempt');
      expect(state.snapshots).toBe(0);
    } finally {
      await browser.closeWindows({ allowHttp: true }).finally(() => browser.shell.destroy());
    }
  });
});
