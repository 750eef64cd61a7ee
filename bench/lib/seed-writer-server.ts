/**
 * A prototype of the redesign issue 19's seeding target would need (bench/seeding-writer-thread.bench.ts):
 * POST /_fake/workspaces/bench/users served by bare Fastify on the main thread (JSON parsing, the
 * route's zod body schema, the answer), the storing on a second thread with its own SQLite
 * connection (bench/lib/seed-writer-worker.ts), handed over by postMessage (structured clone).
 * Several requests are in flight, so one request's parsing overlaps the previous one's storing.
 * Nothing else of the fake: no auth, journal, hooks or fault injection. Usage: seed-writer-server.ts <port> <db file>
 */
import Fastify from 'fastify'
import { Worker } from 'node:worker_threads'
import { SeedUsersRequestSchema } from '../../src/schemas/users/control/users.js'

// a worker does not inherit tsx's loader: it registers it before importing the TypeScript file
const workerFile = new URL('./seed-writer-worker.ts', import.meta.url).href
const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerFile)}) })`, { eval: true, workerData: { dbPath: process.argv[3] } })
const waiting = new Map<number, (answer: { json?: string, error?: string }) => void>()
let nextId = 0
await new Promise<void>((resolve) => {
  worker.on('message', (m: { ready?: true, id: number, json?: string, error?: string }) => {
    if (m.ready === true) resolve()
    else { waiting.get(m.id)!(m); waiting.delete(m.id) }
  })
})

const app = Fastify({ bodyLimit: 4 * 1024 * 1024 })
app.get('/health', async () => ({ status: 'ok' }))
app.post('/_fake/workspaces/bench/users', async (req, reply) => {
  const parsed = SeedUsersRequestSchema.safeParse(req.body)
  if (!parsed.success) return await reply.code(400).send({ message: 'invalid body' })
  const id = nextId++
  const answer = await new Promise<{ json?: string, error?: string }>((resolve) => {
    waiting.set(id, resolve)
    worker.postMessage({ id, batch: parsed.data.users })
  })
  if (answer.error !== undefined) return await reply.code(409).send({ message: answer.error })
  return await reply.code(201).header('content-type', 'application/json; charset=utf-8').send(answer.json)
})
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2]) })
process.on('SIGTERM', () => { void app.close().then(async () => await worker.terminate()).then(() => process.exit(0)) })
