/**
 * POST /users/export/segment (checklist items 23 and 26): the zip's actual contents, the callback,
 * one export per segment at a time (429), and every bad request.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestContext } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { strFromU8, unzipSync } from 'fflate'
import { buildTestApp, json } from '../../helper.js'
import { provision, seedUsers, type Provisioned } from '../../factories.js'
import { addToCohort, makeSegment, nameCohort, restKey, restPost } from '../../segment-factories.js'

const VIP = { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' }
const EXPORT = '/users/export/segment'

async function world (app: FastifyInstance): Promise<Provisioned & { key: string }> {
  const p = await provision(app)
  await seedUsers(app, p.workspaceId, [
    { external_id: 'u1', email: 'U1@Example.com', email_subscribe: 'opted_in', aliases: [{ alias_name: 'a1', alias_label: 'crm' }], custom_attributes: { plan: 'gold', score: 3, tags: ['x'], nested: { a: 1 } } },
    { external_id: 'u2', phone: '+15555550100', email_subscribe: 'subscribed', custom_attributes: { plan: 'silver' } },
    { external_id: 'u3' }
  ])
  await nameCohort(app, p, 'vip', 'VIP buyers')
  await addToCohort(app, p, 'vip', ['u1', 'u2'])
  await makeSegment(app, p.workspaceId, VIP, { id: 'vip' })
  return { ...p, key: await restKey(app, p.workspaceId) }
}

/** Polls the download URL until the export is ready, then unzips it into { file name: lines }. */
async function download (app: FastifyInstance, url: string): Promise<Record<string, Array<Record<string, unknown>>>> {
  const path = new URL(url).pathname
  for (let i = 0; i < 200; i++) {
    const res = await app.inject({ url: path })
    if (res.statusCode === 200) {
      assert.equal(res.headers['content-type'], 'application/zip')
      const files = unzipSync(new Uint8Array(res.rawPayload))
      return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l))]))
    }
    assert.equal(res.statusCode, 404)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('export never finished')
}

/** A loopback callback receiver; `hold` keeps requests unanswered until release() is called. */
async function callbackServer (t: TestContext, hold = false): Promise<{ url: string, received: Promise<unknown>, release: () => void }> {
  let resolveBody: (b: unknown) => void = () => {}
  const received = new Promise<unknown>((resolve) => { resolveBody = resolve })
  const waiting: ServerResponse[] = []
  let released = !hold
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = ''
    req.on('data', (c) => { raw += String(c) })
    req.on('end', () => {
      resolveBody(JSON.parse(raw))
      if (released) res.end('ok')
      else waiting.push(res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => { for (const r of waiting) r.end(); server.close(() => resolve()) }))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ready`,
    received,
    release: () => { released = true; for (const r of waiting.splice(0)) r.end('ok') }
  }
}

describe('POST /users/export/segment', () => {
  test('answers object_prefix and a fake-braze url; the zip holds the segment\'s current members as newline-delimited objects with only the fields asked for', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const res = await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id', 'email', 'user_aliases', 'custom_attributes', 'email_subscribe', 'phone'] })
    assert.equal(res.statusCode, 201)
    const body = json(res)
    assert.deepEqual(Object.keys(body), ['message', 'object_prefix', 'url'])
    assert.equal(body.message, 'success')
    assert.match(body.object_prefix, /^[0-9a-f-]{36}-\d{10}$/)
    assert.equal(body.url, `http://localhost:80/_fake/exports/${body.object_prefix}.zip`)
    const files = await download(app, body.url)
    assert.deepEqual(files, {
      [`${body.object_prefix}-0.txt`]: [
        { external_id: 'u1', user_aliases: [{ alias_name: 'a1', alias_label: 'crm' }], email: 'u1@example.com', email_subscribe: 'opted_in', custom_attributes: { plan: 'gold', score: 3, tags: ['x'], nested: { a: 1 } } },
        { external_id: 'u2', phone: '+15555550100', email_subscribe: 'subscribed', custom_attributes: { plan: 'silver' } }
      ]
    })
  })

  test('custom_attributes_to_export picks attributes; braze_id and created_at use Braze\'s spelling', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const body = json(await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['braze_id', 'created_at'], custom_attributes_to_export: ['score', 'missing'] }))
    const [lines] = Object.values(await download(app, body.url))
    assert.equal(lines!.length, 2)
    assert.match(String(lines![0]!.braze_id), /^[0-9a-f]{24}$/)
    assert.match(String(lines![0]!.created_at), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} UTC$/)
    assert.deepEqual(lines![0]!.custom_attributes, { score: 3 })
    assert.equal('custom_attributes' in lines![1]!, false)
  })

  test('exported users are the same objects /users/export/ids returns, activity and devices included', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const recent = new Date(Date.now() - 86_400_000).toISOString()
    await seedUsers(app, p.workspaceId, [{
      external_id: 'u4', device_ids: ['d4'], custom_events: [{ name: 'opened', first: recent, last: recent, count: 2 }],
      purchases: [{ name: 'sku-1', first: recent, last: recent, count: 1 }]
    }])
    await addToCohort(app, p, 'vip', ['u4'])
    const fields = ['external_id', 'custom_events', 'purchases', 'devices', 'user_aliases']
    const body = json(await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: fields }))
    const [lines] = Object.values(await download(app, body.url))
    const exported = lines!.find((l) => l.external_id === 'u4')
    const byIds = json(await restPost(app, p.key, '/users/export/ids', { external_ids: ['u4'], fields_to_export: fields })).users[0]
    assert.deepEqual(exported, byIds)
    assert.deepEqual(exported!.custom_events, [{ name: 'opened', first: recent, last: recent, count: 2 }])
    assert.deepEqual(exported!.devices, [{ device_id: 'd4' }])
  })

  test('with a visibility delay, users created within it are left out of the export until the clock passes it', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    await app.inject({ method: 'POST', url: '/_fake/clock', payload: { freeze: true, advance_ms: 60_000 } })
    await app.inject({ method: 'PUT', url: '/_fake/visibility', payload: { delay_ms: 30_000 } })
    await seedUsers(app, p.workspaceId, [{ external_id: 'fresh' }])
    await addToCohort(app, p, 'vip', ['fresh'])
    const first = json(await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id'] }))
    const before = Object.values(await download(app, first.url)).flat().map((l) => l.external_id).sort()
    assert.deepEqual(before, ['u1', 'u2'])
    await app.inject({ method: 'POST', url: '/_fake/clock', payload: { advance_ms: 30_000 } })
    const second = json(await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id'] }))
    const after = Object.values(await download(app, second.url)).flat().map((l) => l.external_id).sort()
    assert.deepEqual(after, ['fresh', 'u1', 'u2'])
  })

  test('files hold 5,000 users each', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await seedUsers(app, p.workspaceId, Array.from({ length: 5001 }, (_, i) => ({ external_id: `user-${i}` })))
    await makeSegment(app, p.workspaceId, { filter: 'external_id', operator: 'exists' }, { id: 'everyone' })
    const key = await restKey(app, p.workspaceId)
    const body = json(await restPost(app, key, EXPORT, { segment_id: 'everyone', fields_to_export: ['external_id'] }))
    const files = await download(app, body.url)
    assert.deepEqual(Object.keys(files).sort(), [`${body.object_prefix}-0.txt`, `${body.object_prefix}-1.txt`])
    assert.equal(files[`${body.object_prefix}-0.txt`]!.length, 5000)
    assert.deepEqual(files[`${body.object_prefix}-1.txt`], [{ external_id: 'user-5000' }])
  })

  test('the callback_endpoint is POSTed {"success":true,"url":…} once the file downloads', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const cb = await callbackServer(t)
    const body = json(await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id'], callback_endpoint: cb.url }))
    assert.deepEqual(await cb.received, { success: true, url: body.url })
    assert.equal((await app.inject({ url: new URL(body.url).pathname })).statusCode, 200)
  })

  test('a second export of the same segment while the first runs is 429; other segments and later exports go ahead (checklist item 26)', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    await makeSegment(app, p.workspaceId, { not: VIP }, { id: 'others' })
    const cb = await callbackServer(t, true)
    const first = await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id'], callback_endpoint: cb.url })
    assert.equal(first.statusCode, 201)
    await cb.received
    const second = await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id'] })
    assert.equal(second.statusCode, 429)
    assert.deepEqual(json(second), { message: 'An export of segment vip is already running; only one export per segment may run at a time' })
    assert.equal((await restPost(app, p.key, EXPORT, { segment_id: 'others', fields_to_export: ['external_id'] })).statusCode, 201)
    cb.release()
    let third = second
    for (let i = 0; i < 200 && third.statusCode === 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      third = await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id'] })
    }
    assert.equal(third.statusCode, 201)
  })

  test('a callback that cannot be reached does not hurt the server or the download', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const body = json(await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id'], callback_endpoint: 'http://127.0.0.1:1/nowhere' }))
    assert.equal(Object.values(await download(app, body.url))[0]!.length, 2)
    let again = await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id'] })
    for (let i = 0; i < 200 && again.statusCode === 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      again = await restPost(app, p.key, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id'] })
    }
    assert.equal(again.statusCode, 201)
    const jobs = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/segment-exports` })).exports
    const failed = jobs.find((j: { object_prefix: string }) => j.object_prefix === body.object_prefix)
    assert.equal(failed.status, 'done')
    assert.equal(failed.user_count, 2)
    assert.match(failed.error, /^callback to http:\/\/127\.0\.0\.1:1\/nowhere failed: /)
  })
})

describe('POST /users/export/segment: bad requests', () => {
  const cases: Array<[string, Record<string, unknown>, number, string]> = [
    ['a missing fields_to_export', { segment_id: 'vip' }, 400, 'fields_to_export is required: an array of the user fields to export'],
    ['an empty fields_to_export', { segment_id: 'vip', fields_to_export: [] }, 400, 'fields_to_export is required: an array of the user fields to export'],
    ['a field Braze does not export', { segment_id: 'vip', fields_to_export: ['external_id', 'shoe_size'] }, 400, 'fields_to_export contains invalid field(s): shoe_size'],
    ['a missing segment_id', { fields_to_export: ['external_id'] }, 400, 'segment_id is required and must be a non-empty string'],
    ['an unknown segment_id', { segment_id: 'nope', fields_to_export: ['external_id'] }, 400, 'Invalid Segment ID'],
    ['gzip without a bucket', { segment_id: 'vip', fields_to_export: ['external_id'], output_format: 'gzip' }, 400, 'output_format gzip is only available when exporting to your own S3 bucket; use zip'],
    ['501 custom attributes', { segment_id: 'vip', fields_to_export: ['external_id'], custom_attributes_to_export: Array.from({ length: 501 }, (_, i) => `a${i}`) }, 400, 'custom_attributes_to_export may name at most 500 custom attributes'],
    ['a callback_endpoint that is not a URL', { segment_id: 'vip', fields_to_export: ['external_id'], callback_endpoint: 'later' }, 400, 'callback_endpoint must be a URL']
  ]
  for (const [name, payload, status, message] of cases) {
    test(`${name} is ${status}`, async (t) => {
      const app = await buildTestApp(t)
      const p = await world(app)
      const res = await restPost(app, p.key, EXPORT, payload)
      assert.equal(res.statusCode, status)
      assert.deepEqual(json(res), { message })
    })
  }

  test('without a key it is 401; a key without users.export.segment is 403', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const none = await app.inject({ method: 'POST', url: EXPORT, payload: { segment_id: 'vip', fields_to_export: ['external_id'] } })
    assert.equal(none.statusCode, 401)
    assert.deepEqual(json(none), { message: 'Invalid API key: ' })
    const narrow = await restKey(app, p.workspaceId, ['segments.list'])
    const denied = await restPost(app, narrow, EXPORT, { segment_id: 'vip', fields_to_export: ['external_id'] })
    assert.equal(denied.statusCode, 403)
    assert.deepEqual(json(denied), { message: 'Access Denied' })
  })

  test('an unknown export file is 404', async (t) => {
    const app = await buildTestApp(t)
    const res = await app.inject({ url: '/_fake/exports/nope.zip' })
    assert.equal(res.statusCode, 404)
    assert.deepEqual(json(res), { message: 'Export nope.zip not found' })
  })
})
