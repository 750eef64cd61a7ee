/**
 * A real Braze client against the fake over real HTTP: Segment's "Braze Cloud Mode (Actions)"
 * destination (`@segment/action-destinations`, the code Segment runs in production for every
 * workspace that sends to Braze), driven through `@segment/actions-core`'s test harness with no
 * HTTP mocking: each action's requests reach the fake on a real port, and the effects are checked
 * through the control plane. Client deviations from Braze's docs are in COVERAGE.md.
 */
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { startServer } from '../../src/server.js'
import { testConfig } from '../../src/config.js'

// The packages' ESM builds do not load together (actions-core's ESM imports a name its
// destination-subscriptions ESM lacks); their CommonJS builds, which Segment runs, do.
const require = createRequire(import.meta.url)
const { createRequestClient, createTestEvent, createTestIntegration } = require('@segment/actions-core') as typeof import('@segment/actions-core')
const braze = require('@segment/action-destinations/dist/destinations/braze/index.js').default

interface Setup { url: string, workspaceId: string, settings: { api_key: string, endpoint: string, app_id: string }, dest: ReturnType<typeof createTestIntegration> }

async function control (url: string, path: string, body?: unknown, method = 'POST'): Promise<any> {
  const res = await fetch(`${url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) })
  assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`)
  return await res.json()
}

async function setup (t: TestContext): Promise<Setup> {
  const server = await startServer(testConfig())
  t.after(() => server.close())
  const ws = await control(server.url, '/_fake/workspaces', { cluster: 'iad-03' })
  const { key } = await control(server.url, `/_fake/workspaces/${ws.id}/rest-api-keys`)
  // The destination's name is only its schema cache key in ajv; ajv's current URI library refuses
  // "Braze Cloud Mode (Actions):…" as a URI, so the harness gets a plain one. Nothing sent changes.
  const dest = createTestIntegration({ ...braze, name: 'actions-braze-cloud' })
  return { url: server.url, workspaceId: ws.id, settings: { api_key: key, endpoint: ws.rest_endpoint, app_id: 'my-app' }, dest }
}

async function users (s: Setup, query = ''): Promise<Array<Record<string, any>>> {
  return (await control(s.url, `/_fake/workspaces/${s.workspaceId}/user-profiles${query}`, undefined, 'GET')).users
}

const sent = (responses: Array<{ options: { body?: unknown } }>): unknown[] => responses.map((r) => JSON.parse(String(r.options.body)))

test('segment braze: Update User Profile, Track Event and Track Purchase land on the profile', async (t) => {
  const s = await setup(t)
  const ev = createTestEvent({ event: 'Signed Up', userId: 'ada', timestamp: '2026-11-01T10:00:00.000Z', receivedAt: '2026-11-01T10:00:00.000Z', properties: { plan: 'pro' } })
  const tracked = await s.dest.testAction('trackEvent2', { event: ev, settings: s.settings, mapping: { __segment_internal_sync_mode: 'add' }, useDefaultMappings: true })
  assert.deepEqual(tracked[0]!.data, { message: 'success', events_processed: 1 })
  assert.deepEqual(sent(tracked), [{ events: [{ external_id: 'ada', app_id: 'my-app', name: 'Signed Up', time: '2026-11-01T10:00:00.000Z', properties: { plan: 'pro' }, _update_existing_only: false }] }])

  const identify = createTestEvent({
    type: 'identify',
    userId: 'ada',
    traits: { firstName: 'Ada', lastName: 'Lovelace', email: 'ADA@example.com', phone: '(415) 555-2671', plan: 'pro', birthday: '1815-12-10T00:00:00Z' }
  })
  const profile = await s.dest.testAction('updateUserProfile2', { event: identify, settings: s.settings, mapping: { __segment_internal_sync_mode: 'update' }, useDefaultMappings: true })
  assert.equal(profile[0]!.status, 201)
  assert.deepEqual(profile[0]!.data, { message: 'success', attributes_processed: 1 })
  // "Update user profile" only updates: Segment sends _update_existing_only, so it ran after the event created ada
  assert.equal((sent(profile)[0] as { attributes: Array<Record<string, unknown>> }).attributes[0]!._update_existing_only, true)

  const order = createTestEvent({
    event: 'Order Completed',
    userId: 'ada',
    timestamp: '2026-11-02T10:00:00.000Z',
    properties: { currency: 'USD', products: [{ product_id: 'sku-1', price: 9.5, quantity: 2 }, { product_id: 'sku-2', price: 1 }] }
  })
  const bought = await s.dest.testAction('trackPurchase2', { event: order, settings: s.settings, mapping: { __segment_internal_sync_mode: 'add' }, useDefaultMappings: true })
  assert.deepEqual(bought[0]!.data, { message: 'success', purchases_processed: 2 })

  const [ada] = await users(s, '?external_id=ada')
  assert.equal(ada!.email, 'ada@example.com')
  assert.equal(ada!.phone, '+14155552671')
  assert.equal(ada!.profile.first_name, 'Ada')
  assert.equal(ada!.profile.last_name, 'Lovelace')
  assert.equal(ada!.custom_attributes.plan, 'pro')
  assert.deepEqual(ada!.custom_events.map((e: { name: string, count: number }) => [e.name, e.count]), [['Signed Up', 1]])
  assert.deepEqual(ada!.purchases.map((p: { name: string, count: number }) => [p.name, p.count]).sort(), [['sku-1', 2], ['sku-2', 1]])
  assert.equal(ada!.total_revenue, 20)
})

test('segment braze: Create Alias, Identify User by alias (merge) and by email, and the destination\'s delete hook', async (t) => {
  const s = await setup(t)
  const anon = createTestEvent({ type: 'track', userId: null, anonymousId: 'anon-1' })
  const alias = await s.dest.testAction('createAlias2', {
    event: anon,
    settings: s.settings,
    mapping: { __segment_internal_sync_mode: 'add', external_id: null, alias_name: { '@path': '$.anonymousId' }, alias_label: 'segment_anonymous_id' }
  })
  assert.deepEqual(alias[0]!.data, { aliases_processed: 1, message: 'success' })
  // an alias-only profile the anonymous user's events land on
  const pre = await users(s)
  assert.equal(pre.length, 1)
  assert.deepEqual(pre[0]!.user_aliases, [{ alias_name: 'anon-1', alias_label: 'segment_anonymous_id' }])

  const login = createTestEvent({ type: 'identify', userId: 'bea', anonymousId: 'anon-1' })
  const identified = await s.dest.testAction('identifyUser2', {
    event: login,
    settings: s.settings,
    mapping: { __segment_internal_sync_mode: 'add', external_id: { '@path': '$.userId' }, user_alias: { alias_name: { '@path': '$.anonymousId' }, alias_label: 'segment_anonymous_id' }, merge_behavior: 'merge' }
  })
  assert.equal(identified[0]!.status, 201)
  assert.equal((identified[0]!.data as { message: string }).message, 'success')
  const after = await users(s)
  assert.equal(after.length, 1)
  assert.equal(after[0]!.external_id, 'bea')
  assert.deepEqual(after[0]!.user_aliases, [{ alias_name: 'anon-1', alias_label: 'segment_anonymous_id' }])

  // Identify by email: an email-only profile gets the external_id, with the client's prioritization
  const emailOnly = await fetch(`${s.settings.endpoint}/users/track`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.settings.api_key}` }, body: JSON.stringify({ attributes: [{ email: 'zed@example.com', plan: 'trial' }] }) })
  assert.equal(emailOnly.status, 201)
  const byEmail = await s.dest.testAction('identifyUser2', {
    event: createTestEvent({ type: 'identify', userId: 'zed', traits: { email: 'zed@example.com' } }),
    settings: s.settings,
    mapping: { __segment_internal_sync_mode: 'add', external_id: { '@path': '$.userId' }, email_to_identify: { '@path': '$.traits.email' }, prioritization: { first_priority: 'unidentified', second_priority: 'most_recently_updated' } }
  })
  assert.deepEqual(sent(byEmail), [{ emails_to_identify: [{ external_id: 'zed', email: 'zed@example.com', prioritization: ['unidentified', 'most_recently_updated'] }] }])
  assert.equal((byEmail[0]!.data as { emails_processed: number }).emails_processed, 1)
  const [zed] = await users(s, '?external_id=zed')
  assert.deepEqual([zed!.email, zed!.custom_attributes.plan], ['zed@example.com', 'trial'])
  await braze.onDelete(createRequestClient(braze.extendRequest({ settings: s.settings, payload: { userId: 'zed' } })), { settings: s.settings, payload: { userId: 'zed' } })

  // Segment's GDPR delete hook posts /users/delete with the userId. The harness's onDelete first
  // checks the settings against the destination's list of Braze hosts, so the hook runs here the
  // way the harness runs it after that check: with the destination's own request options.
  const payload = { userId: 'bea', anonymousId: null }
  const request = createRequestClient(braze.extendRequest({ settings: s.settings, payload }))
  const deleted = await braze.onDelete(request, { settings: s.settings, payload })
  assert.equal(deleted.status, 201)
  assert.deepEqual(deleted.data, { deleted: 1, message: 'success' })
  assert.deepEqual(await users(s), [])
})

test('segment braze: eCommerce recommended events, batched; the fake\'s per-object error reaches the right payload', async (t) => {
  const s = await setup(t)
  const product = { product_id: 'p1', name: 'Headphones', variant: 'v1', quantity: 1, price: 99.99 }
  const event = (orderId: string, quantity: number): ReturnType<typeof createTestEvent> => createTestEvent({
    event: 'Order Completed',
    userId: 'cy',
    timestamp: '2026-11-03T10:00:00.000Z',
    properties: { order_id: orderId, total: 99.99, currency: 'USD', source: 'web', products: [{ ...product, quantity }] }
  })
  const mapping = { __segment_internal_sync_mode: 'add', name: 'ecommerce.order_placed', source: { '@path': '$.properties.source' } }
  const one = await s.dest.testAction('ecommerce', { event: event('o1', 1), settings: s.settings, mapping, useDefaultMappings: true })
  assert.deepEqual(one[0]!.data, { message: 'success', events_processed: 1 })
  const body = sent(one)[0] as { events: Array<Record<string, any>> }
  assert.equal(body.events[0]!.name, 'ecommerce.order_placed')
  assert.deepEqual(body.events[0]!.properties.products, [{ quantity: 1, product_id: 'p1', product_name: 'Headphones', variant_id: 'v1', price: 99.99 }])

  // A batch whose second order has a fractional quantity (Segment types it a number, Braze's
  // schema an integer): that event is the fake's error at index 1, and Segment reports it against
  // the second payload only.
  const batch = await s.dest.executeBatch('ecommerce', {
    events: [event('o2', 2), event('o3', 1.5)],
    settings: s.settings,
    mapping: { ...mapping, external_id: { '@path': '$.userId' }, time: { '@path': '$.timestamp' }, order_id: { '@path': '$.properties.order_id' }, total_value: { '@path': '$.properties.total' }, currency: { '@path': '$.properties.currency' }, products: { '@arrayPath': ['$.properties.products', { product_id: { '@path': '$.product_id' }, product_name: { '@path': '$.name' }, variant_id: { '@path': '$.variant' }, quantity: { '@path': '$.quantity' }, price: { '@path': '$.price' } }] }, enable_batching: true, batch_size: 75 }
  })
  assert.equal(batch[0]!.status, 200)
  assert.equal(batch[1]!.status, 400)
  assert.equal((batch[1] as { errormessage: string }).errormessage, '\'ecommerce.order_placed\' property \'products[0].quantity\' must be an integer')
  const [cy] = await users(s, '?external_id=cy')
  assert.deepEqual(cy!.custom_events.map((e: { name: string, count: number }) => [e.name, e.count]), [['ecommerce.order_placed', 2]])
})

test('segment braze: Trigger Campaign sends to its recipients, seen in the outbox', async (t) => {
  const s = await setup(t)
  await control(s.url, `/_fake/workspaces/${s.workspaceId}/campaigns`, {
    id: 'welcome', name: 'Welcome', kind: 'api_triggered',
    messages: [{ id: 'welcome-email', channel: 'email', from: 'Shop <shop@example.com>', subject: 'Hi {{${first_name}}}', body: 'Code {{api_trigger_properties.${code}}}' }]
  })
  await s.dest.testAction('trackEvent2', { event: createTestEvent({ event: 'Signed Up', userId: 'dee' }), settings: s.settings, mapping: { __segment_internal_sync_mode: 'add' }, useDefaultMappings: true })
  await s.dest.testAction('updateUserProfile2', { event: createTestEvent({ type: 'identify', userId: 'dee', traits: { firstName: 'Dee', email: 'dee@example.com' } }), settings: s.settings, mapping: { __segment_internal_sync_mode: 'update' }, useDefaultMappings: true })
  const res = await s.dest.testAction('triggerCampaign', {
    event: createTestEvent({ userId: 'dee', properties: { code: 'WELCOME10' } }),
    settings: s.settings,
    mapping: { campaign_id: 'welcome', trigger_properties: { code: { '@path': '$.properties.code' } }, recipients: [{ external_user_id: { '@path': '$.userId' } }] }
  })
  assert.equal(res[0]!.status, 201)
  const { dispatch_id: dispatchId } = res[0]!.data as { dispatch_id: string }
  const outbox = await control(s.url, `/_fake/workspaces/${s.workspaceId}/messages?dispatch_id=${dispatchId}`, undefined, 'GET')
  assert.deepEqual(outbox.messages.map((m: Record<string, any>) => [m.external_id, m.status, m.subject, m.body]), [['dee', 'delivered', 'Hi Dee', 'Code WELCOME10']])
})

test('segment braze: Trigger Canvas by email with prioritization, and a Product Viewed recommended event', async (t) => {
  const s = await setup(t)
  await control(s.url, `/_fake/workspaces/${s.workspaceId}/canvases`, {
    id: 'browse', name: 'Abandoned browse', steps: [{ id: 'nudge', name: 'Nudge', messages: [{ channel: 'email', subject: 'Still thinking about {{canvas_entry_properties.${product_name}}}?', body: 'b' }] }]
  })
  await s.dest.testAction('trackEvent2', { event: createTestEvent({ event: 'Signed Up', userId: 'eli' }), settings: s.settings, mapping: { __segment_internal_sync_mode: 'add' }, useDefaultMappings: true })
  await s.dest.testAction('updateUserProfile2', { event: createTestEvent({ type: 'identify', userId: 'eli', traits: { email: 'eli@example.com' } }), settings: s.settings, mapping: { __segment_internal_sync_mode: 'update' }, useDefaultMappings: true })

  const viewed = await s.dest.testAction('ecommerceSingleProduct', {
    event: createTestEvent({ event: 'Product Viewed', userId: 'eli', timestamp: '2026-11-04T10:00:00.000Z', properties: { product_id: 'p9', name: 'Runners', variant: 'v9', price: 85, currency: 'GBP', source: 'web' } }),
    settings: s.settings,
    mapping: { __segment_internal_sync_mode: 'add', name: 'ecommerce.product_viewed', source: { '@path': '$.properties.source' } },
    useDefaultMappings: true
  })
  assert.deepEqual(viewed[0]!.data, { message: 'success', events_processed: 1 })
  const props = (sent(viewed)[0] as { events: Array<{ properties: Record<string, unknown> }> }).events[0]!.properties
  assert.deepEqual([props.product_id, props.product_name, props.variant_id, props.price, props.currency], ['p9', 'Runners', 'v9', 85, 'GBP'])

  const res = await s.dest.testAction('triggerCanvas', {
    event: createTestEvent({ userId: 'eli', properties: { product_name: 'Runners' } }),
    settings: s.settings,
    mapping: {
      canvas_id: 'browse',
      canvas_entry_properties: { product_name: { '@path': '$.properties.product_name' } },
      recipients: [{ email: 'eli@example.com' }],
      prioritization: { first_priority: 'identified', second_priority: 'most_recently_updated' }
    }
  })
  assert.equal(res[0]!.status, 201)
  // the client folds its prioritization setting into each recipient
  assert.deepEqual((sent(res)[0] as { recipients: unknown[] }).recipients, [{ email: 'eli@example.com', prioritization: ['identified', 'most_recently_updated'] }])
  const { dispatch_id: dispatchId } = res[0]!.data as { dispatch_id: string }
  const outbox = await control(s.url, `/_fake/workspaces/${s.workspaceId}/messages?dispatch_id=${dispatchId}`, undefined, 'GET')
  assert.deepEqual(outbox.messages.map((m: Record<string, any>) => [m.external_id, m.status, m.subject]), [['eli', 'delivered', 'Still thinking about Runners?']])
  const [eli] = await users(s, '?external_id=eli')
  assert.deepEqual(eli!.custom_events.map((e: { name: string }) => e.name).sort(), ['Signed Up', 'ecommerce.product_viewed'])
})
