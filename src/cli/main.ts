import { Command, InvalidArgumentError } from 'commander';
import { runValidate, printValidate, resolveRoot } from './validate.js';
import { loadWallForInspect } from './load-wall.js';
import { formatInspect, inspectWall } from './inspect.js';

const program = new Command()
  .name('wallrun')
  .description('Video-wall runtime for IOC control rooms: validate, inspect and render walls and layouts.')
  .option('--root <dir>', 'project folder holding wall.yaml, layouts/ and themes/', process.cwd())
  .showHelpAfterError();

program
  .command('validate')
  .description('check the wall file, layouts and themes (default: all of them); exit 1 on errors')
  .argument('[paths...]', 'files or folders to check')
  .option('--wall <file>', 'wall file to check layouts against', 'wall.yaml')
  .option('--strict', 'fail on warnings too')
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
  .action(async (opts: { layout: string; out: string; scale: number; wall: string }) => {
    const root = resolveRoot(program.opts<{ root: string }>().root);
    // Loaded lazily: playwright-core is only needed to render.
    const { renderCommand } = await import('./render.js');
    process.exitCode = await renderCommand({ layout: opts.layout, out: opts.out, scale: opts.scale, wallFile: opts.wall, root });
  });

program
  .command('hub')
  .description('run the reference hub: socket.io for walls, REST for integrations and operators, SQLite storage')
  .option('--port <n>', 'TCP port', parsePort, 7400)
  .option('--host <addr>', 'address to listen on', '127.0.0.1')
  .option('--data <dir>', 'folder for the SQLite database and tokens (default .wallrun-hub in the project)')
  .option('--demo', 'publish plausible live data for every topic of the shipped layouts, and simulated cameras')
  .action(async (opts: { port: number; host: string; data?: string; demo?: boolean }) => {
    const root = resolveRoot(program.opts<{ root: string }>().root);
    const { hubCommand } = await import('../hub/command.js');
    process.exitCode = await hubCommand({ root, port: opts.port, host: opts.host, demo: !!opts.demo, ...(opts.data ? { dataDir: opts.data } : {}) });
  });

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a TCP port number (0 picks a free one)');
  return n;
}

function parseScale(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('expected a number in (0, 1], e.g. 0.25');
  return n;
}

program.parseAsync(process.argv).catch((err: unknown) => {
  // The loaders return diagnostics instead of throwing; anything here is a bug or an I/O failure.
  process.stderr.write(`wallrun: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
