/**
 * The import rules of DESIGN.md ("Everything imports only downward"), checked by
 * test/architecture/layers.test.ts in `npm test`; run them by hand with
 *   npx depcruise --config .dependency-cruiser.cjs src commands adapters exercises
 *
 * The floors, bottom-up. A file may import its own floor and the floors below it, never one
 * above. src/store keeps generic keyed documents: it knows nothing of machines, so it sits
 * above them only to be below src/scope, and a rule of its own keeps it to src/contracts.
 */
const FLOORS = [
  ['contracts', '^src/contracts/'],
  ['kernel', '^src/kernel/'],
  ['cc', '^src/cc/'],
  ['modules', '^src/modules/'],
  ['userland', '^src/userland/'],
  ['shell', '^src/shell/'],
  ['machine', '^src/machine/'],
  ['store', '^src/store/'],
  ['scope', '^src/scope/'],
  ['teaching', '^src/teaching/'],
  ['exercises', '^exercises/'],
  ['commands', '^commands/'],
  ['app', '^src/app/'],
  ['adapters', '^adapters/'],
];

const upward = FLOORS.slice(0, -1).map(([name, path], i) => ({
  name: `${name}-imports-only-down`,
  comment: `${path} may import only ${FLOORS.slice(0, i).map(([n]) => n).join(', ') || 'nothing of ours'} (DESIGN.md)`,
  severity: 'error',
  from: { path },
  to: { path: FLOORS.slice(i + 1).map(([, p]) => `(${p})`).join('|') },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'contracts-import-nothing-of-ours',
      comment: 'src/contracts is the ground floor: the types every layer shares, importing none of them',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: '^(src|commands|adapters|exercises)/', pathNot: '^src/contracts/' },
    },
    {
      name: 'store-is-generic',
      comment: 'src/store keeps keyed documents; what a document means is src/scope\'s business',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^(src|commands|adapters|exercises)/', pathNot: '^src/(store|contracts)/' },
    },
    {
      name: 'no-platform-below-adapters',
      comment: 'only adapters/ talk to Discord, Slack or a terminal (DESIGN.md)',
      severity: 'error',
      from: { path: '^(src|commands|exercises)/' },
      to: { path: '^node_modules/(discord\\.js|@discordjs|@slack)/|^(node:)?readline(/|$)' },
    },
    {
      name: 'no-circle',
      comment: 'files that import each other load in an order that depends on who came first',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'resolvable',
      comment: 'an import the cruiser cannot follow would hide an arrow',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|test|bench|scripts)/' },
    tsPreCompilationDeps: true,
    moduleSystems: ['cjs', 'es6'],
  },
};
