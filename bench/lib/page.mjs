/**
 * What the bench runs inside a page, through the DevTools protocol (page.evaluate: not governed by
 * the wall page's CSP, and installed the same way in both pages):
 *  - a frame collector: requestAnimationFrame timestamps → deltas, plus long tasks (> 50 ms);
 *  - a data feed: seeded random walks published through the host API's `publish` command (the
 *    path Electron's main or the hub client uses), and alerts through `raiseAlert`/`clearAlert`.
 * Both are plain functions serialised by playwright, so they must be self-contained.
 */

/** Installs window.__benchFrames (idle until start()). */
export async function installFrameCollector(page) {
  await page.evaluate(() => {
    const state = { recording: false, last: 0, deltas: [], longTasks: 0, longTaskMs: 0, frames: 0 };
    const step = (t) => {
      if (state.recording) {
        if (state.last) state.deltas.push(t - state.last);
        state.last = t;
      }
      state.frames++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
    try {
      new PerformanceObserver((list) => {
        if (!state.recording) return;
        for (const e of list.getEntries()) {
          state.longTasks++;
          state.longTaskMs += e.duration;
        }
      }).observe({ type: 'longtask', buffered: false });
    } catch {
      // no long task timing: counts stay 0
    }
    window.__benchFrames = {
      start() {
        state.recording = true;
        state.last = 0;
        state.deltas = [];
        state.longTasks = 0;
        state.longTaskMs = 0;
      },
      stop() {
        state.recording = false;
        return { deltas: state.deltas, longTasks: state.longTasks, longTaskMs: state.longTaskMs };
      },
    };
  });
}

/**
 * Installs window.__benchChanges in a DOM page (the naive one): counts the animation frames in
 * which something it shows changed, the same rule as the wall page's rendered frames (it renders
 * a frame only when something changed, src/renderer/render-requests.ts): a DOM mutation (nodes,
 * attributes such as a moved transform, text) or a new video frame presented
 * (requestVideoFrameCallback) since the frame before.
 */
export async function installChangeCounter(page) {
  await page.evaluate(() => {
    let changed = false;
    const state = { frames: 0, mutations: 0, videoFrames: 0 };
    new MutationObserver((records) => {
      changed = true;
      state.mutations += records.length;
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    const watched = new WeakSet();
    const watchVideo = (video) => {
      if (watched.has(video) || !video.requestVideoFrameCallback) return;
      watched.add(video);
      const onFrame = () => {
        changed = true;
        state.videoFrames++;
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    };
    const step = () => {
      for (const video of document.querySelectorAll('video')) watchVideo(video);
      if (changed) state.frames++;
      changed = false;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
    window.__benchChanges = { count: () => ({ ...state }) };
  });
}

export const startFrames = (page) => page.evaluate(() => window.__benchFrames.start());
export const stopFrames = (page) => page.evaluate(() => window.__benchFrames.stop());

/**
 * Starts the data feed in the page: every 1000 / rateHz ms each topic gets its next value (a
 * seeded random walk within [min, max], the same sequence in every page for the same seed), sent
 * as one host `publish` command per topic. Alerts: `alerts` raised at once, then every
 * alertEveryMs one more raised and the oldest beyond `maxAlerts` cleared (the ticker rebuilds).
 */
export async function startFeed(page, { topics, rateHz, seed, alertEveryMs = 5000, initialAlerts = 5, maxAlerts = 6 }) {
  await page.evaluate(
    ({ topics, rateHz, seed, alertEveryMs, initialAlerts, maxAlerts }) => {
      const send = window.__wallrunCommand;
      let s = seed >>> 0;
      const rand = () => {
        // mulberry32
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const walks = topics.map((w) => ({ ...w, value: w.min + (w.max - w.min) * (0.3 + 0.4 * rand()) }));
      const samples = [
        ['critical', 'Ngập sâu 40 cm tại đường Lý Thường Kiệt', 'flood'],
        ['major', 'Ùn tắc kéo dài trên cầu Gành Hào', 'traffic'],
        ['minor', 'Mất tín hiệu camera ngã tư Phan Ngọc Hiển', 'camera'],
        ['warning', 'Mực nước sông Gành Hào tăng nhanh', 'flood'],
        ['info', 'Cập nhật số liệu giải ngân ngân sách', 'finance'],
      ];
      let alertNo = 0;
      const raise = () => {
        const [severity, title, sector] = samples[alertNo % samples.length];
        alertNo++;
        const t = Date.now();
        send({
          type: 'raiseAlert',
          alert: { id: `bench-${alertNo}`, severity, title, message: `${title} (dữ liệu đo hiệu năng)`, sector, area: 'TP. Cà Mau', source: 'bench', state: 'active', raisedAt: t, updatedAt: t },
        });
        if (alertNo > maxAlerts) send({ type: 'clearAlert', id: `bench-${alertNo - maxAlerts}` });
      };
      for (let i = 0; i < initialAlerts; i++) raise();
      const feed = { publishes: 0, ticks: 0, timers: [] };
      feed.timers.push(
        setInterval(() => {
          const t = Date.now();
          feed.ticks++;
          for (const w of walks) {
            w.value = Math.min(w.max, Math.max(w.min, w.value + (rand() - 0.5) * (w.max - w.min) * 0.05));
            send({ type: 'publish', topic: w.topic, value: Math.round(w.value * 100) / 100, t });
            feed.publishes++;
          }
        }, 1000 / rateHz),
      );
      feed.timers.push(setInterval(raise, alertEveryMs));
      window.__benchFeed = { count: () => ({ publishes: feed.publishes, ticks: feed.ticks }), stop: () => feed.timers.forEach(clearInterval) };
    },
    { topics, rateHz, seed, alertEveryMs, initialAlerts, maxAlerts },
  );
}

export const feedCount = (page) => page.evaluate(() => window.__benchFeed.count());
export const stopFeed = (page) => page.evaluate(() => window.__benchFeed?.stop());

/** The page's WebGL vendor/renderer strings (a throwaway context, lost again at once). */
export async function glInfo(page) {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return { version: null, vendor: null, renderer: null };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const info = {
      version: gl.getParameter(gl.VERSION),
      vendor: ext ? gl.getParameter(ext.UNMASKED_VENDOR_WEBGL) : gl.getParameter(gl.VENDOR),
      renderer: ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    };
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return info;
  });
}

/** Median requestAnimationFrame interval (ms) of a page over `ms`: the display's vsync interval when idle. */
export async function rafInterval(page, ms = 1500) {
  return page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const d = [];
        let last = 0;
        const t0 = performance.now();
        const step = (t) => {
          if (last) d.push(t - last);
          last = t;
          if (t - t0 < ms) requestAnimationFrame(step);
          else resolve(d.sort((a, b) => a - b)[Math.floor(d.length / 2)] ?? NaN);
        };
        requestAnimationFrame(step);
      }),
    ms,
  );
}
