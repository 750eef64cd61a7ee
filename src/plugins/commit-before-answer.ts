/**
 * Commit-before-answer: a 2xx means the change is stored. In grouped commit mode a request's
 * writes sit in an open SQLite transaction until the group commits (db/client.ts); its answer is
 * held here (onSend) until every group it may have written into has committed. When such a group
 * failed, a 2xx answer of a writing method becomes the catalogue's 503 for the storage fault
 * (storage full, read-only, I/O error): nothing of it stayed. GET/HEAD answers are sent as they
 * are, so reads keep being served while the disk is full. In per-request mode the commit happens
 * inside the request, and a failure reaches the error handler directly.
 *
 * Conservative by design: a writing request whose lifetime overlaps a failed group is answered
 * 503 even when its own writes went into an earlier group that committed (a retry is harmless).
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { CommitLedger } from '../db/client.js'
import { StorageFailed, storageError } from '../domain/shared/errors.js'
import { brazeErrorBody } from './error-handler.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** the commit ledger's mark when the request arrived */
    commitMark: number
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

function failed (request: FastifyRequest, reply: FastifyReply, err: Error, payload: unknown): unknown {
  if (READS.has(request.method) || reply.statusCode >= 300) return payload
  const e = storageError((err as { code?: unknown }).code) ?? new StorageFailed()
  request.log.error({ err: { message: err.message, code: (err as { code?: unknown }).code } }, 'commit failed; answering 503')
  reply.code(e.statusCode).type('application/json; charset=utf-8')
  return JSON.stringify(brazeErrorBody(e))
}

export default fp<{ commits: CommitLedger }>(async (app, { commits }) => {
  app.decorateRequest('commitMark', 0)
  app.addHook('onRequest', (request, _reply, done) => {
    request.commitMark = commits.mark()
    done()
  })
  app.addHook('onSend', (request, reply, payload, done) => {
    const pending = commits.settled(request.commitMark)
    if (pending === undefined) { done(null, payload); return }
    if (pending instanceof Error) { done(null, failed(request, reply, pending, payload)); return }
    pending.then((err) => done(null, err === undefined ? payload : failed(request, reply, err, payload)), (err: Error) => done(err))
  })
}, { name: 'commit-before-answer' })
