/**
 * Escalation of an unacknowledged critical alert (docs/acknowledgements.md, "Escalation"), seen
 * from outside the page against a real hub, with `escalateAfterS: 1`:
 * - it blinks: the alert's row in the list differs between the two blink phases (the wall clock
 *   fixed in each, the phase being the wall clock's 500 ms period), and stops differing once
 *   the alert is acknowledged;
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
import { changedPixels } from '../support/png.js';
import { imagePieces } from '../support/tile-pixels.js';
import { WallBrowser, capture, waitFrames, type WallWindow } from '../support/wall-browser.js';

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

    // The wall clock fixed at an "on" phase, then at the "off" phase after it (a little after now,
    // so hub time stays past the escalation).
    const on = (Math.floor(Date.now() / (2 * BLINK_MS)) + 2) * 2 * BLINK_MS + BLINK_MS / 2;
    const rowAt = async (ms: number) => {
      await win.page.clock.setFixedTime(ms);
      await waitFrames(win, 2);
      return capture(win);
    };
    const list = imagePieces(win0, LIST, S)[0]!;
    const lit = await rowAt(on);
    const dim = await rowAt(on + BLINK_MS);
    const litAgain = await rowAt(on + 2 * BLINK_MS);
    expect(changedPixels(lit, dim, list), 'the row differs between blink phases').toBeGreaterThan(1000);
    expect(changedPixels(lit, litAgain, list), 'the same phase looks the same').toBe(0);

    // Acknowledged (an operator over REST): every wall hears it; the blinking stops.
    const ack = await api(hub.url, 'POST', '/api/alerts/ngap-blink/ack', TOKENS.operator, {});
    expect(ack.status, JSON.stringify(ack.body)).toBeLessThan(300);
    await waitForHub(win, (h) => h.alerts.some((a) => a.id === 'ngap-blink' && a.state === 'acknowledged' && !a.escalated), 'acknowledged');
    const after = await rowAt(on + 4 * BLINK_MS);
    const afterDim = await rowAt(on + 5 * BLINK_MS);
    expect(changedPixels(after, afterDim, list), 'no blink after the acknowledgement').toBe(0);
  });

  it('makes no sound with sound: false, though it counts the beep it would have made', async () => {
    const win = await escalate('ngap-quiet', false);
    expect((await waitForHub(win, () => true, 'state')).beeps).toBeGreaterThanOrEqual(1);
    expect(await audio(win)).toEqual({ contexts: 0, tones: 0 });
  });
});
