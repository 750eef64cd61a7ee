/**
 * The no-database ceiling: bare Fastify answering the cohort endpoints', /users/track's and
 * control-plane seeding's 201 after parsing the JSON body, with no validation and no storage. Usage: ceiling-server.ts <port> [work-µs]
 * A work-µs > 0 spins the CPU that long per request: the calibration rows of the cohort
 * benchmark, which show how much per-request work this machine's ceiling leaves room for.
 */
import Fastify from 'fastify'

const workMs = Number(process.argv[3] ?? 0) / 1000
const app = Fastify({ bodyLimit: 4 * 1024 * 1024 })
app.get('/health', async () => ({ status: 'ok' }))
app.post('/partners/:partner/cohorts/users', async (_req, reply) => {
  if (workMs > 0) for (const until = performance.now() + workMs; performance.now() < until;);
  return reply.code(201).send({ message: 'success' })
})
// /users/track and /users/track/bulk (the floors benchmark): parse the body, answer as Braze does.
app.post('/users/track', async (_req, reply) => await reply.code(201).send({ message: 'success' }))
app.post('/users/track/bulk', async (_req, reply) => await reply.code(201).send({ message: 'success' }))
// Control-plane seeding (bench/floors-seeding.bench.ts): the fake answers with every seeded user;
// echoing the users sent is the least a server can answer with (the fake adds braze_id and created_at).
app.post('/_fake/workspaces/:id/users', async (req, reply) => await reply.code(201).send({ users: (req.body as { users: unknown[] }).users }))
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2]) })
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
