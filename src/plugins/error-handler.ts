/**
 * The single error handler: every failure leaves in Braze's envelope `{"message": …}` with
 * Content-Type application/json, whatever raised it (a catalogue error, a zod validation
 * failure, a body-parser error, or a bug). Messages of 4xx errors are not logged, because some
 * Braze texts echo a secret ("Partner not enabled for client with client secret: …").
 */
import type { IncomingMessage } from 'node:http'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { realSocket } from './real-socket.js'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import {
  BadRequest, BodyParseError, BodyTooDeep, BodyTooLarge, BrazeError, BrazeUnsupportedMediaType, EmptyBody, Internal, InvalidJson, NotFoundUrl, UnsupportedMediaType, storageError
} from '../domain/shared/errors.js'
import { maskText, requestSecrets } from '../domain/shared/secrets.js'
import { jsonDepthExceeds, MAX_BODY_DEPTH } from '../domain/shared/leniency.js'
import { brazeIssueText } from '../schemas/shared/leniency.js'

/** Phrases of zod's own messages: none may reach a client. */
export const SCHEMA_LIBRARY_WORDING = /Invalid input|expected .* received|Too (big|small)|Unrecognized keys?|Invalid (option|element|key|union|string|number|type|discriminator)|received (null|undefined|string|number|array|object|boolean)/i

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * A body error (malformed JSON, wrong Content-Type) held back until the REST key has been
     * checked: Braze authenticates first, so a bad key is a 401 whatever the body is.
     */
    deferredBodyError: BrazeError | undefined
  }
}

/** The Braze surface answers body errors with Braze's current texts; /_fake keeps texts that name the problem. */
function isControlPlane (url: string): boolean {
  return url.startsWith('/_fake')
}

/**
 * REST endpoints authenticate by header (or legacy `api_key`) before the body, so their body
 * errors wait for the key check. Partner endpoints carry their keys in the body: they cannot.
 */
function defersBodyErrors (url: string): boolean {
  return !isControlPlane(url) && !url.startsWith('/partners/') && !url.startsWith('/docs')
}

export function toBrazeError (err: FastifyError, request: FastifyRequest, bodyLimit: number): BrazeError {
  if (err instanceof BrazeError) return err
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0]
    const path = (first?.instancePath ?? '').split('/').filter((s) => s !== '')
    const part = err.validationContext ?? 'body'
    // Texts come from the schemas (Braze's own) or the validator (plugins/validator.ts); a text in
    // a schema library's wording that slipped through anyway is replaced by one naming the field.
    const raw = first?.message ?? 'Invalid request'
    const message = !SCHEMA_LIBRARY_WORDING.test(raw)
      ? raw
      : isControlPlane(request.url) ? 'is not valid' : brazeIssueText({ code: 'custom', path: path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)) }, part)
    // Braze routes carry Braze's own texts; control-plane messages name the field.
    if (isControlPlane(request.url)) return new BadRequest(`${[part, ...path].join('.')}: ${message}`)
    return new BadRequest(message)
  }
  const braze = !isControlPlane(request.url)
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      if (braze) return new BrazeUnsupportedMediaType()
      return new UnsupportedMediaType(request.headers['content-type'] ?? '(none)')
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new BodyTooLarge(bodyLimit)
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return braze ? new BodyParseError() : new EmptyBody()
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return braze ? new BodyParseError() : new InvalidJson(err.message)
  }
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return braze ? new BodyParseError() : new InvalidJson(err.message)
  const storage = storageError(err.code)
  if (storage !== undefined) return storage
  const status = err.statusCode ?? 500
  if (status >= 400 && status < 500) return new BrazeError(err.code ?? 'FAKE_CLIENT_ERROR', status, err.message)
  return new Internal()
}

export function sendBrazeError (reply: FastifyReply, e: BrazeError): FastifyReply {
  return reply.code(e.statusCode).headers(e.headers).type('application/json; charset=utf-8').send(brazeErrorBody(e))
}

/** Braze's envelope of a catalogue error. */
export function brazeErrorBody (e: BrazeError): Record<string, unknown> {
  return { message: e.message, ...e.body }
}

/** At most this much of an oversized body is read and discarded before the 413 (beyond, the socket is closed unread). */
const DRAIN_TIMEOUT_MS = 10_000

/**
 * Calls `then` once the rest of the request body has been read and thrown away, so the 413 that
 * follows reaches the client instead of a TCP reset: closing a socket with unread data makes the
 * kernel answer RST, and a client still writing its body may never see the response.
 */
function afterBodyDiscarded (raw: IncomingMessage, cap: number, then: () => void): void {
  if (raw.complete || raw.readableEnded || raw.destroyed) { then(); return }
  let seen = 0
  let done = false
  const finish = (): void => {
    if (done) return
    done = true
    clearTimeout(timer)
    raw.off('data', onData)
    raw.off('end', finish)
    raw.off('error', finish)
    raw.off('close', finish)
    then()
  }
  const onData = (chunk: Buffer): void => { seen += chunk.length; if (seen > cap) finish() }
  const timer = setTimeout(finish, DRAIN_TIMEOUT_MS)
  raw.on('data', onData)
  raw.once('end', finish)
  raw.once('error', finish)
  raw.once('close', finish)
  raw.resume()
}

export default fp<{ bodyLimit: number }>(async (app, opts) => {
  const drainCap = Math.max(64 * 1024 * 1024, 8 * opts.bodyLimit)
  app.decorateRequest('deferredBodyError', undefined)
  // JSON bodies: Fastify's own parser (prototype poisoning refused), but on REST endpoints a
  // parse failure is held back (request.deferredBodyError) until the key has been checked.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // Hostile bodies stop here, before JSON.parse and any recursive code: one scan of the text.
    if (jsonDepthExceeds(body as string, MAX_BODY_DEPTH)) {
      const e = new BodyTooDeep(MAX_BODY_DEPTH)
      if (!defersBodyErrors(request.url)) { done(e, undefined); return }
      request.deferredBodyError = e
      done(null, undefined)
      return
    }
    parseJson(request, body as string, (err, parsed) => {
      if (err === null || !defersBodyErrors(request.url)) { done(err, parsed); return }
      request.deferredBodyError = new BodyParseError()
      done(null, undefined)
    })
  })
  // Any other Content-Type (or none, with a body) is 415; REST endpoints answer it after the key check.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, _body, done) => {
    const e = isControlPlane(request.url)
      ? new UnsupportedMediaType(request.headers['content-type'] ?? '(none)')
      : new BrazeUnsupportedMediaType()
    if (!defersBodyErrors(request.url)) { done(e, undefined); return }
    request.deferredBodyError = e
    done(null, undefined)
  })
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const e = toBrazeError(err, request, opts.bodyLimit)
    if (e instanceof BodyTooLarge && realSocket(request) !== undefined) { // inject() has no socket to drain
      return new Promise<FastifyReply>((resolve) => afterBodyDiscarded(request.raw, drainCap, () => resolve(sendBrazeError(reply, e))))
    }
    if (e.statusCode >= 500) {
      // The error's text may quote a value of the request: it passes the one masking function first.
      const secrets = requestSecrets(request.body, request.headers.authorization, request.url)
      request.log.error({ err: { type: err.name, code: err.code, message: maskText(err.message, secrets), ...(!isResponseSerializationError(err) && { stack: maskText(err.stack ?? '', secrets) }) } }, 'request failed')
    } else {
      request.log.debug({ code: e.code, status: e.statusCode }, 'request rejected')
    }
    return sendBrazeError(reply, e)
  })
  app.setNotFoundHandler((request, reply) => sendBrazeError(reply, new NotFoundUrl()))
}, { name: 'error-handler' })
