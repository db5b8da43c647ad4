/**
 * What the bench runs inside a page, through the DevTools protocol (page.evaluate: not governed by
 * the wall page's CSP, and installed the same way in both pages):
 *  - a frame collector: requestAnimationFrame timestamps → deltas, plus long tasks (> 50 ms);
 *  - a change counter: frames in which what the page shows changed (installChangeCounter).
 * The data feed is in feed.mjs.
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
 * Installs window.__benchChanges: counts the animation frames in which something the page shows
 * changed, the same rule as the wall page's rendered frames (it renders a frame only when something
 * changed, src/renderer/render-requests.ts): a DOM mutation (nodes, attributes such as a moved
 * transform, text) or a new video frame presented by a <video> in the document
 * (requestVideoFrameCallback) since the frame before, and, with `rendered` (the wall page), a frame
 * its canvas rendered (`wallrunDebug.renderedFrames()` went up). The wall page needs this rule only
 * where cameras are <video> elements on the page (camera.videoPath 'element'); there its canvas
 * renders fewer frames than the page shows. Per video element, the frames it presented.
 */
export async function installChangeCounter(page, { rendered = false } = {}) {
  await page.evaluate((rendered) => {
    let changed = false;
    let lastRendered = rendered ? window.wallrunDebug.renderedFrames() : 0;
    const state = { frames: 0, mutations: 0, videoFrames: 0, videos: [] };
    new MutationObserver((records) => {
      changed = true;
      state.mutations += records.length;
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    const watched = new WeakSet();
    const watchVideo = (video) => {
      if (watched.has(video) || !video.requestVideoFrameCallback) return;
      watched.add(video);
      const counter = { frames: 0 };
      state.videos.push(counter);
      const onFrame = () => {
        changed = true;
        state.videoFrames++;
        counter.frames++;
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    };
    const step = () => {
      for (const video of document.querySelectorAll('video')) watchVideo(video);
      if (rendered) {
        const n = window.wallrunDebug.renderedFrames();
        if (n !== lastRendered) changed = true;
        lastRendered = n;
      }
      if (changed) state.frames++;
      changed = false;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
    window.__benchChanges = { count: () => ({ at: performance.now(), frames: state.frames, mutations: state.mutations, videoFrames: state.videoFrames, videos: state.videos.map((v) => v.frames) }) };
  }, rendered);
}

export const startFrames = (page) => page.evaluate(() => window.__benchFrames.start());
export const stopFrames = (page) => page.evaluate(() => window.__benchFrames.stop());

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
