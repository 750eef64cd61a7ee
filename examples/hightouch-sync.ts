/**
 * A tiny Hightouch-style cohort sync — the code under test in the examples. It names the cohort,
 * then sends membership deltas in requests of at most 1,000 identifiers, retrying 429 and 5xx
 * (and dropped connections) with backoff, honouring Retry-After as Braze asks
 * (braze-docs _docs/_api/api_limits.md; cohort_import.md).
 */
export interface BrazeCohortTarget {
  /** the workspace's REST endpoint, e.g. https://rest.iad-01.braze.com */
  restEndpoint: string
  partner: string
  partnerApiKey: string
  /** the customer's data import key */
  clientSecret: string
}

export interface CohortDelta {
  cohortId: string
  name: string
  createdAt: string
  add: string[]
  remove: string[]
}

export interface SyncOptions {
  maxAttempts?: number
  /** base backoff when no Retry-After is given */
  backoffMs?: number
  sleep?: (ms: number) => Promise<void>
}

export interface SyncReport { requests: number, retries: number }

const RETRYABLE = new Set([408, 423, 429, 500, 502, 503, 504])

export async function syncCohort (target: BrazeCohortTarget, delta: CohortDelta, options: SyncOptions = {}): Promise<SyncReport> {
  const maxAttempts = options.maxAttempts ?? 5
  const backoffMs = options.backoffMs ?? 50
  const sleep = options.sleep ?? (async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const report: SyncReport = { requests: 0, retries: 0 }
  const auth = { partner_api_key: target.partnerApiKey, client_secret: target.clientSecret }

  async function post (path: string, body: unknown): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      report.requests++
      let status = 0
      let retryAfterS: number | undefined
      try {
        const res = await fetch(`${target.restEndpoint}/partners/${target.partner}${path}`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
        })
        status = res.status
        const header = res.headers.get('retry-after')
        retryAfterS = header === null ? undefined : Number(header)
        const text = await res.text()
        if (res.ok) return
        if (!RETRYABLE.has(status)) throw new Error(`Braze answered ${status}: ${text}`)
      } catch (err) {
        if (status !== 0) throw err // a non-retryable answer
        // status 0: the connection failed or was dropped; retry
      }
      if (attempt >= maxAttempts) throw new Error(`gave up after ${attempt} attempts (last status ${status})`)
      report.retries++
      await sleep(retryAfterS !== undefined ? retryAfterS * 1000 : backoffMs * 2 ** (attempt - 1))
    }
  }

  await post('/cohorts', { ...auth, cohort_id: delta.cohortId, name: delta.name, created_at: delta.createdAt })
  const changes = [...chunks(delta.add, 1000).map((ids) => ({ user_ids: ids })), ...chunks(delta.remove, 1000).map((ids) => ({ user_ids: ids, should_remove: true }))]
  for (const change of changes) await post('/cohorts/users', { ...auth, cohort_id: delta.cohortId, cohort_changes: [change] })
  return report
}

function chunks<T> (items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
