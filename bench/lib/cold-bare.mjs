// The same sequence with a bare Fastify app: import, listen on a free port, one request.
import Fastify from 'fastify'
const app = Fastify()
app.post('/_fake/workspaces', async (request, reply) => reply.code(201).send({ id: 'w' }))
await app.listen({ port: 0, host: '127.0.0.1' })
const res = await fetch(`http://127.0.0.1:${app.server.address().port}/_fake/workspaces`, { method: 'POST' })
await res.text()
process.stdout.write(`answered ${res.status} after ${performance.now().toFixed(1)} ms\n`)
await app.close()
