/**
 * The bench's data feed, run inside the measured page so both pages get the same data through the
 * same host API command (`publish`, the path Electron's main and the hub client use):
 *
 *  - `page`: a page timer; every 1000 / rateHz ms on average each topic gets its next value (each
 *    interval drawn from 0.5–1.5 × that, seeded, so batches fall at every phase of the frame). A
 *    page whose main thread is saturated runs its timer late, so it gets fewer updates (what
 *    delivered/s shows);
 *  - `worker`: a dedicated Web Worker posts a batch every `batchMs` (10 ms) holding as many updates
 *    as the wall clock says are due at `rateTotal` per second (round-robin over the topics); the
 *    page's main thread publishes every update of a batch when the message arrives and says so.
 *    The worker does not slow down with the page: updates a busy page has not taken wait in the
 *    worker (at most `maxInFlight` batches are in the page's queue), and past `backlogMs` (1 s) of
 *    data the oldest are dropped and counted: a bounded send buffer, not a queue growing without
 *    end, which would also starve the bench's own calls into the page. Offered, sent (posted) and
 *    delivered (published by the main thread) per second are all reported.
 *
 * Values are seeded random walks within [min, max] (the same sequence in every page for the same
 * seed and order). Optionally one topic carries the latency probe's markers (latency-probe.mjs):
 * its published value is a marker (PROBE_BASE + n) from the moment the marker is issued, the next
 * marker issued `everyMs` after the last and only once the page has shown it (or given up after
 * PROBE_GIVE_UP_MS), so no marker is hidden by the next and every sample is one marker's latency.
 * Alerts come from a page timer in both modes: 5 at once, one every 5 s, at most 6 active.
 */

/** Markers are PROBE_BASE + n: six digits, which no other number the probed KPI tile draws has. */
export const PROBE_BASE = 500000;
const PROBE_GIVE_UP_MS = 10_000;

/**
 * The update generator, self-contained (it is serialised into the page and into the worker by
 * toString). `next(n, now)`: the next n updates, round-robin over the topics, and the marker issued
 * with them if one was; `seen(value)`: the page showed marker `value`.
 */
export function feedGenerator({ topics, seed, probe }) {
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
  let cursor = 0;
  let r = (seed ^ 0x9e3779b9) >>> 0 || 1;
  let pendingFactor = null;
  const marker = { value: null, sentAt: -Infinity, awaiting: false, seq: 0, lost: 0 };
  const issue = (now) => {
    if (marker.awaiting && now - marker.sentAt < probe.giveUpMs) return null;
    if (marker.awaiting) marker.lost++; // never shown: a new one goes out
    else if (now - marker.sentAt < probe.everyMs) return null;
    marker.value = probe.base + ++marker.seq;
    marker.sentAt = now;
    marker.awaiting = true;
    return { value: marker.value, sentAt: now };
  };
  return {
    next(n, now) {
      const updates = [];
      let issued = null;
      const t = Math.round(now);
      for (let i = 0; i < n; i++) {
        const w = walks[cursor];
        cursor = (cursor + 1) % walks.length;
        w.value = Math.min(w.max, Math.max(w.min, w.value + (rand() - 0.5) * (w.max - w.min) * 0.05));
        let value = Math.round(w.value * 100) / 100;
        if (probe && w.topic === probe.topic) {
          issued = issue(now) ?? issued;
          if (marker.value !== null) value = marker.value;
        }
        updates.push({ topic: w.topic, value, t });
      }
      return { updates, marker: issued };
    },
    seen(value) {
      if (value === marker.value) marker.awaiting = false;
    },
    lost: () => marker.lost,
    /**
     * The page timer's next interval as a factor of its period: seeded, in pairs (0.5 + u, then
     * 1.5 - u) that add up to two periods exactly, so batches fall at every phase of the frame
     * and the rate is the asked one over any window. A stream of its own: values do not depend on it.
     */
    intervalFactor() {
      if (pendingFactor !== null) {
        const f = pendingFactor;
        pendingFactor = null;
        return f;
      }
      r = (Math.imul(r, 1664525) + 1013904223) >>> 0;
      const u = r / 4294967296;
      pendingFactor = 1.5 - u;
      return 0.5 + u;
    },
  };
}

/**
 * The worker's body, self-contained: started by a `start` message; then told `applied` (a batch was
 * published by the page) and `seen` (a marker was shown). Every batchMs the updates due by the
 * wall clock join a FIFO backlog; batches of at most 2 × the nominal batch go out while fewer than
 * maxInFlight wait unapplied; beyond backlogMs of data the oldest updates are dropped and counted
 * (a bounded send buffer). Each update carries the time it was due, and a marker's latency starts
 * there: time a page spent blocked with updates waiting for it is in the figure.
 */
function feedWorker() {
  let gen = null;
  const counts = { offered: 0, sent: 0, dropped: 0 };
  let inFlight = 0;
  const backlog = []; // [{ n, at }] oldest first
  let backlogN = 0;
  self.onmessage = (e) => {
    const m = e.data;
    if (m.seen !== undefined) gen?.seen(m.seen);
    if (m.applied) inFlight--;
    if (!m.start) return;
    const o = m.start;
    // eslint-disable-next-line no-undef -- feedGenerator is prepended to this worker's source
    gen = feedGenerator(o);
    const epoch = () => performance.timeOrigin + performance.now();
    const t0 = epoch();
    const nominal = Math.max(1, Math.round((o.rateTotal * o.batchMs) / 1000));
    const limit = Math.max(nominal, Math.round((o.rateTotal * o.backlogMs) / 1000));
    setInterval(() => {
      const now = epoch();
      const due = Math.floor(((now - t0) / 1000) * o.rateTotal) - counts.offered;
      if (due > 0) {
        counts.offered += due;
        backlog.push({ n: due, at: now });
        backlogN += due;
      }
      while (backlogN > limit) {
        const drop = Math.min(backlog[0].n, backlogN - limit);
        backlog[0].n -= drop;
        backlogN -= drop;
        counts.dropped += drop;
        if (backlog[0].n === 0) backlog.shift();
      }
      while (inFlight < o.maxInFlight && backlogN > 0) {
        const dueAt = backlog[0].at;
        let n = 0;
        while (backlog.length && n < 2 * nominal) {
          const take = Math.min(backlog[0].n, 2 * nominal - n);
          backlog[0].n -= take;
          n += take;
          if (backlog[0].n === 0) backlog.shift();
        }
        backlogN -= n;
        inFlight++;
        counts.sent += n;
        const { updates, marker } = gen.next(n, dueAt);
        self.postMessage({ updates, marker, sentAt: now, dueAt, ...counts, lost: gen.lost() });
      }
    }, o.batchMs);
  };
}

/**
 * Starts the feed in `page`. `feed`: 'page' (timer, rateHz per topic) or 'worker' (rateTotal per
 * second, batches every batchMs). `probe`: { topic, everyMs } or null; markers issued are handed
 * to window.__benchLatency.expect (installLatencyProbe, latency-probe.mjs, installed first).
 */
export async function startFeed(page, { topics, rateHz, seed, feed = 'page', rateTotal = topics.length * rateHz, batchMs = 10, maxInFlight = 8, backlogMs = 1000, probe = null, alertEveryMs = 5000, initialAlerts = 5, maxAlerts = 6 }) {
  // The page timer's generator is made by playwright (a function-form evaluate): the wall page's CSP
  // forbids eval, and a worker is a script of its own (worker-src blob: is allowed).
  probe = probe ? { base: PROBE_BASE, giveUpMs: PROBE_GIVE_UP_MS, ...probe } : null;
  const generator = feed === 'page' ? await page.evaluateHandle(feedGenerator, { topics, seed, probe }) : null;
  await page.evaluate(
    ({ topics, seed, feed, rateTotal, batchMs, maxInFlight, backlogMs, probe, alertEveryMs, initialAlerts, maxAlerts, generator, generatorSource, workerSource }) => {
      const send = window.__wallrunCommand;
      const epoch = () => performance.timeOrigin + performance.now();
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
      const state = { publishes: 0, ticks: 0, offered: 0, sent: 0, dropped: 0, batches: 0, lagMs: 0, lagMaxMs: 0, lost: 0, timers: [], worker: null };
      const latency = window.__benchLatency;
      const apply = ({ updates, marker }) => {
        if (marker && latency) latency.expect(marker.value, marker.sentAt);
        for (const u of updates) {
          send({ type: 'publish', topic: u.topic, value: u.value, t: u.t });
          state.publishes++;
        }
      };
      if (feed === 'worker') {
        const source = `const feedGenerator = ${generatorSource};\n(${workerSource})();`;
        const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
        worker.onmessage = (e) => {
          state.batches++;
          state.ticks++;
          state.offered = e.data.offered;
          state.sent = e.data.sent;
          state.dropped = e.data.dropped;
          state.lost = e.data.lost;
          state.lagMs = epoch() - e.data.dueAt;
          state.lagMaxMs = Math.max(state.lagMaxMs, state.lagMs);
          apply(e.data);
          worker.postMessage({ applied: true });
        };
        if (latency) latency.onSeen = (value) => worker.postMessage({ seen: value });
        worker.postMessage({ start: { topics, seed, probe, rateTotal, batchMs, maxInFlight, backlogMs } });
        state.worker = worker;
      } else {
        const gen = generator;
        if (latency) latency.onSeen = (value) => gen.seen(value);
        // Batches at seeded random intervals around the period (0.5–1.5 ×, intervalFactor): a
        // fixed period is a whole number of frames (100 ms is 3 frames at 30 Hz, 6 at 60 Hz), which
        // locks every marker to one phase of the frame for the whole run and makes the latency a
        // draw of that phase (a page's p50 9–37 ms from run to run); random ones sample every phase.
        const periodMs = 1000 / (rateTotal / topics.length);
        // Each batch is due at the last one's due time plus an interval, so a timer a little late
        // does not slow the mean rate; but no more than one period is made up, so a page too busy
        // to keep up still gets fewer updates (delivered/s says so), as with a plain interval.
        const slot = state.timers.push(0) - 1;
        let due = epoch();
        const schedule = () => {
          due = Math.max(due, epoch() - periodMs) + periodMs * gen.intervalFactor();
          state.timers[slot] = setTimeout(tick, Math.max(0, due - epoch()));
        };
        const tick = () => {
          state.ticks++;
          const batch = gen.next(topics.length, epoch());
          state.sent += batch.updates.length;
          state.offered = state.sent;
          state.lost = gen.lost();
          apply(batch);
          schedule();
        };
        schedule();
      }
      state.timers.push(setInterval(raise, alertEveryMs));
      window.__benchFeed = {
        count: () => ({ at: performance.now(), publishes: state.publishes, ticks: state.ticks, offered: state.offered, sent: state.sent, dropped: state.dropped, batches: state.batches, lagMs: state.lagMs, lagMaxMs: state.lagMaxMs, lost: state.lost }),
        stop: () => {
          state.timers.forEach(clearInterval);
          state.worker?.terminate();
        },
      };
    },
    { topics, seed, feed, rateTotal, batchMs, maxInFlight, backlogMs, probe, alertEveryMs, initialAlerts, maxAlerts, generator, generatorSource: feedGenerator.toString(), workerSource: feedWorker.toString() },
  );
  await generator?.dispose();
}

export const feedCount = (page) => page.evaluate(() => window.__benchFeed.count());
export const stopFeed = (page) => page.evaluate(() => window.__benchFeed?.stop());
