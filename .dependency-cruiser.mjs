// The server's module boundaries, checked by `npm run lint` (dependency-cruiser). See docs/architecture.md.
//
// 1. No import loop between files (type-only imports included: they are erased, but a loop of types is still
//    a knot for the reader).
// 2. A module is used by others only through its face, `modules/<name>/index.ts`; a table file may be imported
//    for a foreign key or a join. This holds for app.ts, the CLI, the seed and platform/ too.
// 3. Modules are layered: a module may import only modules listed before it. This is what keeps the module
//    graph free of loops (a loop between modules need not be a loop between files). To use a module listed
//    after yours, move one of the two in the list — if the move would make a loop, the design needs a declared
//    event or an extension point instead (docs/architecture.md, "Modules").
// 4. platform/ holds what every module needs and knows no module (it may gather table files for the schema).

import fs from 'node:fs';

/** Bottom to top. Each entry may import the entries before it. Keep in step with docs/architecture.md. */
const layers = JSON.parse(fs.readFileSync(new URL('./server/module-layers.json', import.meta.url), 'utf8'));

const modulePath = (name) => `^server/src/modules/${name}/`;

/** For each module, a rule forbidding imports of the modules above it (inside a module, anything goes). */
const layerRules = layers.map((name, i) => {
  const above = layers.slice(i + 1);
  return above.length === 0
    ? null
    : {
        name: `layer-${name}`,
        comment: `${name} may use only the modules listed before it in server/module-layers.json`,
        severity: 'error',
        from: { path: modulePath(name) },
        to: { path: `^server/src/modules/(${above.join('|')})/` },
      };
}).filter(Boolean);

export default {
  forbidden: [
    {
      name: 'no-import-loop',
      comment: 'Files must not import each other in a loop',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-face-only',
      comment: 'Another module is reached through its index.ts (or a table file), never its internals',
      severity: 'error',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: {
        path: '^server/src/modules/[^/]+/',
        pathNot: ['^server/src/modules/$1/', '/index[.]ts$', '[.]tables[.]ts$'],
      },
    },
    {
      name: 'outside-face-only',
      comment: 'app.ts, bootstrap, the CLI, the seed and platform/ reach a module through its index.ts (or a table file)',
      severity: 'error',
      from: { path: '^server/src/', pathNot: ['^server/src/modules/', '[.]test[.]ts$'] },
      to: { path: '^server/src/modules/[^/]+/', pathNot: ['/index[.]ts$', '[.]tables[.]ts$'] },
    },
    {
      name: 'platform-knows-no-module',
      comment: 'platform/ is below every module: it may only gather table files (db/schema.ts) and name types',
      severity: 'error',
      from: { path: '^server/src/platform/' },
      to: { path: '^server/src/modules/', pathNot: ['[.]tables[.]ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-own-face',
      comment: 'Inside a module, import the file itself, not the module’s own index.ts (that makes loops)',
      severity: 'error',
      from: { path: '^server/src/modules/([^/]+)/', pathNot: ['/index[.]ts$'] },
      to: { path: '^server/src/modules/$1/index[.]ts$' },
    },
    {
      name: 'unknown-module',
      comment: 'Every module folder is listed in server/module-layers.json',
      severity: 'error',
      from: {},
      to: { path: '^server/src/modules/', pathNot: [`^server/src/modules/(${layers.join('|')})/`] },
    },
    ...layerRules,
  ],
  options: {
    includeOnly: '^server/src/',
    exclude: { path: '(^|/)(node_modules|test)/' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    reporterOptions: {
      archi: { collapsePattern: '^server/src/(modules/[^/]+|platform|cli|seed)' },
    },
  },
};
