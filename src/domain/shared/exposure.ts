/**
 * Safe when exposed (issue 13): which listen addresses are loopback, what starting on another one
 * requires, and which callback URLs the fake may call. Pure, so it is unit-tested without sockets.
 */
export function isLoopbackHost (host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1'
}

export interface ExposureCheck {
  /** printed at start when the fake listens beyond loopback */
  warning?: string
  /** why the fake refuses to start */
  refusal?: string
}

export function checkExposure (o: { host: string, controlToken: string | undefined, insecureControlPlane: boolean }): ExposureCheck {
  if (isLoopbackHost(o.host)) return {}
  if (o.controlToken === undefined) {
    if (!o.insecureControlPlane) {
      return {
        refusal: `refusing to listen on ${o.host} (not loopback) without a control token: anyone who reaches it could issue and list keys, ` +
          'take snapshots and reset it. Set --control-token (FAKE_BRAZE_CONTROL_TOKEN), or pass --insecure-control-plane (FAKE_BRAZE_INSECURE_CONTROL_PLANE=true) to accept that.'
      }
    }
    return { warning: `fake-braze listens on ${o.host}, beyond loopback, and its control plane (/_fake, /docs) is open to anyone who reaches it (--insecure-control-plane)` }
  }
  return { warning: `fake-braze listens on ${o.host}, beyond loopback; its control plane (/_fake, /docs) requires Authorization: Bearer <control token>` }
}

/**
 * May the fake POST to this callback URL? Loopback hosts always; others only when the allow-list
 * names the host (or host:port), or holds `*`.
 */
export function isCallbackAllowed (url: string, allow: readonly string[]): boolean {
  let u: URL
  try { u = new URL(url) } catch { return false }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false
  if (isLoopbackHost(u.hostname)) return true
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return allow.some((a) => a === '*' || a.toLowerCase() === host || a.toLowerCase() === u.host.toLowerCase())
}

/** Constant-time comparison of a presented bearer token with the configured one. */
export function tokenMatches (presented: string | undefined, token: string, equal: (a: Uint8Array, b: Uint8Array) => boolean): boolean {
  if (presented === undefined) return false
  const m = /^Bearer\s+(.+)$/i.exec(presented.trim())
  if (m === null) return false
  const a = Buffer.from(m[1]!)
  const b = Buffer.from(token)
  return a.length === b.length && equal(a, b)
}
