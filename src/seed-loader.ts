/**
 * Loads a seed file into a built app through the control plane (`POST /_fake/seed`), so `serve
 * --seed`, startFakeBraze({ seed }) and HTTP callers share one validation path and its messages
 * ("body.workspaces.0.users.3.email: …", the path of the first bad field).
 */
import { readFile } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'

export class SeedError extends Error {}

export async function loadSeed (app: FastifyInstance, seed: string | object, source = 'seed'): Promise<void> {
  let payload: string
  if (typeof seed === 'string') {
    source = seed
    try {
      payload = await readFile(seed, 'utf8')
    } catch (err) {
      throw new SeedError(`seed file ${seed}: ${(err as Error).message}`)
    }
  } else {
    payload = JSON.stringify(seed)
  }
  const res = await app.inject({ method: 'POST', url: '/_fake/seed', headers: { 'content-type': 'application/json' }, payload })
  if (res.statusCode !== 201) {
    const message = (res.json() as { message?: string }).message ?? res.body
    throw new SeedError(`${source}: ${message}`)
  }
}
