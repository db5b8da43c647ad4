/**
 * The technician's commands (docs/technician.md): `wallrun identify` draws every screen's id and
 * mapping over a bezel alignment grid into a PNG; `wallrun displays` compares the displays this PC
 * has with what wall.yaml expects of its node. Both load their heavy parts lazily.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { IDENTIFY_LAYOUT_ID } from '../core/displays/identify.js';

function parseScale(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('expected a number in (0, 1], e.g. 0.25');
  return n;
}

/** Adds `identify` and `displays` to the program; `root()` is the project folder (--root). */
export function registerTechnicianCommands(program: Command, root: () => string): void {
  program
    .command('identify')
    .description('render every screen\'s id, grid position, display and node over a bezel alignment grid into one PNG (on a running wall: Ctrl+Alt+I)')
    .option('--out <file>', 'PNG to write', 'identify.png')
    .option('--scale <factor>', 'device pixels per wall pixel', parseScale, 0.25)
    .option('--wall <file>', 'wall file', 'wall.yaml')
    .action(async (opts: { out: string; scale: number; wall: string }) => {
      const { renderCommand } = await import('./render.js');
      process.exitCode = await renderCommand({ layout: IDENTIFY_LAYOUT_ID, out: opts.out, scale: opts.scale, wallFile: opts.wall, root: root() });
    });

  program
    .command('displays')
    .description('connected displays against the screens of this node in wall.yaml; exit 1 naming each missing screen')
    .option('--json', 'print as JSON')
    .option('--wall <file>', 'wall file', 'wall.yaml')
    .option('--node <id>', 'node to check (default: the one named like this PC, or the only one)')
    .option('--from <file>', 'JSON list of displays to check instead of this PC\'s (the kiosk writes ~/.config/wallrun/displays.json)')
    .action(async (opts: { json?: boolean; wall: string; node?: string; from?: string }) => {
      const { displaysCommand } = await import('./displays.js');
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
      process.exitCode = await displaysCommand({
        root: root(),
        wallFile: opts.wall,
        json: !!opts.json,
        color,
        ...(opts.node !== undefined ? { node: opts.node } : {}),
        ...(opts.from !== undefined ? { from: opts.from } : {}),
      });
    });
}
