/**
 * `--control-token`: when set, the control plane (/_fake) and Swagger UI (/docs) answer only
 * requests with `Authorization: Bearer <token>`. Export downloads (`/_fake/exports/…`) stay open:
 * their unguessable URL is the credential, as Braze's pre-signed S3 URLs are, and REST clients
 * fetch them without the token. Braze endpoints are untouched.
 */
import { timingSafeEqual } from 'node:crypto'
import fp from 'fastify-plugin'
import { ControlTokenRequired } from '../domain/shared/errors.js'
import { tokenMatches } from '../domain/shared/exposure.js'

export function needsControlToken (url: string): boolean {
  return (url.startsWith('/_fake') && !url.startsWith('/_fake/exports/')) || url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?')
}

export default fp<{ token: string | undefined }>(async (app, { token }) => {
  if (token === undefined) return
  app.addHook('onRequest', (request, _reply, done) => {
    if (needsControlToken(request.url) && !tokenMatches(request.headers.authorization, token, timingSafeEqual)) {
      done(new ControlTokenRequired())
      return
    }
    done()
  })
}, { name: 'control-auth' })
