/**
 * Child-process entry of the hub for the restart tests (test/support/hub-process.ts bundles it
 * with esbuild, since tsx is not installed). Reads HubOptions as JSON from argv[2], prints one
 * `HUB_READY {"url","port"}` line, closes cleanly on SIGTERM, and exits when its parent closes
 * stdin, so a crashed test run leaves no hub behind.
 */
import { startHub, type HubOptions } from '../../src/hub/server.js';

const options = JSON.parse(process.argv[2] ?? '{}') as HubOptions;
const hub = await startHub({ ...(options.tls ? {} : { insecure: true }), ...options, log: (m) => process.stderr.write(`hub[${process.pid}]: ${m}\n`) });
process.stdout.write(`HUB_READY ${JSON.stringify({ url: hub.url, port: hub.port })}\n`);

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  hub.destroy().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.stdin.on('end', shutdown);
process.stdin.resume();
