/**
 * The README's walkthrough (steps 1-13: the documented Hightouch cohort flow, the segment with the
 * "Hightouch Cohorts" filter, the segment export and the campaign sent to it), driven over real HTTP
 * against a running fake: the container image's test, the Node-version smoke (scripts/smoke-node.sh)
 * and the Testcontainers example use it. Each step asserts what the README says it answers.
 * One addition: user-1 gets an email and a first name through /users/track before the send, so the
 * outbox holds a rendered (Liquid) email and not only "no_address" skips.
 */
import assert from 'node:assert/strict'
import { inflateRawSync } from 'node:zlib'

export interface WalkthroughResult {
  workspace: string
  restKey: string
  cohortMembers: string[]
  segmentTotal: number
  exportedLines: number
  renderedSubject: string
}

const PARTNER_KEY = 'fake-hightouch-us-partner-api-key'

export function client (base: string, controlToken?: string) {
  const url = base.replace(/\/$/, '')
  return async function call (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number, json: any }> {
    const control: Record<string, string> = path.startsWith('/_fake') && controlToken !== undefined ? { authorization: `Bearer ${controlToken}` } : {}
    const json: Record<string, string> = body !== undefined ? { 'content-type': 'application/json' } : {}
    const res = await fetch(path.startsWith('http') ? path : url + path, {
      method,
      headers: { ...json, ...control, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000)
    })
    const text = await res.text()
    let parsed: unknown = text
    try { parsed = JSON.parse(text) } catch {}
    return { status: res.status, json: parsed }
  }
}

/** The first file of a zip (stored or deflated), enough for the segment export fflate writes. */
function firstZipEntry (zip: Buffer): string {
  assert.equal(zip.readUInt32LE(0), 0x04034b50, 'a zip file')
  const method = zip.readUInt16LE(8)
  const size = zip.readUInt32LE(18)
  const start = 30 + zip.readUInt16LE(26) + zip.readUInt16LE(28)
  const data = zip.subarray(start, start + size)
  return (method === 0 ? data : inflateRawSync(data)).toString('utf8')
}

export async function runWalkthrough (base: string, options: { controlToken?: string, workspace?: string } = {}): Promise<WalkthroughResult> {
  const call = client(base, options.controlToken)
  const ws = options.workspace ?? 'acme'
  const importKey = `${ws}-hightouch-key`
  let r = await call('POST', '/_fake/workspaces', { id: ws, cluster: 'iad-01' })
  assert.equal(r.status, 201, JSON.stringify(r.json))
  r = await call('POST', `/_fake/workspaces/${ws}/partners/hightouch/data-import-keys`, { key: importKey })
  assert.equal(r.status, 201, JSON.stringify(r.json))
  r = await call('POST', `/_fake/workspaces/${ws}/users`, { users: [{ external_id: 'user-1' }, { external_id: 'user-2' }, { device_ids: ['anon-device'] }] })
  assert.equal(r.status, 201, JSON.stringify(r.json))
  r = await call('POST', '/partners/hightouch/cohorts', { partner_api_key: PARTNER_KEY, client_secret: importKey, cohort_id: 'vip-buyers', name: 'VIP buyers', created_at: '2026-11-28T12:00:00Z' })
  assert.deepEqual([r.status, r.json], [201, { message: 'success' }])
  r = await call('POST', '/partners/hightouch/cohorts/users', {
    partner_api_key: PARTNER_KEY,
    client_secret: importKey,
    cohort_id: 'vip-buyers',
    cohort_changes: [{ user_ids: ['user-1', 'user-2', 'ghost'] }, { device_ids: ['anon-device'] }]
  })
  assert.deepEqual([r.status, r.json], [201, { message: 'success' }])
  r = await call('POST', '/partners/hightouch/cohorts/users', { partner_api_key: PARTNER_KEY, client_secret: 'wrong', cohort_id: 'vip-buyers', cohort_changes: [] })
  assert.deepEqual([r.status, r.json], [401, { message: 'Invalid client secret' }])
  r = await call('GET', `/_fake/workspaces/${ws}/cohorts?partner=hightouch`)
  assert.equal(r.json.cohorts[0].member_count, 3)
  r = await call('GET', `/_fake/workspaces/${ws}/partners/hightouch/cohorts/vip-buyers/members`)
  const cohortMembers = (r.json.members as Array<{ external_id?: string, device_ids?: string[] }>).map((m) => m.external_id ?? m.device_ids![0]!)
  assert.deepEqual(cohortMembers, ['user-1', 'user-2', 'anon-device'])

  r = await call('GET', `/_fake/workspaces/${ws}/segment-filters`)
  assert.deepEqual(r.json.filters[0].cohorts, [{ cohort_id: 'vip-buyers', name: 'VIP buyers' }])
  r = await call('POST', `/_fake/workspaces/${ws}/segments`, {
    id: 'vip', name: 'VIP buyers', tags: ['hightouch'], description: 'winback audience',
    filter: { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip-buyers' }
  })
  assert.deepEqual([r.status, r.json.size, r.json.filter_description], [201, 3, 'Hightouch Cohorts includes "VIP buyers"'])
  r = await call('GET', `/_fake/workspaces/${ws}/segments/vip/members`)
  assert.equal(r.json.total, 3)
  r = await call('POST', `/_fake/workspaces/${ws}/rest-api-keys`, {})
  assert.equal(r.status, 201, JSON.stringify(r.json))
  const restKey = r.json.key as string
  const rest = { authorization: `Bearer ${restKey}` }
  r = await call('GET', '/segments/list', undefined, rest)
  assert.deepEqual(r.json.segments.map((s: { name: string }) => s.name), ['VIP buyers'])
  r = await call('GET', '/segments/details?segment_id=vip', undefined, rest)
  assert.deepEqual([r.json.message, r.json.text_description], ['success', 'winback audience'])
  r = await call('GET', '/segments/data_series?segment_id=vip&length=7', undefined, rest)
  assert.equal(r.status, 200, JSON.stringify(r.json))
  r = await call('POST', '/users/export/segment', { segment_id: 'vip', fields_to_export: ['external_id', 'braze_id', 'email'] }, rest)
  assert.equal(r.status, 201, JSON.stringify(r.json))
  const exportUrl = r.json.url as string
  let zip: Response | undefined
  for (let i = 0; i < 100; i++) {
    zip = await fetch(exportUrl)
    if (zip.status === 200) break
    await zip.body?.cancel()
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  assert.equal(zip!.status, 200)
  const exportedLines = firstZipEntry(Buffer.from(await zip!.arrayBuffer())).trim().split('\n').length

  r = await call('POST', '/users/track', { attributes: [{ external_id: 'user-1', email: 'one@example.com', first_name: 'Ann' }] }, rest)
  assert.equal(r.status, 201, JSON.stringify(r.json))
  r = await call('POST', `/_fake/workspaces/${ws}/campaigns`, {
    id: 'winback', name: 'Win-back', kind: 'api_triggered', segment_id: 'vip',
    messages: [{ id: 'winback-email', channel: 'email', from: 'Shop <shop@example.com>', subject: 'We miss you, {{${first_name} | default: "friend"}}', body: '{{api_trigger_properties.${discount}}} off' }]
  })
  assert.equal(r.status, 201, JSON.stringify(r.json))
  r = await call('POST', '/campaigns/trigger/send', { campaign_id: 'winback', broadcast: true, trigger_properties: { discount: '20%' } }, rest)
  assert.deepEqual([r.status, r.json.message], [201, 'success'])
  r = await call('GET', `/_fake/workspaces/${ws}/messages?campaign_id=winback`)
  const sent = (r.json.messages as Array<Record<string, any>>).filter((m) => m.status !== 'skipped')
  assert.equal(sent.length, 1, JSON.stringify(r.json))
  const renderedSubject = JSON.stringify(sent[0]).match(/We miss you, [A-Za-z]+/)?.[0] ?? ''
  assert.equal(renderedSubject, 'We miss you, Ann', JSON.stringify(sent[0]))
  assert.match(JSON.stringify(sent[0]), /20% off/)
  return { workspace: ws, restKey, cohortMembers, segmentTotal: 3, exportedLines, renderedSubject }
}

/** After a restart on the same database: what the walkthrough stored is still there. */
export async function assertWalkthroughKept (base: string, options: { controlToken?: string, workspace?: string, restKey: string }): Promise<void> {
  const call = client(base, options.controlToken)
  const ws = options.workspace ?? 'acme'
  let r = await call('GET', `/_fake/workspaces/${ws}/partners/hightouch/cohorts/vip-buyers/members`)
  assert.equal(r.status, 200, JSON.stringify(r.json))
  assert.equal(r.json.members.length, 3)
  r = await call('GET', `/_fake/workspaces/${ws}/segments/vip/members`)
  assert.equal(r.json.total, 3)
  r = await call('GET', '/segments/details?segment_id=vip', undefined, { authorization: `Bearer ${options.restKey}` })
  assert.deepEqual([r.status, r.json.name], [200, 'VIP buyers'])
}
