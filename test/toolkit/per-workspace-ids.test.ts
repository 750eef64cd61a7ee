/**
 * Ids a test chooses are unique per workspace, never per server (issue 17, item 1): two workspaces
 * load the same fixtures (campaign `winback`, Canvas `onboarding` with its step and variation,
 * segment `vip`, a subscription group, users with fixed braze_ids), through the control plane and
 * through seed files; each REST key sees only its own workspace; deleting in one leaves the other.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildTestApp, json, post } from '../helper.js'
import { NOW } from '../rest-factories.js'
import { startFakeBraze } from '../../src/start.js'

const GROUP = '3b1bbd7d-9b1f-4bb6-a7b0-5a8d1f7f0a11'
const VIP = { filter: 'custom_attribute', attribute: 'vip', operator: 'equals', value: true }

interface Ws { id: string, key: string }

async function app0 (t: import('node:test').TestContext): Promise<FastifyInstance> {
  return buildTestApp(t, {}, { clock: { now: () => NOW } })
}

async function ok (res: Promise<LightMyRequestResponse>, status = 201): Promise<Record<string, any>> {
  const r = await res
  assert.equal(r.statusCode, status, r.body)
  return json(r)
}

/** The fixtures, loaded through the control plane; `tag` marks the names so each workspace's answers tell them apart. */
async function loadByControlPlane (app: FastifyInstance, id: string, tag: string): Promise<Ws> {
  await ok(post(app, '/_fake/workspaces', { id }))
  const key = (await ok(post(app, `/_fake/workspaces/${id}/rest-api-keys`, {}))).key as string
  const base = `/_fake/workspaces/${id}`
  await ok(post(app, `${base}/users`, { users: [{ external_id: 'u1', braze_id: '5f0c6c5e8d4a4a439a4a1f0a', email: 'ann@example.com', custom_attributes: { vip: true } }] }))
  await ok(post(app, `${base}/subscription-groups`, { id: GROUP, name: `Marketing ${tag}`, channel: 'email' }))
  await ok(post(app, `${base}/segments`, { id: 'vip', name: `VIP ${tag}`, filter: VIP }))
  await ok(post(app, `${base}/campaigns`, {
    id: 'winback', name: `Win-back ${tag}`, kind: 'api_triggered', segment_id: 'vip',
    messages: [{ id: 'winback-email', channel: 'email', from: 'Shop <shop@example.com>', subject: `Hi ${tag}`, body: 'b' }]
  }))
  await ok(post(app, `${base}/canvases`, {
    id: 'onboarding', name: `Onboarding ${tag}`, segment_id: 'vip',
    steps: [{ id: 'welcome', name: `Welcome ${tag}`, messages: [{ id: 'welcome-email', channel: 'email', subject: `Welcome ${tag}`, body: 'b' }] }]
  }))
  return { id, key }
}

function seedWorkspace (id: string, key: string, tag: string): Record<string, unknown> {
  return {
    id,
    rest_api_keys: [{ key }],
    subscription_groups: [{ id: GROUP, name: `Marketing ${tag}`, channel: 'email' }],
    users: [{ external_id: 'u1', braze_id: '5f0c6c5e8d4a4a439a4a1f0a', email: 'ann@example.com', custom_attributes: { vip: true } }],
    segments: [{ id: 'vip', name: `VIP ${tag}`, filter: VIP }],
    campaigns: [{ id: 'winback', name: `Win-back ${tag}`, kind: 'api_triggered', segment_id: 'vip', messages: [{ id: 'winback-email', channel: 'email', subject: `Hi ${tag}`, body: 'b' }] }],
    canvases: [{ id: 'onboarding', name: `Onboarding ${tag}`, segment_id: 'vip', steps: [{ id: 'welcome', name: `Welcome ${tag}`, messages: [{ id: 'welcome-email', channel: 'email', subject: `Welcome ${tag}`, body: 'b' }] }] }]
  }
}

async function rest (app: FastifyInstance, ws: Ws, url: string, body?: unknown): Promise<LightMyRequestResponse> {
  const headers = { authorization: `Bearer ${ws.key}` }
  return body === undefined ? app.inject({ method: 'GET', url, headers }) : post(app, url, body, { headers })
}

async function outbox (app: FastifyInstance, ws: Ws): Promise<Array<Record<string, any>>> {
  return (await ok(app.inject({ url: `/_fake/workspaces/${ws.id}/messages?limit=100` }), 200)).messages
}

/** Each key reads its own workspace's winback, onboarding, vip and group. */
async function assertSeesOwn (app: FastifyInstance, ws: Ws, tag: string): Promise<void> {
  const campaign = await ok(rest(app, ws, '/campaigns/details?campaign_id=winback'), 200)
  assert.equal(campaign.name, `Win-back ${tag}`)
  const canvas = await ok(rest(app, ws, '/canvas/details?canvas_id=onboarding'), 200)
  assert.equal(canvas.name, `Onboarding ${tag}`)
  assert.deepEqual(canvas.steps.map((s: any) => s.id), ['welcome'])
  const segment = await ok(rest(app, ws, '/segments/details?segment_id=vip'), 200)
  assert.equal(segment.name, `VIP ${tag}`)
  const groups = await ok(app.inject({ url: `/_fake/workspaces/${ws.id}/subscription-groups` }), 200)
  assert.deepEqual(groups.subscription_groups.map((g: any) => [g.id, g.name]), [[GROUP, `Marketing ${tag}`]])
}

describe('two workspaces hold the same ids', () => {
  test('loaded through the control plane: each REST key sees only its own workspace', async (t) => {
    const app = await app0(t)
    const a = await loadByControlPlane(app, 'ws-a', 'A')
    const b = await loadByControlPlane(app, 'ws-b', 'B')
    await assertSeesOwn(app, a, 'A')
    await assertSeesOwn(app, b, 'B')
    for (const ws of [a, b]) {
      const users = (await ok(app.inject({ url: `/_fake/workspaces/${ws.id}/user-profiles?braze_id=5f0c6c5e8d4a4a439a4a1f0a` }), 200)).users
      assert.deepEqual(users.map((u: any) => u.external_id), ['u1'])
    }

    // A trigger in A delivers A's campaign (A's subject) and writes nothing to B's outbox.
    await ok(rest(app, a, '/campaigns/trigger/send', { campaign_id: 'winback', recipients: [{ external_user_id: 'u1' }] }))
    assert.deepEqual((await outbox(app, a)).map((m) => [m.campaign_id, m.variation_id, m.subject]), [['winback', 'winback-email', 'Hi A']])
    assert.deepEqual(await outbox(app, b), [])
    await ok(rest(app, b, '/canvas/trigger/send', { canvas_id: 'onboarding', recipients: [{ external_user_id: 'u1' }] }))
    assert.deepEqual((await outbox(app, b)).map((m) => [m.canvas_id, m.step_id, m.variation_id, m.subject]), [['onboarding', 'welcome', 'welcome-email', 'Welcome B']])
    assert.equal((await outbox(app, a)).length, 1)

    // The same send_id for the same campaign id, in each workspace.
    for (const ws of [a, b]) assert.equal((await ok(rest(app, ws, '/sends/id/create', { campaign_id: 'winback', send_id: 'spring' }))).send_id, 'spring')

    // Subscription state set in A is A's only.
    await ok(rest(app, a, '/subscription/status/set', { subscription_group_id: GROUP, subscription_state: 'unsubscribed', external_id: ['u1'] }))
    const stateIn = async (ws: Ws): Promise<unknown> => (await ok(rest(app, ws, `/subscription/status/get?subscription_group_id=${GROUP}&external_id=u1`), 200)).status
    assert.deepEqual(await stateIn(a), { u1: 'Unsubscribed' })
    assert.deepEqual(await stateIn(b), { u1: 'Unknown' })
  })

  test('schedules: a schedule_id is looked up within the key\'s workspace only', async (t) => {
    const app = await app0(t)
    const a = await loadByControlPlane(app, 'ws-a', 'A')
    const b = await loadByControlPlane(app, 'ws-b', 'B')
    const at = new Date(NOW + 3_600_000).toISOString()
    const later = new Date(NOW + 7_200_000).toISOString()
    const sa = (await ok(rest(app, a, '/campaigns/trigger/schedule/create', { campaign_id: 'winback', recipients: [{ external_user_id: 'u1' }], schedule: { time: at } }))).schedule_id as string
    const sb = (await ok(rest(app, b, '/campaigns/trigger/schedule/create', { campaign_id: 'winback', recipients: [{ external_user_id: 'u1' }], schedule: { time: at } }))).schedule_id as string
    // B's key cannot update or delete A's schedule, even naming the same campaign id.
    for (const path of ['update', 'delete']) {
      const res = await rest(app, b, `/campaigns/trigger/schedule/${path}`, { campaign_id: 'winback', schedule_id: sa, ...(path === 'update' && { schedule: { time: later } }) })
      assert.deepEqual([res.statusCode, json(res).message], [400, 'Invalid schedule_id'])
    }
    await ok(rest(app, a, '/campaigns/trigger/schedule/update', { campaign_id: 'winback', schedule_id: sa, schedule: { time: later } }))
    await ok(rest(app, b, '/campaigns/trigger/schedule/delete', { campaign_id: 'winback', schedule_id: sb }))
    const pending = async (ws: Ws): Promise<unknown> => (await ok(app.inject({ url: `/_fake/workspaces/${ws.id}/message-schedules` }), 200)).schedules.map((s: any) => [s.schedule_id, s.campaign_id, Date.parse(s.send_at)])
    assert.deepEqual(await pending(a), [[sa, 'winback', Date.parse(later)]])
    assert.deepEqual(await pending(b), [])
  })

  test('deleting in one workspace leaves the other untouched', async (t) => {
    const app = await app0(t)
    const a = await loadByControlPlane(app, 'ws-a', 'A')
    const b = await loadByControlPlane(app, 'ws-b', 'B')
    const base = '/_fake/workspaces/ws-a'
    for (const path of ['/campaigns/winback', '/canvases/onboarding', '/segments/vip', `/subscription-groups/${GROUP}`]) {
      const res = await app.inject({ method: 'DELETE', url: `${base}${path}` })
      assert.ok(res.statusCode < 300, `${path}: ${res.body}`)
    }
    await assertSeesOwn(app, b, 'B')
    assert.equal((await rest(app, a, '/segments/details?segment_id=vip')).statusCode, 400)
    const archived = await rest(app, a, '/campaigns/trigger/send', { campaign_id: 'winback', recipients: [{ external_user_id: 'u1' }] })
    assert.deepEqual([archived.statusCode, json(archived).message], [400, 'Invalid Campaign ID'])
    const canvas = await ok(rest(app, a, '/canvas/trigger/send', { canvas_id: 'onboarding', recipients: [{ external_user_id: 'u1' }] }))
    assert.match(canvas.notice, /archived/)
    assert.equal((await ok(rest(app, b, '/campaigns/trigger/send', { campaign_id: 'winback', recipients: [{ external_user_id: 'u1' }] }))).notice, undefined)

    // Deleting a whole workspace, then loading the same fixtures again, works; B is as it was.
    assert.ok((await app.inject({ method: 'DELETE', url: base })).statusCode < 300)
    await loadByControlPlane(app, 'ws-a', 'A2')
    await assertSeesOwn(app, { id: 'ws-a', key: (await ok(post(app, `${base}/rest-api-keys`, {}))).key }, 'A2')
    await assertSeesOwn(app, b, 'B')
  })

  test('within one workspace an id is still taken: 409', async (t) => {
    const app = await app0(t)
    await loadByControlPlane(app, 'ws-a', 'A')
    const base = '/_fake/workspaces/ws-a'
    const again: Array<[string, unknown, string]> = [
      ['/segments', { id: 'vip', name: 'x', filter: VIP }, 'Segment vip already exists'],
      ['/campaigns', { id: 'winback', name: 'x', kind: 'api_triggered', messages: [] }, 'Campaign winback already exists'],
      // a Canvas and a campaign share the id space of their workspace, as in Braze's API
      ['/canvases', { id: 'winback', name: 'x', steps: [] }, 'Canvas winback already exists'],
      ['/subscription-groups', { id: GROUP, name: 'x', channel: 'email' }, `Subscription group ${GROUP} already exists`]
    ]
    for (const [path, body, message] of again) {
      const res = await post(app, `${base}${path}`, body)
      assert.deepEqual([res.statusCode, json(res)], [409, { message }])
    }
    const user = await post(app, `${base}/users`, { users: [{ external_id: 'u2', braze_id: '5f0c6c5e8d4a4a439a4a1f0a' }] })
    assert.deepEqual([user.statusCode, json(user)], [409, { message: "users[0].braze_id '5f0c6c5e8d4a4a439a4a1f0a' already belongs to a user of this workspace" }])
  })
})

describe('seeds and snapshots with the same ids in two workspaces', () => {
  test('one seed file loads both; each snapshot shows the same ids; a snapshot reloads beside its source', async (t) => {
    const app = await app0(t)
    await ok(post(app, '/_fake/seed', { workspaces: [seedWorkspace('ws-a', 'rest-key-ws-a', 'A'), seedWorkspace('ws-b', 'rest-key-ws-b', 'B')] }))
    const a = { id: 'ws-a', key: 'rest-key-ws-a' }
    const b = { id: 'ws-b', key: 'rest-key-ws-b' }
    await assertSeesOwn(app, a, 'A')
    await assertSeesOwn(app, b, 'B')

    const snap = async (id: string): Promise<Record<string, any>> => (await ok(app.inject({ url: `/_fake/workspaces/${id}/snapshot` }), 200)).workspaces[0]
    const ids = (w: Record<string, any>): unknown => ({
      users: w.users.map((u: any) => u.braze_id),
      groups: w.subscription_groups.map((g: any) => g.id),
      segments: w.segments.map((s: any) => s.id),
      campaigns: w.campaigns.map((c: any) => [c.id, c.messages.map((m: any) => m.id)]),
      canvases: w.canvases.map((c: any) => [c.id, c.steps.map((s: any) => [s.id, s.messages.map((m: any) => m.id)])])
    })
    const sa = await snap('ws-a')
    const sb = await snap('ws-b')
    const expected = { users: ['5f0c6c5e8d4a4a439a4a1f0a'], groups: [GROUP], segments: ['vip'], campaigns: [['winback', ['winback-email']]], canvases: [['onboarding', [['welcome', ['welcome-email']]]]] }
    assert.deepEqual(ids(sa), expected)
    assert.deepEqual(ids(sb), expected)

    // A snapshot of A loaded as a third workspace (new id and key) beside A: the same ids, a third time.
    await ok(post(app, '/_fake/seed', { version: 1, workspaces: [{ ...sa, id: 'ws-c', rest_api_keys: [{ key: 'rest-key-ws-c' }] }] }))
    const sc = await snap('ws-c')
    assert.deepEqual(ids(sc), expected)
    await assertSeesOwn(app, { id: 'ws-c', key: 'rest-key-ws-c' }, 'A')
  })

  test('rerunning the same seed after one workspace is deleted works, and the other stays as it was', async (t) => {
    const app = await app0(t)
    const fileA = { workspaces: [seedWorkspace('ws-a', 'rest-key-ws-a', 'A')] }
    await ok(post(app, '/_fake/seed', fileA))
    await ok(post(app, '/_fake/seed', { workspaces: [seedWorkspace('ws-b', 'rest-key-ws-b', 'B')] }))
    const b = { id: 'ws-b', key: 'rest-key-ws-b' }
    await ok(rest(app, b, '/campaigns/trigger/send', { campaign_id: 'winback', recipients: [{ external_user_id: 'u1' }] }))
    // The same file again while ws-a exists is the workspace's 409, not an id's.
    const dup = await post(app, '/_fake/seed', fileA)
    assert.deepEqual([dup.statusCode, json(dup)], [409, { message: 'workspaces[0].id: workspace ws-a already exists' }])
    assert.ok((await app.inject({ method: 'DELETE', url: '/_fake/workspaces/ws-a' })).statusCode < 300)
    await ok(post(app, '/_fake/seed', fileA))
    await assertSeesOwn(app, { id: 'ws-a', key: 'rest-key-ws-a' }, 'A')
    await assertSeesOwn(app, b, 'B')
    assert.equal((await outbox(app, b)).length, 1)
  })

  test('a seed file naming an id twice in one workspace is still a 409', async (t) => {
    const app = await app0(t)
    const w = seedWorkspace('ws-a', 'rest-key-ws-a', 'A')
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ campaigns: [...(w.campaigns as unknown[]), { id: 'winback', name: 'x', kind: 'api_triggered', messages: [] }] }, "workspaces[0].campaigns[1].id: campaign 'winback' already exists"],
      [{ canvases: [...(w.canvases as unknown[]), { id: 'onboarding', name: 'x', steps: [] }] }, "workspaces[0].canvases[1].id: canvas 'onboarding' already exists"],
      [{ users: [...(w.users as unknown[]), { external_id: 'u2', braze_id: '5f0c6c5e8d4a4a439a4a1f0a' }] }, "workspaces[0].users[1].braze_id: '5f0c6c5e8d4a4a439a4a1f0a' is already in use"]
    ]
    for (const [patch, message] of cases) {
      const res = await post(app, '/_fake/seed', { workspaces: [{ ...w, ...patch }] })
      assert.deepEqual([res.statusCode, json(res)], [409, { message }])
    }
    assert.deepEqual(json(await app.inject({ url: '/_fake/workspaces' })).workspaces, [])
  })
})

describe('fake-braze expect with the same ids in two workspaces', () => {
  const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url))
  function cli (...args: string[]): Promise<{ status: number | null, out: string }> {
    const { NODE_TEST_CONTEXT: _, ...env } = process.env
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => { out += c })
    child.stderr.on('data', (c) => { out += c })
    return new Promise((resolve) => child.on('exit', (status) => resolve({ status, out })))
  }

  test('each workspace\'s segment vip and user are checked in that workspace', async (t) => {
    const b = seedWorkspace('ws-b', 'rest-key-ws-b', 'B')
    // The seed as a file's parsed JSON (the loader validates it as POST /_fake/seed does).
    const seed = JSON.parse(JSON.stringify({ workspaces: [seedWorkspace('ws-a', 'rest-key-ws-a', 'A'), { ...b, users: [{ external_id: 'u1', braze_id: '5f0c6c5e8d4a4a439a4a1f0a', custom_attributes: { vip: false } }] }] })) as Exclude<Parameters<typeof startFakeBraze>[0], undefined>['seed']
    const braze = await startFakeBraze({ seed })
    t.after(() => braze.close())
    const dir = mkdtempSync(join(tmpdir(), 'fake-braze-ids-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    const expectations = (vipMembers: string[], vip: boolean): string => {
      const f = join(dir, `e-${String(vip)}.json`)
      writeFileSync(f, JSON.stringify({ segments: [{ id: 'vip', members: vipMembers }], users: [{ braze_id: '5f0c6c5e8d4a4a439a4a1f0a', attributes: { vip } }] }))
      return f
    }
    const a = await cli('expect', expectations(['u1'], true), '--url', braze.url, '--workspace', 'ws-a')
    assert.equal(a.status, 0, a.out)
    const bOk = await cli('expect', expectations([], false), '--url', braze.url, '--workspace', 'ws-b')
    assert.equal(bOk.status, 0, bOk.out)
    // A's expectations fail in B: the same ids hold B's state there.
    const crossed = await cli('expect', expectations(['u1'], true), '--url', braze.url, '--workspace', 'ws-b')
    assert.equal(crossed.status, 1, crossed.out)
  })
})
