/**
 * tokens.json reloads without a restart (docs/protocol.md, "Tokens"): on a change of the file and
 * through `reloadTokens()`, the entry point `wallrun hub` and `wallrun demo` call on SIGHUP. A removed
 * token stops working at once for REST and its open sockets are closed within a second; a file that
 * does not parse or validate keeps the tokens in force and logs the file and the field.
 */
import { EventEmitter } from 'node:events';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSOLE_NAMESPACE } from '../../src/core/protocol/console-protocol.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import type { TokenSpec } from '../../src/hub/auth.js';
import { api, IDENTITY, nextEvent, rawWall, tempDir, testHub, TOKEN_SPECS, TOKENS, type RawWallSocket } from '../support/hub-fixtures.js';

const NEW_OPERATOR = 'new-operator-token-0123456789abcdef';

type TestHub = Awaited<ReturnType<typeof testHub>>;

describe('tokens.json reloads without a restart', () => {
  let hub: TestHub;
  let file: string;
  let tmp: ReturnType<typeof tempDir>;
  const logs = new EventEmitter();
  const lines: string[] = [];
  const sockets: { close(): unknown }[] = [];

  const write = (specs: readonly TokenSpec[] | string): void => {
    // As editors do: a new file renamed over the old one, so the hub must watch the folder.
    const tmpFile = `${file}.tmp`;
    writeFileSync(tmpFile, typeof specs === 'string' ? specs : JSON.stringify({ tokens: specs }), { mode: 0o600 });
    renameSync(tmpFile, file);
  };
  const nextLog = (pattern: RegExp): Promise<string> => nextEvent<string>(logs, 'line', (l) => pattern.test(l), 5000);
  const openWall = async (token: string, node: string): Promise<RawWallSocket> => {
    const s = rawWall(hub.url, { token, protocol: PROTOCOL_VERSION, identity: { ...IDENTITY, node } });
    sockets.push(s);
    const snapshot = nextEvent(s, 'snapshot');
    s.connect();
    await snapshot;
    return s;
  };
  const openConsole = async (token: string): Promise<Socket> => {
    const s = io(`${hub.url}${CONSOLE_NAMESPACE}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(s);
    await nextEvent(s, 'hello');
    return s;
  };
  /** A round trip on a wall socket: it is still connected and served. */
  const stillServed = async (s: RawWallSocket): Promise<void> => {
    const pong = await s.timeout(5000).emitWithAck('clock:ping', Date.now());
    expect(pong.hubTime).toBeGreaterThan(0);
  };

  beforeEach(async () => {
    tmp = tempDir();
    file = path.join(tmp.dir, 'tokens.json');
    writeFileSync(file, JSON.stringify({ tokens: TOKEN_SPECS }), { mode: 0o600 });
    lines.length = 0;
    hub = await testHub({
      dataDir: tmp.dir,
      tokens: undefined, // read from tokens.json, as `wallrun hub` does
      log: (m) => {
        lines.push(m);
        logs.emit('line', m);
      },
    });
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await hub.cleanup();
    tmp.remove();
  });

  it('a removed token gets 401 at once and its wall and console sockets are closed within a second; others stay', async () => {
    const wall = await openWall(TOKENS.wall, 'node-1');
    const otherWall = await openWall(TOKENS.wall2, 'node-2');
    const consoleSocket = await openConsole(TOKENS.operator);
    expect((await api(hub.url, 'GET', '/api/alerts', TOKENS.operator)).status).toBe(200);

    const wallClosed = nextEvent<string>(wall, 'disconnect', () => true, 1000);
    const consoleClosed = nextEvent<string>(consoleSocket, 'disconnect', () => true, 1000);
    const reloaded = nextLog(/^tokens: reloaded/);
    write(TOKEN_SPECS.filter((t) => t.token !== TOKENS.wall && t.token !== TOKENS.operator));

    expect(await wallClosed).toBe('io server disconnect');
    expect(await consoleClosed).toBe('io server disconnect');
    const line = await reloaded;
    expect(line).toContain(file);
    expect(line).toContain('1 wall, 1 editor, 1 integration');
    expect(line).toContain('2 socket(s)');
    for (const t of Object.values(TOKENS)) expect(lines.join('\n')).not.toContain(t);
    expect((await api(hub.url, 'GET', '/api/alerts', TOKENS.operator)).status).toBe(401);
    expect((await api(hub.url, 'GET', '/api/alerts', TOKENS.editor)).status).toBe(200);
    await stillServed(otherWall);
    // The removed wall token cannot connect again.
    const again = rawWall(hub.url);
    sockets.push(again);
    const refused = nextEvent<Error>(again, 'connect_error');
    again.connect();
    expect((await refused).message).toBe('unauthorized');
    expect(hub.tokens.map((t) => t.name)).not.toContain('test-wall');
  });

  it('a token changed to another node is a new token: its socket is closed', async () => {
    const wall = await openWall(TOKENS.wall2, 'node-2');
    const closed = nextEvent<string>(wall, 'disconnect', () => true, 1000);
    write(TOKEN_SPECS.map((t) => (t.token === TOKENS.wall2 ? { ...t, node: 'node-3' } : t)));
    expect(await closed).toBe('io server disconnect');
  });

  it('an added token works once the file is written', async () => {
    expect((await api(hub.url, 'GET', '/api/alerts', NEW_OPERATOR)).status).toBe(401);
    const reloaded = nextLog(/^tokens: reloaded/);
    write([...TOKEN_SPECS, { name: 'Phạm Văn Cường', role: 'operator', token: NEW_OPERATOR }]);
    expect(await reloaded).toContain('2 operator');
    expect((await api(hub.url, 'GET', '/api/alerts', NEW_OPERATOR)).status).toBe(200);
    expect(hub.tokens.some((t) => t.name === 'Phạm Văn Cường')).toBe(true);
    // An operator token is also a credential at the wall: the next snapshot's directory names them.
    const s = rawWall(hub.url);
    sockets.push(s);
    const snapshot = nextEvent<{ operators?: { operators: { name: string }[] } }>(s, 'snapshot');
    s.connect();
    expect((await snapshot).operators?.operators.map((o) => o.name)).toContain('Phạm Văn Cường');
  });

  it('a file that does not parse or validate keeps the old tokens and logs the file and the field', async () => {
    const wall = await openWall(TOKENS.wall, 'node-1');
    let refused = nextLog(/^tokens: reload .* refused/);
    write('{ "tokens": [ ');
    expect(await refused).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
    expect((await api(hub.url, 'GET', '/api/alerts', TOKENS.operator)).status).toBe(200);

    refused = nextLog(/^tokens: reload .* refused/);
    write(JSON.stringify({ tokens: [{ name: 'x', role: 'root', token: NEW_OPERATOR }] }));
    const line = await refused;
    expect(line).toContain(file);
    expect(line).toContain('tokens[0].role');
    expect(line).toContain('the 5 token(s) in force stay');
    expect((await api(hub.url, 'GET', '/api/alerts', TOKENS.operator)).status).toBe(200);
    expect((await api(hub.url, 'GET', '/api/alerts', NEW_OPERATOR)).status).toBe(401);
    await stillServed(wall);
    expect(lines.join('\n')).not.toContain(NEW_OPERATOR);
  });

  it('reloadTokens, what SIGHUP calls, puts the file in force at once or refuses it', async () => {
    // Written directly (no watcher delay assumed): the call itself must apply it before returning.
    writeFileSync(file, JSON.stringify({ tokens: TOKEN_SPECS.filter((t) => t.token !== TOKENS.operator) }));
    expect(hub.reloadTokens()).toBe(true);
    expect((await api(hub.url, 'GET', '/api/alerts', TOKENS.operator)).status).toBe(401);
    expect(lines.some((l) => /^tokens: reloaded .*\(SIGHUP\)/.test(l))).toBe(true);

    writeFileSync(file, JSON.stringify({ tokens: [{ name: 'a', role: 'wall' }] }));
    expect(hub.reloadTokens()).toBe(false);
    expect(lines.some((l) => /\(SIGHUP\) refused.*tokens\[0\]: give exactly one of token, sha256/.test(l))).toBe(true);
    expect((await api(hub.url, 'GET', '/api/alerts', TOKENS.editor)).status).toBe(200);
  });
});

describe('tokens given as options', () => {
  it('have no file to reload: reloadTokens says so and changes nothing', async () => {
    const lines: string[] = [];
    const hub = await testHub({ log: (m) => void lines.push(m) });
    try {
      expect(hub.reloadTokens()).toBe(false);
      expect(lines.join('\n')).toMatch(/nothing to reload/);
      expect((await api(hub.url, 'GET', '/api/alerts', TOKENS.operator)).status).toBe(200);
    } finally {
      await hub.cleanup();
    }
  });
});
