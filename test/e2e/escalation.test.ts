/**
 * Escalation of an unacknowledged critical alert (docs/acknowledgements.md, "Escalation"), seen
 * from outside the page against a real hub, with `escalateAfterS: 1`:
 * - it blinks: successive frames of the alert's row in the list differ within two blink periods
 *   (500 ms each), the whole row lighting and dimming, and no longer over a whole period once the
 *   alert is acknowledged;
 * - it beeps: the page's WebAudio is instrumented from outside (AudioContext constructions and
 *   OscillatorNode.start calls counted) before the alert is raised; one beep is three tones;
 * - with `sound: false` the page counts the beep it would have made but makes no sound.
 * Waits on the page's debug state, never on time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS } from '../support/hub-fixtures.js';
import { RestartableHub, waitForHub, withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { changedPixels, type Image } from '../support/png.js';
import { imagePieces } from '../support/tile-pixels.js';
import { WallBrowser, capture, type WallWindow } from '../support/wall-browser.js';

const S = 0.5;
const wall = makeWall({ columns: 1, rows: 1 });
const win0 = windowFor(wall);
const LIST = { x: 3, y: 3, width: 900, height: 400 };
const lists = layout('list', [tile({ id: 'list', widget: 'alert-list', rect: LIST, props: { fontSizePx: 40 } })]);
/** The blink period (docs/acknowledgements.md): on while floor(wall clock / 500 ms) is even. */
const BLINK_MS = 500;

/** Counts, in the page, the AudioContexts made and the oscillators started (what a beep does). */
async function instrumentAudio(win: WallWindow): Promise<void> {
  await win.page.evaluate(() => {
    const w = window as unknown as { __audio: { contexts: number; tones: number } };
    w.__audio = { contexts: 0, tones: 0 };
    const Original = window.AudioContext;
    window.AudioContext = class extends Original {
      public constructor(...args: ConstructorParameters<typeof AudioContext>) {
        super(...args);
        w.__audio.contexts += 1;
      }
    };
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<OscillatorNode['start']>) {
      w.__audio.tones += 1;
      return start.apply(this, args);
    };
  });
}
const audio = (win: WallWindow) => win.page.evaluate(() => (window as unknown as { __audio: { contexts: number; tones: number } }).__audio);

describe('escalation: blink and beep', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  beforeAll(async () => {
    hub = new RestartableHub();
    await hub.start();
    browser = await WallBrowser.start();
  });
  afterEach(async () => {
    await browser?.closeWindows();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  async function escalate(id: string, sound: boolean): Promise<WallWindow> {
    const win = await browser.open(withHub(pageConfig({ wall, layouts: [lists], window: win0, scale: S }), hub.url, { escalateAfterS: 1, sound }));
    await waitForHub(win, (h) => h.connection === 'connected' && h.snapshots >= 1, 'connected');
    await instrumentAudio(win);
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id, severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Ngập sâu 40 cm' });
    expect(raised.status).toBe(201);
    await waitForHub(win, (h) => h.alerts.some((a) => a.id === id && a.escalated) && h.beeps >= 1, 'escalated');
    return win;
  }

  it('blinks the alert row until it is acknowledged, and beeps three tones through WebAudio', async () => {
    const win = await escalate('ngap-blink', true);
    const { beeps } = (await waitForHub(win, () => true, 'state'))!;
    expect(await audio(win)).toEqual({ contexts: 1, tones: 3 * beeps });

    // Successive frames until the row shows both phases: the blink follows the wall's hub clock,
    // which the page keeps from its own clock and the hub's (Playwright's fixed time cannot move it
    // for a page with a hub), so the test watches it rather than setting it.
    const list = imagePieces(win0, LIST, S)[0]!;
    const first = await capture(win);
    const deadline = Date.now() + 4 * BLINK_MS;
    let other: Image | null = null;
    for (let tries = 0; !other && (Date.now() < deadline || tries < 6); tries++) {
      const next = await capture(win);
      if (changedPixels(first, next, list) > 0) other = next;
    }
    expect(other, `the row changed within ${4 * BLINK_MS} ms (two blink periods)`).not.toBeNull();
    const blinked = changedPixels(first, other!, list);
    // The whole row lights and dims: the change spans the row's width (not a glyph or two).
    expect(blinked).toBeGreaterThan(0.5 * list.width * 40 * S);

    // Acknowledged (an operator over REST): every wall hears it; the blinking stops.
    const ack = await api(hub.url, 'POST', '/api/alerts/ngap-blink/ack', TOKENS.operator, {});
    expect(ack.status, JSON.stringify(ack.body)).toBeLessThan(300);
    await waitForHub(win, (h) => h.alerts.some((a) => a.id === 'ngap-blink' && a.state === 'acknowledged' && !a.escalated), 'acknowledged');
    // No blink any more: every frame over more than a whole blink period looks like the first, and
    // at least three of them (a loaded machine captures slowly: then it watches a little longer).
    const quiet = await capture(win);
    const until = Date.now() + 2 * BLINK_MS + 200;
    let frames = 0;
    while (Date.now() < until || frames < 3) {
      expect(changedPixels(quiet, await capture(win), list), 'no blink after the acknowledgement').toBe(0);
      frames++;
    }
  });

  it('makes no sound with sound: false, though it counts the beep it would have made', async () => {
    const win = await escalate('ngap-quiet', false);
    expect((await waitForHub(win, () => true, 'state')).beeps).toBeGreaterThanOrEqual(1);
    expect(await audio(win)).toEqual({ contexts: 0, tones: 0 });
  });
});
