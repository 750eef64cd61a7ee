/**
 * Test helper for domain services without HTTP: a migrated in-memory database, a clock the test
 * moves, and workspace `w1` made through the workspace service as the control plane makes it.
 */
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { createWorkspaceService } from '../../src/domain/workspaces/workspace-service.js'
import { createTransactionRunner } from '../../src/repositories/shared/transaction.js'
import { createUserRepository } from '../../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../../src/repositories/workspaces/workspace-repository.js'

export function domainWorkspace (t: { after: (fn: () => void) => void }) {
  const handle: DatabaseHandle = openDatabase(':memory:')
  t.after(() => handle.close())
  runMigrations(handle.db)
  let now = Date.parse('2026-11-28T12:00:00Z')
  const clock = { now: () => now }
  const transaction = createTransactionRunner(handle)
  const users = createUserRepository(handle)
  const workspaceRepo = createWorkspaceRepository(handle)
  const ws = createWorkspaceService({ workspaces: workspaceRepo, stores: [users, workspaceRepo], transaction, clock, defaultCluster: 'iad-01' })
    .create({ id: 'w1' }, 'http://127.0.0.1:4000')
  return { handle, clock, transaction, users, workspaceRepo, ws, workspacePk: workspaceRepo.findById(ws.id)!.pk, tick: (ms: number) => { now += ms } }
}
