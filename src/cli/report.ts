/**
 * `wallrun report --hub URL --from T --to T --out PREFIX`: the shift handover report of a time range
 * (docs/timeline.md "Shift handover report"), asked of the hub (`GET /api/report`, with an operator
 * or editor token from WALLRUN_TOKEN, never from the command line), written as PREFIX.html and printed
 * to PREFIX.pdf (A4) by the system Chromium. Exit 0 written, 1 refused (the hub's error, naming the
 * field), 2 not reachable or not printable.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import path from 'node:path';
import { findChromium } from '../shell/find-shell.js';

export interface ReportOptions {
  hub: string;
  token: string | undefined;
  from: string;
  to: string;
  out: string;
  lang: 'vi' | 'en';
  /** PEM of the CA the hub's certificate chains to (the demo's: .wallrun-hub/demo/tls/demo-ca.pem). */
  cacert?: string;
  print?: (line: string) => void;
  err?: (line: string) => void;
}

/** A date as the hub takes it: ms, or ISO 8601 (a time without a zone is the machine's local time, as Date.parse reads it). */
function asMs(v: string): number {
  return /^\d+$/.test(v) ? Number(v) : Date.parse(v);
}

function get(url: URL, token: string, ca: Buffer | undefined): Promise<{ status: number; type: string; body: Buffer }> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${token}` }, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('the hub did not answer within 30 s')));
    req.end();
  });
}

export async function reportCommand(o: ReportOptions): Promise<number> {
  const say = o.print ?? ((l: string) => process.stdout.write(`${l}\n`));
  const fail = o.err ?? ((l: string) => process.stderr.write(`wallrun report: ${l}\n`));
  if (!o.token) {
    fail('set WALLRUN_TOKEN to an operator or editor token of the hub (it is never taken from the command line)');
    return 1;
  }
  const errors: string[] = [];
  const from = asMs(o.from);
  const to = asMs(o.to);
  if (!Number.isFinite(from)) errors.push(`--from ${o.from}: is not a date (ISO 8601, e.g. 2026-12-07T07:00+07:00, or ms)`);
  if (!Number.isFinite(to)) errors.push(`--to ${o.to}: is not a date (ISO 8601, e.g. 2026-12-07T19:00+07:00, or ms)`);
  if (errors.length) {
    for (const e of errors) fail(e);
    return 1;
  }
  const url = new URL('/api/report', o.hub);
  url.search = new URLSearchParams({ from: String(from), to: String(to), lang: o.lang }).toString();
  let res;
  try {
    res = await get(url, o.token, o.cacert ? readFileSync(o.cacert) : undefined);
  } catch (e) {
    fail(`the hub at ${o.hub} is not reachable: ${(e as Error).message}`);
    return 2;
  }
  if (res.status !== 200) {
    let detail = res.body.toString('utf8');
    try {
      const j = JSON.parse(detail) as { error?: { message?: string; details?: string[] } };
      detail = [j.error?.message, ...(j.error?.details ?? [])].filter(Boolean).join('; ');
    } catch {
      /* not JSON: said as it came */
    }
    fail(`the hub refused (${res.status}): ${detail}`);
    return 1;
  }
  const html = res.body.toString('utf8');
  const htmlFile = path.resolve(`${o.out}.html`);
  const pdfFile = path.resolve(`${o.out}.pdf`);
  await mkdir(path.dirname(htmlFile), { recursive: true });
  await writeFile(htmlFile, html);
  say(`wrote ${htmlFile}`);
  const chromium = findChromium();
  if (!('path' in chromium)) {
    fail(`no PDF: ${chromium.reason}`);
    return 2;
  }
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({ executablePath: chromium.path, headless: true });
  try {
    const page = await browser.newPage();
    // The page has no script and no outside resource: its content is set as it is, offline.
    await page.setContent(html, { waitUntil: 'load' });
    await writeFile(pdfFile, await page.pdf({ format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '14mm', right: '14mm' } }));
  } finally {
    await browser.close();
  }
  say(`wrote ${pdfFile}`);
  return 0;
}
