/**
 * Cluster routing: one process stands in for every Braze cluster. The cluster of a request
 * comes from a path prefix naming a REST host (`/rest.fra-01.braze.eu/partners/…`, for clients
 * that take a base URL), else from a Host header that is a Braze REST host, else the default.
 */
import type { IncomingMessage } from 'node:http'
import fp from 'fastify-plugin'
import { clusterForRestHost, findCluster, looksLikeRestHost, type ClusterDefinition } from '../domain/shared/clusters.js'
import { UnknownCluster } from '../domain/shared/errors.js'

const prefixed = new WeakMap<IncomingMessage, string>()

/** Fastify's rewriteUrl: strips a `/rest.<cluster>.braze.<tld>` prefix and remembers it. */
export function rewriteClusterPrefix (req: IncomingMessage): string {
  const url = req.url ?? '/'
  const m = /^\/(rest\.[^/?#]+)(\/[^?#]*)?(.*)$/.exec(url)
  if (m === null || !looksLikeRestHost(m[1]!)) return url
  prefixed.set(req, m[1]!)
  return `${m[2] ?? '/'}${m[3] ?? ''}`
}

declare module 'fastify' {
  interface FastifyRequest {
    cluster: ClusterDefinition
    /**
     * true when the request named its cluster (path prefix or Braze Host). A request that names
     * none is served on the cluster of the credentials it carries (see the README, "clusters").
     */
    clusterNamed: boolean
  }
}

export default fp<{ defaultCluster: string }>(async (app, opts) => {
  const fallback = findCluster(opts.defaultCluster)
  if (fallback === undefined) throw new Error(`Unknown default cluster ${opts.defaultCluster}`)
  app.decorateRequest('cluster', null as unknown as ClusterDefinition)
  app.decorateRequest('clusterNamed', false)
  // callback-style: an async hook costs a promise and a microtask per request
  app.addHook('onRequest', (request, _reply, done) => {
    const host = prefixed.get(request.raw) ?? (looksLikeRestHost(request.hostname) ? request.hostname : undefined)
    if (host === undefined) {
      request.cluster = fallback
      done()
      return
    }
    request.clusterNamed = true
    const cluster = clusterForRestHost(host)
    if (cluster === undefined) {
      request.cluster = fallback
      done(new UnknownCluster(host))
      return
    }
    request.cluster = cluster
    done()
  })
}, { name: 'cluster' })
