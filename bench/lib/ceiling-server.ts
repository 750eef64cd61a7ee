/**
 * The no-database ceiling: bare Fastify answering the cohort endpoints' 201 after parsing the
 * JSON body, with no validation and no storage. Usage: ceiling-server.ts <port>
 */
import Fastify from 'fastify'

const app = Fastify({ bodyLimit: 1024 * 1024 })
app.get('/health', async () => ({ status: 'ok' }))
app.post('/partners/:partner/cohorts/users', async (_req, reply) => reply.code(201).send({ message: 'success' }))
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2]) })
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
