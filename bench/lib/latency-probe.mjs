/**
 * Update → pixel latency, the alert-latency method (docs/bench.md) for a data topic, the same way
 * in both pages: the feed (feed.mjs) publishes a marker value on one KPI topic and tells this probe
 * when it issued it (epoch ms: the page timer's publish, or the worker's post, so a queue of
 * messages the main thread has not reached yet is in the figure). A page-side loop looks once per
 * requestAnimationFrame at what the KPI tile shows and, in the first frame that shows the marker,
 * records (now − issued) and tells the feed, which issues the next marker.
 *
 * "The frame that shows it", per page:
 *  - ours (pixi, renders in its own rAF callback, which runs before this loop's: both re-arm in
 *    frame order): a frame the page rendered (`wallrunDebug.renderedFrames()` went up since the
 *    last callback) whose KPI tile's drawn texts (`wallrunDebug.texts()`, read from the pixi tree
 *    just rendered) hold the marker. A widget updated in a frame the load shedder did not render
 *    is not counted until a frame renders it. texts() walks the scene (a few ms), so it is read
 *    only in rendered frames while a marker waits;
 *  - naive (DOM): the first rAF callback in which the KPI's value element's text holds the marker;
 *    the frame's paint follows its rAF callbacks, so that frame shows it.
 * Both take the time when that frame's main-thread work is over: a message posted from the rAF
 * callback runs after the frame's rendering update (naive's style, layout and paint; ours drew its
 * canvas in its own rAF callback), so each page's own cost of the frame is in its figure. Taking it
 * inside the rAF callback, as before 8 December, counted ours' raster and not naive's paint. The
 * probe's own look (texts() walks ours' scene) is timed and taken off. The
 * marker is matched on its digits ("500.123" and "500123" both match 500123), so the pages' number
 * formats need not agree.
 */

/** Installs window.__benchLatency in `page` (before startFeed). `kind`: 'ours' | 'naive'; `tile`: the KPI tile's id. */
export async function installLatencyProbe(page, { kind, tile }) {
  await page.evaluate(
    ({ kind, tile }) => {
      const waiting = new Map(); // marker value → issued at (epoch ms)
      const state = { recording: false, samples: [], expected: 0, shown: 0 };
      const digits = (text) => Number(String(text).replace(/\D/g, '') || NaN);
      let lastRendered = -1;
      const shownOurs = () => {
        const rendered = window.wallrunDebug.renderedFrames();
        const fresh = rendered !== lastRendered;
        lastRendered = rendered;
        if (!fresh) return [];
        return window.wallrunDebug.texts().filter((t) => t.tile === tile).map((t) => digits(t.text));
      };
      const valueElement = () => document.querySelector(`[data-tile="${tile}"] .kpi-value`);
      const shownNaive = () => [digits(valueElement()?.textContent ?? '')];
      const shown = kind === 'ours' ? shownOurs : shownNaive;
      const probe = {
        onSeen: () => undefined,
        expect(value, at) {
          waiting.set(value, at);
          state.expected++;
        },
        start() {
          state.recording = true;
          state.samples = [];
        },
        /** The samples (ms) since start(), and how many markers still wait now. */
        take() {
          state.recording = false;
          return { samples: state.samples, waiting: waiting.size };
        },
      };
      // Seen in a frame's rAF callback, timed once that frame's rendering update is over.
      let seen = [];
      let lookMs = 0;
      const frameDone = new MessageChannel();
      frameDone.port1.onmessage = () => {
        const now = performance.timeOrigin + performance.now() - lookMs;
        for (const { value, at } of seen) {
          state.shown++;
          if (state.recording) state.samples.push(now - at);
          probe.onSeen(value);
        }
        seen = [];
      };
      const step = () => {
        if (waiting.size > 0) {
          const lookFrom = performance.now();
          for (const value of shown()) {
            const at = waiting.get(value);
            if (at === undefined) continue;
            waiting.delete(value);
            seen.push({ value, at });
          }
          if (seen.length > 0) {
            lookMs = performance.now() - lookFrom;
            frameDone.port2.postMessage(0);
          }
        } else if (kind === 'ours') {
          lastRendered = window.wallrunDebug.renderedFrames();
        }
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
      window.__benchLatency = probe;
    },
    { kind, tile },
  );
}

export const startLatency = (page) => page.evaluate(() => window.__benchLatency.start());
export const takeLatency = (page) => page.evaluate(() => window.__benchLatency.take());
