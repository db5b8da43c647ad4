import { Command, InvalidArgumentError } from 'commander';
import { runValidate, printValidate, resolveRoot } from './validate.js';
import { loadWallForInspect } from '../node/load-wall.js';
import { formatInspect, inspectWall } from './inspect.js';
import { registerTechnicianCommands } from './technician.js';

const program = new Command()
  .name('wallrun')
  .description('Video-wall runtime for IOC control rooms: validate, inspect and render walls and layouts, run the hub and the demo wall.')
  .option('--root <dir>', 'project folder holding wall.yaml, layouts/ and themes/', process.cwd())
  .showHelpAfterError();

program
  .command('validate')
  .description('check the wall file, layouts and themes (default: all of them); exit 1 on errors')
  .argument('[paths...]', 'files or folders to check')
  .option('--wall <file>', 'wall file to check layouts against', 'wall.yaml')
  .option('--strict', 'fail on warnings too (text as drawn is checked by `wallrun check`)')
  .option('--json', 'print diagnostics as JSON')
  .action((paths: string[], opts: { wall: string; strict?: boolean; json?: boolean }) => {
    const root = resolveRoot(program.opts<{ root: string }>().root);
    const result = runValidate(paths, { root, wallFile: opts.wall, strict: !!opts.strict, json: !!opts.json });
    printValidate(result, !!opts.json);
    process.exitCode = result.exitCode;
  });

program
  .command('inspect')
  .description('print the screen map (screen, grid position, display, node, resolution) and the window plan per node')
  .option('--wall <file>', 'wall file', 'wall.yaml')
  .option('--json', 'print as JSON')
  .action((opts: { wall: string; json?: boolean }) => {
    const root = resolveRoot(program.opts<{ root: string }>().root);
    const loaded = loadWallForInspect(root, opts.wall);
    if (!loaded.wall) {
      process.exitCode = 1;
      return;
    }
    const report = inspectWall(loaded.wall);
    process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatInspect(report));
  });

program
  .command('render')
  .description('render the whole wall headless through the system Chromium into one PNG (bezels drawn)')
  .requiredOption('--layout <id>', 'layout id')
  .option('--out <file>', 'PNG to write', 'wall.png')
  .option('--scale <factor>', 'device pixels per wall pixel', parseScale, 0.25)
  .option('--wall <file>', 'wall file', 'wall.yaml')
  .option('--report <file>', 'also write every drawn text (size, cap height, box, tile) as JSON')
  .option('--data <file>', 'JSON snapshot, topic → value, shown instead of the demo values for its topics')
  .option('--frozen', 'a still wall: clock at 2026-12-06 09:30 (+07:00), seeded demo data, tickers and blinks at a fixed phase (reference images)')
  .action(async (opts: { layout: string; out: string; scale: number; wall: string; report?: string; data?: string; frozen?: boolean }) => {
    const root = resolveRoot(program.opts<{ root: string }>().root);
    // Loaded lazily: playwright-core is only needed to render.
    const { renderCommand } = await import('./render.js');
    process.exitCode = await renderCommand({
      layout: opts.layout,
      out: opts.out,
      scale: opts.scale,
      wallFile: opts.wall,
      root,
      ...(opts.report ? { report: opts.report } : {}),
      ...(opts.data !== undefined ? { dataFile: opts.data } : {}),
      ...(opts.frozen ? { frozen: true } : {}),
    });
  });

program
  .command('check')
  .description('render each layout headless and check its text as drawn: legible from the desks, not overlapping, not cut; exit 1 on errors')
  .option('--layout <id>', 'check this layout only (default: all)')
  .option('--wall <file>', 'wall file', 'wall.yaml')
  .option('--json', 'print diagnostics as JSON')
  .action(async (opts: { layout?: string; wall: string; json?: boolean }) => {
    const root = resolveRoot(program.opts<{ root: string }>().root);
    const { checkCommand } = await import('./check.js');
    process.exitCode = await checkCommand({ root, wallFile: opts.wall, json: !!opts.json, ...(opts.layout ? { layout: opts.layout } : {}) });
  });

program
  .command('hub')
  .description('run the reference hub: socket.io for walls, REST for integrations and operators, SQLite or PostgreSQL storage')
  .option('--port <n>', 'TCP port', parsePort, 7400)
  .option('--host <addr>', 'address to listen on', '127.0.0.1')
  .option('--data <dir>', 'folder for the SQLite database and tokens (default .wallrun-hub in the project)')
  .option('--store <url>', 'keep the store in PostgreSQL: postgres://USER:PASSWORD@HOST:5432/DATABASE (or WALLRUN_STORE, which keeps the password out of the process list); default SQLite in --data')
  .option('--demo', 'publish plausible live data for every topic of the shipped layouts, and simulated cameras')
  .option('--tls-cert <file>', 'PEM certificate (with intermediates) the hub serves HTTPS/WSS with (or WALLRUN_HUB_TLS_CERT)')
  .option('--tls-key <file>', 'PEM private key of that certificate (or WALLRUN_HUB_TLS_KEY)')
  .option('--insecure', 'plain HTTP, unencrypted: only behind a TLS proxy on this host (docs/security.md)')
  .option('--advertise-url <url>', "this hub's URL as walls reach it: one of active/standby hubs on the --store database (docs/scaling.md)")
  .option('--lease-ttl <ms>', 'leader lease duration in ms (default 10000): a standby takes over within about this long', parseLeaseTtl)
  .action(async (opts: { port: number; host: string; data?: string; store?: string; demo?: boolean; tlsCert?: string; tlsKey?: string; insecure?: boolean; advertiseUrl?: string; leaseTtl?: number }) => {
    const root = resolveRoot(program.opts<{ root: string }>().root);
    const { hubCommand } = await import('./hub.js');
    const tlsCert = opts.tlsCert ?? process.env.WALLRUN_HUB_TLS_CERT;
    const tlsKey = opts.tlsKey ?? process.env.WALLRUN_HUB_TLS_KEY;
    const store = opts.store ?? process.env.WALLRUN_STORE;
    process.exitCode = await hubCommand({
      root,
      port: opts.port,
      host: opts.host,
      demo: !!opts.demo,
      insecure: !!opts.insecure,
      ...(opts.data ? { dataDir: opts.data } : {}),
      ...(tlsCert ? { tlsCert } : {}),
      ...(tlsKey ? { tlsKey } : {}),
      ...(store ? { store } : {}),
      ...(opts.advertiseUrl ? { advertiseUrl: opts.advertiseUrl } : {}),
      ...(opts.leaseTtl ? { leaseTtlMs: opts.leaseTtl } : {}),
    });
  });

program
  .command('report')
  .description('the shift handover report of a time range, from the hub (WALLRUN_TOKEN: an operator or editor token): PREFIX.html and PREFIX.pdf')
  .requiredOption('--from <time>', 'start of the shift: ISO 8601 (2026-12-07T07:00+07:00) or ms')
  .requiredOption('--to <time>', 'end of the shift (not after now)')
  .requiredOption('--out <prefix>', 'where the report goes: PREFIX.html and PREFIX.pdf')
  .option('--hub <url>', 'the hub (or WALLRUN_HUB_URL)', process.env.WALLRUN_HUB_URL ?? 'https://127.0.0.1:7400')
  .option('--cacert <file>', "PEM of the CA of the hub's certificate (the demo's: .wallrun-hub/demo/tls/demo-ca.pem)")
  .option('--lang <vi|en>', 'report language', parseLang, 'vi')
  .action(async (opts: { from: string; to: string; out: string; hub: string; cacert?: string; lang: 'vi' | 'en' }) => {
    const { reportCommand } = await import('./report.js');
    process.exitCode = await reportCommand({ ...opts, token: process.env.WALLRUN_TOKEN });
  });

const demo = program
  .command('demo')
  .description(
    'the demo wall on this machine: the hub with demo feeds and simulated cameras, and the wall in Electron, ' +
      'Chromium windows, or headless Chromium writing a picture of the wall',
  )
  .option('--port <n>', 'hub TCP port (0 picks a free one)', parsePort, 7400)
  .option('--host <addr>', 'address the hub listens on', '127.0.0.1')
  .option('--data <dir>', 'hub data folder (default .wallrun-hub/demo in the project)')
  .option('--nodes <ids>', 'comma-separated nodes to run here (default: all of wall.yaml)', parseList)
  .option('--scale <factor>', 'window size as a fraction of the wall (default: fit the screen; headless 0.25)', parseScale)
  .option('--headless', 'no windows: headless Chromium, writing the picture of the wall')
  .option('--shell <kind>', 'auto (Electron if installed and a display, else Chromium), electron or browser', parseShell, 'auto')
  .option('--no-cameras', 'no demo cameras: neither the RTSP test cameras of cameras.yaml nor simulated HLS ones (camera tiles show "no signal")')
  .option('--cameras <n>', 'how many simulated HLS cameras (cam-01 …) for a project whose cameras.yaml has no demo cameras', parseCount, 16)
  .option('--layout <id>', 'first layout (default: defaultLayout of wall.yaml)')
  .option('--lang <vi|en>', 'wall language', parseLang, 'vi')
  .option('--no-automation', "the project's automation.yaml and layout schedules do not switch the demo wall")
  .option('--screenshot <file>', 'headless: where the picture of the wall goes', 'demo-wall.png')
  .option('--screenshot-every <s>', 'headless: seconds between pictures', parseSeconds, 5)
  .option('--verbose', 'print where the start-up time goes: seconds since start of the hub, cameras, each window and its first camera frames')
  .action(
    async (opts: {
      port: number; host: string; data?: string; nodes?: string[]; scale?: number; headless?: boolean;
      shell: 'auto' | 'electron' | 'browser'; cameras: number | false; layout?: string; lang: 'vi' | 'en';
      automation: boolean; screenshot: string; screenshotEvery: number; verbose?: boolean;
    }) => {
      const root = resolveRoot(program.opts<{ root: string }>().root);
      const { demoCommand } = await import('./demo.js');
      process.exitCode = await demoCommand({
        root,
        port: opts.port,
        portIsDefault: demo.getOptionValueSource('port') === 'default',
        host: opts.host,
        ...(opts.data ? { dataDir: opts.data } : {}),
        cameras: opts.cameras === false ? 0 : opts.cameras,
        ...(opts.nodes ? { nodes: opts.nodes } : {}),
        ...(opts.scale !== undefined ? { scale: opts.scale } : {}),
        headless: !!opts.headless,
        shell: opts.shell,
        ...(opts.layout ? { layout: opts.layout } : {}),
        lang: opts.lang,
        automation: opts.automation,
        screenshot: opts.screenshot,
        screenshotEvery: opts.screenshotEvery,
        verbose: !!opts.verbose,
      });
    },
  );

function parseList(value: string): string[] {
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new InvalidArgumentError('expected node ids, e.g. node-1,node-2');
  return ids;
}

function parseShell(value: string): 'auto' | 'electron' | 'browser' {
  if (value === 'auto' || value === 'electron' || value === 'browser') return value;
  throw new InvalidArgumentError('expected auto, electron or browser');
}

function parseLang(value: string): 'vi' | 'en' {
  if (value === 'vi' || value === 'en') return value;
  throw new InvalidArgumentError('expected vi or en');
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new InvalidArgumentError('expected 0 to 99');
  return n;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.5 || n > 3600) throw new InvalidArgumentError('expected seconds, 0.5 to 3600');
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a TCP port number (0 picks a free one)');
  return n;
}

function parseLeaseTtl(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000 || n > 600_000) throw new InvalidArgumentError('expected milliseconds in [1000, 600000], e.g. 10000');
  return n;
}

function parseScale(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('expected a number in (0, 1], e.g. 0.25');
  return n;
}

registerTechnicianCommands(program, () => resolveRoot(program.opts<{ root: string }>().root));

program.parseAsync(process.argv).catch((err: unknown) => {
  // The loaders return diagnostics instead of throwing; anything here is a bug or an I/O failure.
  process.stderr.write(`wallrun: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
