/**
 * The layer and surface rules of src/ (README "Layout"), checked by `npm run lint:deps` inside `npm test`.
 * Layers, top to bottom: routes → domain → repositories → db. Surfaces (partners, users, segments,
 * toolkit, workspaces, …) have the same name in every layer; `shared/` holds what every surface uses.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const LAYERS = '(domain|repositories|routes|schemas)'
/** The seed/snapshot loader spans every surface by design (one transaction restores a whole workspace). */
const SEED = ['^src/domain/toolkit/seed/', '^src/repositories/toolkit/seed-repository[.]ts$', '^src/schemas/toolkit/control/seed[.]ts$']
module.exports = {
  forbidden: [
    {
      name: 'db-is-the-bottom',
      comment: 'src/db holds drizzle tables and the connection: it imports nothing of the layers above it.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(domain|repositories|routes|schemas|plugins|client)/' }
    },
    {
      name: 'repositories-import-only-db',
      comment: 'Repositories are the only drizzle code; they never reach up into services, routes or wire schemas.',
      severity: 'error',
      from: { path: '^src/repositories/' },
      to: { path: '^src/(domain|routes|schemas|plugins|client)/' }
    },
    {
      name: 'domain-never-imports-http',
      comment: 'Domain rules are pure and unit-tested without HTTP: no routes, plugins or wire schemas.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(routes|schemas|plugins|client)/' }
    },
    {
      name: 'domain-uses-db-types-only',
      comment: 'Only repositories touch drizzle; the domain may name row types (import type) but not run queries.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '(^src/db/)|(node_modules/(drizzle-orm|better-sqlite3)/)', dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'routes-never-import-repositories',
      comment: 'Routes stay thin: they call services (app.services), never repositories or the database.',
      severity: 'error',
      from: { path: '^src/(routes|schemas)/' },
      to: { path: '^src/(repositories|db)/' }
    },
    {
      name: 'schemas-are-wire-only',
      comment: 'Wire schemas describe Braze\'s JSON; they may use domain constants, never routes or plugins.',
      severity: 'error',
      from: { path: '^src/schemas/' },
      to: { path: '^src/(routes|plugins)/' }
    },
    {
      name: 'surfaces-meet-through-services',
      comment: 'A surface uses another surface only through its service (a *-service.ts module) or shared/, ' +
        'never its routes, wire schemas or private helpers. Published exceptions: the export object both ' +
        'exports build (users/export), the reachability rules messaging applies (subscriptions/reachability), and the ' +
        'seed/snapshot loader, which restores every surface in one transaction.',
      severity: 'error',
      from: { path: `^src/${LAYERS}/([^/]+)/`, pathNot: SEED },
      to: {
        path: '^src/(domain|routes|schemas)/',
        pathNot: [`^src/${LAYERS}/$2/`, `^src/${LAYERS}/shared/`, '^src/domain/.+-service[.]ts$', '^src/domain/users/export/user-export-(object|builder)[.]ts$', '^src/domain/subscriptions/reachability[.]ts$']
      }
    },
    {
      name: 'repositories-stay-in-their-surface',
      comment: 'Another surface\'s repository is never imported at run time: plugins/services.ts is the one place that ' +
        'hands a repository to a service, and a service names such a port by type only (import type).',
      severity: 'error',
      from: { path: `^src/${LAYERS}/([^/]+)/`, pathNot: SEED },
      to: { path: '^src/repositories/', pathNot: ['^src/repositories/$2/', '^src/repositories/shared/'], dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'repositories-never-call-each-other-across-surfaces',
      severity: 'error',
      from: { path: '^src/repositories/([^/]+)/', pathNot: SEED },
      to: { path: '^src/repositories/', pathNot: ['^src/repositories/$1/', '^src/repositories/shared/'] }
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] }
  }
}
