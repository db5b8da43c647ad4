/**
 * The floor plan: which room of src/ may import which. The one place the allowed arrows are
 * written; `npm test` checks them (test/architecture/layers.test.ts runs dependency-cruiser once
 * over src/) and the README's architecture section draws them.
 *
 * A room may import itself and the rooms listed for it, nothing else in src/. Type-only imports
 * count: a type needed the wrong way round lives in the wrong room. Tests (*.test.ts) are outside
 * the plan: they may reach into any room to check it, but they are still part of the circle check.
 */

/** Rooms, most specific first: a file belongs to the first room whose folder holds it. */
const ROOMS = {
  core: [],
  'core/wall': [],
  'core/automation': ['core/wall'],
  'core/files': ['core/wall', 'core/automation'],
  'core/displays': ['core/wall'],
  'core/protocol': ['core/wall', 'core/files', 'core/automation'],
  'core/page': ['core/wall', 'core/displays', 'core/protocol'],
  'core/kiosk': ['core/wall', 'core/displays', 'core/protocol', 'core/page'],
  'core/demo': ['core/wall', 'core/protocol'],
  node: ['core'],
  'renderer/net': ['core'],
  'renderer/widgets': ['core', 'renderer'],
  renderer: ['core', 'renderer/net', 'renderer/widgets'],
  preload: ['core'],
  main: ['core', 'node'],
  shell: ['core', 'node'],
  'hub/storage': ['core'],
  'hub/demo': ['core', 'node', 'hub'],
  hub: ['core', 'node', 'hub/storage'],
  console: ['core'],
  cli: ['core', 'node', 'hub', 'shell'],
};

/** npm packages a room may use besides Node's own modules (where the room runs in Node). */
const BROWSER_ONLY = ['renderer', 'console', 'preload'];

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const folder = (room) => `^src/${esc(room)}/`;
const names = Object.keys(ROOMS);

/** The rooms inside a room (`hub/demo` inside `hub`): they are not part of it. */
const subRooms = (room) => names.filter((n) => n !== room && n.startsWith(`${room}/`));

/** A room's own files, its sub-rooms left out. */
function ownPattern(room) {
  const inner = subRooms(room).map((r) => `${esc(r.slice(room.length + 1))}/`);
  return inner.length ? `^src/${esc(room)}/(?!${inner.join('|')})` : folder(room);
}

/** What a room's files may import: the room itself and the rooms listed for it, with theirs. */
function allowedPattern(room) {
  return [ownPattern(room), ...ROOMS[room].map(folder)].join('|');
}

function ownFiles(room) {
  return { path: ownPattern(room), pathNot: '\\.test\\.ts$' };
}

const roomRules = names.map((room) => ({
  name: `room:${room}`,
  comment: `src/${room} may import only ${[room, ...ROOMS[room]].map((r) => `src/${r}`).join(', ')}`,
  severity: 'error',
  from: ownFiles(room),
  to: { path: '^src/', pathNot: allowedPattern(room) },
}));

module.exports = {
  forbidden: [
    ...roomRules,
    {
      name: 'no-circular',
      comment: 'no import circle anywhere in src/, type-only imports included',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'src/core runs anywhere: no Node modules, no browser or Electron packages',
      severity: 'error',
      from: { path: '^src/core/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-packages',
      comment: 'src/core uses only pure libraries: yaml, ajv, ajv-formats, @noble/hashes (audited SHA-256, no Node or DOM)',
      severity: 'error',
      from: { path: '^src/core/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['npm', 'npm-dev'], pathNot: 'node_modules/(yaml|ajv|ajv-formats|@noble/hashes)/' },
    },
    {
      name: 'browser-has-no-node',
      comment: 'the wall page, the console and the preload run in Chromium: no Node modules',
      severity: 'error',
      from: { path: `^src/(${BROWSER_ONLY.join('|')})/`, pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'], pathNot: '^electron$' },
    },
    {
      name: 'widgets-off-the-network',
      comment: 'widgets never touch the network: data reaches them through the store',
      severity: 'error',
      from: { path: '^src/renderer/widgets/', pathNot: '\\.test\\.ts$' },
      to: { path: 'node_modules/(socket\\.io-client|engine\\.io-client)/|^src/renderer/(net|session)/' },
    },
    {
      name: 'store-below-widgets',
      comment: 'the page store is below the widgets: src/renderer/store.ts never imports src/renderer/widgets/',
      severity: 'error',
      from: { path: '^src/renderer/store\\.ts$' },
      to: { path: '^src/renderer/widgets/' },
    },
    {
      name: 'one-hub-path',
      comment: 'the hub link is the wall client (src/renderer/net): nothing else in the page opens a socket',
      severity: 'error',
      from: { path: '^src/renderer/', pathNot: '^src/renderer/net/' },
      to: { path: 'node_modules/(socket\\.io-client|engine\\.io-client)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is not followed (doNotFollow) but kept as the end of an edge: excluding it
    // dropped every import of a package, and with them the rules on packages (core-packages, widgets-off-the-network, one-hub-path).
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
