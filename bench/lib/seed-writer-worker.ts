/**
 * The writer thread of bench/lib/seed-writer-server.ts: its own connection to the file database and
 * the fake's own seeding service, one transaction a request (UserService.seed), answering with the
 * 201's JSON text, which a thread hands over as one string copy.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { testConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { createControllableClock } from '../../src/domain/shared/clock.js'
import type { SeedUser } from '../../src/domain/users/user-service.js'
import { createServices } from '../../src/plugins/services.js'
import { createWorkspaceRepository } from '../../src/repositories/workspaces/workspace-repository.js'

const handle = openDatabase((workerData as { dbPath: string }).dbPath, { commitMode: 'per-request' })
runMigrations(handle.db)
createWorkspaceRepository(handle).insert({ id: 'bench', name: 'bench', cluster: 'iad-01', createdAt: Date.now() })
const users = createServices(handle, testConfig(), createControllableClock()).users

parentPort!.on('message', ({ id, batch }: { id: number, batch: SeedUser[] }) => {
  try {
    parentPort!.postMessage({ id, json: JSON.stringify({ users: users.seed('bench', batch) }) })
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message })
  }
})
parentPort!.postMessage({ ready: true })
