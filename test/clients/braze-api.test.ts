/**
 * A real Braze client against the fake over real HTTP: the `braze-api` npm package
 * (braze-community/braze-node), pointed at a workspace's rest_endpoint.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Braze } from 'braze-api'
import { startServer } from '../../src/server.js'
import { testConfig } from '../../src/config.js'

async function control (url: string, path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  assert.ok(res.ok, `${path}: ${res.status}`)
  return await res.json()
}

test('braze-api: track then export round trip, aliases, unknown ids and a wrong key', async (t) => {
  const server = await startServer(testConfig())
  t.after(() => server.close())
  const ws = await control(server.url, '/_fake/workspaces', { cluster: 'iad-03' })
  const { key } = await control(server.url, `/_fake/workspaces/${ws.id}/rest-api-keys`)
  const braze = new Braze(ws.rest_endpoint, key)

  const tracked = await braze.users.track({
    attributes: [{ external_id: 'ada', first_name: 'Ada', email: 'ADA@Example.com', plan: 'pro', visits: { inc: 2 }, tags: ['a', 'a', 'b'] }],
    events: [{ external_id: 'ada', name: 'signed_up', time: '2026-11-01T10:00:00Z' }],
    purchases: [{ external_id: 'ada', product_id: 'sku-1', currency: 'USD', price: 9.5, time: '2026-11-02T10:00:00Z' }]
  }, true)
  assert.deepEqual(tracked, { message: 'success', attributes_processed: 1, events_processed: 1, purchases_processed: 1 })

  const exported = await braze.users.export.ids({
    external_ids: ['ada', 'nobody'],
    fields_to_export: ['external_id', 'first_name', 'email', 'custom_attributes', 'total_revenue']
  })
  assert.equal(exported.message, 'success')
  assert.deepEqual(exported.invalid_user_ids, ['nobody'])
  assert.deepEqual(exported.users, [{ external_id: 'ada', first_name: 'Ada', email: 'ada@example.com', total_revenue: 9.5, custom_attributes: { plan: 'pro', visits: 2, tags: ['a', 'b'] } }])

  const alias = await braze.users.alias.new({ user_aliases: [{ external_id: 'ada', alias_name: 'ada@crm', alias_label: 'crm_id' }] })
  assert.deepEqual(alias, { aliases_processed: 1, message: 'success' })
  const byAlias = await braze.users.export.ids({ user_aliases: [{ alias_name: 'ada@crm', alias_label: 'crm_id' }], fields_to_export: ['external_id', 'user_aliases'] })
  assert.deepEqual(byAlias.users, [{ external_id: 'ada', user_aliases: [{ alias_name: 'ada@crm', alias_label: 'crm_id' }] }])

  const segments = await braze.segments.list({ page: 0 })
  assert.deepEqual(segments, { message: 'success', segments: [] })

  const wrong = new Braze(ws.rest_endpoint, 'not-a-key')
  await assert.rejects(wrong.users.track({ attributes: [{ external_id: 'x', a: 1 }] }), (err: Error & { status?: number }) => {
    assert.equal(err.status, 401)
    assert.equal(err.message, 'Invalid API key: not-a-key')
    return true
  })
  const otherCluster = new Braze(server.url + '/rest.iad-01.braze.com', key)
  await assert.rejects(otherCluster.users.export.ids({ external_ids: ['ada'] }), (err: Error & { status?: number }) => err.status === 401)
})

async function setup (t: import('node:test').TestContext): Promise<{ url: string, wsId: string, braze: Braze }> {
  const server = await startServer(testConfig())
  t.after(() => server.close())
  const ws = await control(server.url, '/_fake/workspaces', { cluster: 'iad-03' })
  const { key } = await control(server.url, `/_fake/workspaces/${ws.id}/rest-api-keys`)
  return { url: server.url, wsId: ws.id, braze: new Braze(ws.rest_endpoint, key) }
}

async function profiles (url: string, wsId: string, query = ''): Promise<Array<Record<string, any>>> {
  const res = await fetch(`${url}/_fake/workspaces/${wsId}/user-profiles${query}`)
  assert.equal(res.status, 200)
  return (await res.json()).users
}

test('braze-api: identify, merge, rename and remove external ids, alias update, bulk track and delete', async (t) => {
  const { url, wsId, braze } = await setup(t)
  await braze.users.track({ attributes: [{ user_alias: { alias_name: 'anon-1', alias_label: 'device' }, _update_existing_only: false, plan: 'free' }] })
  const identified = await braze.users.identify({ aliases_to_identify: [{ external_id: 'eve', user_alias: { alias_name: 'anon-1', alias_label: 'device' } }] })
  assert.deepEqual(identified, { aliases_processed: 1, message: 'success' })
  const [eve] = await profiles(url, wsId, '?external_id=eve')
  assert.equal(eve!.custom_attributes.plan, 'free')

  // bulk: the client's second argument posts to /users/track/bulk
  const bulk = await braze.users.track({ attributes: [{ external_id: 'old', email: 'old@example.com', visits: 3 }, { external_id: 'new', visits: 1 }] }, true)
  assert.deepEqual(bulk, { message: 'success', attributes_processed: 2 })
  const merged = await braze.users.merge({ merge_updates: [{ identifier_to_merge: { external_id: 'old' }, identifier_to_keep: { external_id: 'new' } }] })
  assert.deepEqual(merged, { message: 'success' })
  const [kept] = await profiles(url, wsId, '?external_id=new')
  assert.equal(kept!.email, 'old@example.com')

  const renamed = await braze.users.external_ids.rename({ external_id_renames: [{ current_external_id: 'eve', new_external_id: 'eve-2' }] })
  assert.deepEqual(renamed, { message: 'success', external_ids: ['eve'], rename_errors: [] })
  assert.equal((await profiles(url, wsId, '?external_id=eve-2')).length, 1)
  const removed = await braze.users.external_ids.remove({ external_ids: ['eve'] })
  assert.deepEqual(removed, { message: 'success', removed_ids: ['eve'], removal_errors: [] })

  const updated = await braze.users.alias.update({ alias_updates: [{ alias_label: 'device', old_alias_name: 'anon-1', new_alias_name: 'anon-2' }] })
  assert.deepEqual(updated, { message: 'success' })
  const [byAlias] = await profiles(url, wsId, '?alias_label=device&alias_name=anon-2')
  assert.equal(byAlias!.external_id, 'eve-2')

  const deleted = await braze.users.delete({ external_ids: ['new', 'eve-2'] })
  assert.deepEqual(deleted, { deleted: 2, message: 'success' })
  assert.deepEqual(await profiles(url, wsId), [])
})

test('braze-api: messages/send, campaign and Canvas triggers, send ids, subscription status set and get', async (t) => {
  const { url, wsId, braze } = await setup(t)
  await braze.users.track({ attributes: [{ external_id: 'fay', first_name: 'Fay', email: 'fay@example.com', phone: '4155552671' }] })
  await control(url, `/_fake/workspaces/${wsId}/campaigns`, { id: 'welcome', name: 'Welcome', kind: 'api_triggered', messages: [{ id: 'welcome-email', channel: 'email', from: 'S <s@example.com>', subject: 'Hi {{${first_name}}}', body: '{{api_trigger_properties.${code}}}' }] })
  await control(url, `/_fake/workspaces/${wsId}/campaigns`, { id: 'api', name: 'API', kind: 'api', messages: [{ id: 'api-email', channel: 'email' }] })
  await control(url, `/_fake/workspaces/${wsId}/canvases`, { id: 'onboarding', name: 'Onboarding', steps: [{ id: 'step-1', name: 'Welcome', messages: [{ channel: 'email', subject: 'Step {{canvas_entry_properties.${n}}}', body: 'b' }] }] })
  const outbox = async (dispatchId: string): Promise<Array<Record<string, any>>> => (await (await fetch(`${url}/_fake/workspaces/${wsId}/messages?dispatch_id=${dispatchId}`)).json()).messages

  const triggered = await braze.campaigns.trigger.send({ campaign_id: 'welcome', trigger_properties: { code: 'C10' }, recipients: [{ external_user_id: 'fay' }] })
  assert.equal(triggered.message, 'success')
  assert.deepEqual((await outbox(triggered.dispatch_id)).map((m) => [m.status, m.subject, m.body]), [['delivered', 'Hi Fay', 'C10']])

  const { send_id: sendId } = await braze.sends.id.create({ campaign_id: 'api', send_id: 'nov-newsletter' })
  assert.equal(sendId, 'nov-newsletter')
  const sent = await braze.messages.send({ campaign_id: 'api', send_id: sendId, external_user_ids: ['fay'], messages: { email: { app_id: 'a', message_variation_id: 'api-email', from: 'S <s@example.com>', subject: 'News for {{${first_name}}}', body: 'b' } } })
  assert.deepEqual((await outbox(sent.dispatch_id)).map((m) => [m.status, m.subject]), [['delivered', 'News for Fay']])

  const canvas = await braze.canvas.trigger.send({ canvas_id: 'onboarding', canvas_entry_properties: { n: 1 }, recipients: [{ external_user_id: 'fay' }] })
  assert.deepEqual((await outbox(canvas.dispatch_id)).map((m) => [m.status, m.subject]), [['delivered', 'Step 1']])

  const group = await control(url, `/_fake/workspaces/${wsId}/subscription-groups`, { name: 'SMS promos', channel: 'sms' })
  // The endpoint's own doc demands E.164 here, so the number goes as the profile holds it. The
  // client's type requires external_id even with phone (Braze's doc: one of them): a client
  // deviation (COVERAGE.md), so the documented body is cast.
  const byPhone = { subscription_group_id: group.id, subscription_state: 'subscribed', phone: ['+14155552671'] }
  const set = await braze.subscription.status.set(byPhone as unknown as Parameters<typeof braze.subscription.status.set>[0])
  assert.deepEqual(set, { message: 'success' })
  const got = await braze.subscription.status.get({ subscription_group_id: group.id, external_id: ['fay'] })
  assert.deepEqual(got, { status: { fay: 'Subscribed' }, message: 'success' })
  const byUser = await braze.subscription.user.status({ external_id: ['fay'] })
  assert.deepEqual(byUser.users.map((u) => [u.external_id, u.phone, u.subscription_groups.map((g) => g.status)]), [['fay', '+14155552671', ['Subscribed']]])
  const v2 = await braze.v2.subscription.status.set({ subscription_groups: [{ subscription_group_id: group.id, subscription_state: 'unsubscribed', external_ids: ['fay'] }] })
  assert.deepEqual(v2, { message: 'success' })
  const [fay] = await profiles(url, wsId, '?external_id=fay')
  assert.deepEqual(fay!.subscriptions.groups, { [group.id]: 'unsubscribed' })
})

test('braze-api: schedules fire on the fake clock, schedule delete, campaign and Canvas lists, email list removals', async (t) => {
  const { url, wsId, braze } = await setup(t)
  await braze.users.track({ attributes: [{ external_id: 'gus', first_name: 'Gus', email: 'gus@example.com' }] })
  await control(url, `/_fake/workspaces/${wsId}/campaigns`, { id: 'welcome', name: 'Welcome', kind: 'api_triggered', messages: [{ id: 'welcome-email', channel: 'email', from: 'S <s@example.com>', subject: 'Hi {{${first_name}}}', body: 'b' }] })
  await control(url, `/_fake/workspaces/${wsId}/canvases`, { id: 'onboarding', name: 'Onboarding', steps: [{ id: 'step-1', name: 'Welcome', messages: [{ channel: 'email', subject: 's', body: 'b' }] }] })
  const clock = await (await fetch(`${url}/_fake/clock`)).json()
  const inAnHour = new Date(Date.parse(clock.now) + 3_600_000).toISOString()
  const outbox = async (): Promise<Array<Record<string, any>>> => (await (await fetch(`${url}/_fake/workspaces/${wsId}/messages`)).json()).messages

  const email = { app_id: 'a', from: 'S <s@example.com>', subject: 'Later, {{${first_name}}}', body: 'b' }
  const kept = await braze.messages.schedule.create({ external_user_ids: ['gus'], messages: { email }, schedule: { time: inAnHour } })
  assert.equal(kept.message, 'success')
  const dropped = await braze.campaigns.trigger.schedule.create({ campaign_id: 'welcome', recipients: [{ external_user_id: 'gus' }], schedule: { time: inAnHour } })
  assert.deepEqual(await braze.campaigns.trigger.schedule.delete({ campaign_id: 'welcome', schedule_id: dropped.schedule_id }), { message: 'success' })
  assert.deepEqual(await outbox(), [])
  await control(url, '/_fake/clock', { advance_ms: 2 * 3_600_000 })
  const fired = await outbox()
  assert.deepEqual(fired.map((m) => [m.dispatch_id, m.external_id, m.status, m.subject]), [[kept.dispatch_id, 'gus', 'delivered', 'Later, Gus']])

  const campaigns = await braze.campaigns.list()
  assert.deepEqual(campaigns.campaigns.map((c) => c.id), ['welcome'])
  const details = await braze.campaigns.details({ campaign_id: 'welcome' })
  assert.equal(details.name, 'Welcome')
  const canvases = await braze.canvas.list()
  assert.deepEqual(canvases.canvases.map((c) => c.id), ['onboarding'])

  await control(url, `/_fake/workspaces/${wsId}/deliverability-events`, { hard_bounces: ['gus@example.com'], spam_reports: ['gus@example.com'] })
  const flags = async (): Promise<[boolean, boolean]> => {
    const [gus] = await profiles(url, wsId, '?external_id=gus')
    return [gus!.subscriptions.email_hard_bounced, gus!.subscriptions.email_spam]
  }
  assert.deepEqual(await flags(), [true, true])
  assert.deepEqual(await braze.email.bounce.remove({ email: 'gus@example.com' }), { message: 'success' })
  assert.deepEqual(await braze.email.spam.remove({ email: 'gus@example.com' }), { message: 'success' })
  assert.deepEqual(await flags(), [false, false])
})
