/**
 * Child-process entry of one hub of an active/standby group (src/cli/hub-standby.ts), for the
 * process tests: argv[2] is `{ hub: HubOptions, standby: StandbyHubOptions }` as JSON; its lines
 * go to stdout/stderr as `wallrun hub` prints them; it exits with the command's code. Exits when
 * its parent closes stdin, so a crashed test run leaves no hub behind. Bundled by
 * test/support/standby-hub-process.ts.
 */
import { standbyHubCommand, type StandbyHubOptions } from '../../src/cli/hub-standby.js';
import type { HubOptions } from '../../src/hub/server.js';

const { hub, standby } = JSON.parse(process.argv[2] ?? '{}') as { hub: HubOptions; standby: StandbyHubOptions };
process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
const code = await standbyHubCommand(
  { ...hub, log: (m) => process.stderr.write(`hub[${process.pid}]: ${m}\n`) },
  standby,
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
);
process.exit(code);
