import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../../helper.js'
import { call, control, messagingSetup, outbox } from './messaging-helpers.js'

test('control plane: a campaign gets ids for itself and its variations, lists, replaces and archives', async (t) => {
  const s = await messagingSetup(t)
  const res = await control(s, 'POST', '/campaigns', { name: 'Promo', kind: 'api', messages: [{ channel: 'sms', body: 'hi', subscription_group_id: 'g1' }] })
  assert.equal(res.statusCode, 201, res.body)
  const c = json(res)
  assert.match(c.id, /^[0-9a-f-]{36}$/)
  assert.equal(c.messages[0].name, 'Variant 1')
  assert.ok(c.messages[0].id)
  assert.equal(c.send_to, 'subscribed_or_opted_in')
  assert.equal(c.re_eligibility_s, null)
  assert.equal((await control(s, 'POST', '/campaigns', { id: 'winback', name: 'x', kind: 'api', messages: [] })).statusCode, 409)
  assert.equal((await control(s, 'POST', '/campaigns', { name: 'x', kind: 'api', segment_id: 'nope', messages: [] })).statusCode, 400)
  const put = await control(s, 'PUT', `/campaigns/${c.id as string}`, { name: 'Promo 2', kind: 'api', messages: [] })
  assert.equal(json(put).name, 'Promo 2')
  assert.equal(json(put).id, c.id)
  assert.equal(json(await control(s, 'DELETE', `/campaigns/${c.id as string}`)).archived, true)
  assert.equal(json(await control(s, 'GET', '/campaigns')).campaigns.length, 2)
  assert.equal((await control(s, 'GET', '/campaigns/missing')).statusCode, 404)
})

test('80/81/82/100: trigger send reaches segment members who are reachable, with rendered Liquid; the outbox says why others were skipped', async (t) => {
  const s = await messagingSetup(t)
  const res = await call(s, '/campaigns/trigger/send', {
    campaign_id: 'winback', trigger_properties: { discount: '20%' },
    recipients: [{ external_user_id: 'u1' }, { external_user_id: 'u2' }, { external_user_id: 'u3' }, { external_user_id: 'u4' }, { external_user_id: 'ghost' }]
  })
  assert.equal(res.statusCode, 201, res.body)
  const body = json(res)
  assert.match(body.dispatch_id, /^[0-9a-f]{32}$/)
  assert.equal(body.message, 'success')
  const msgs = await outbox(s, { dispatch_id: body.dispatch_id })
  const by = Object.fromEntries(msgs.map((m) => [m.external_id, m]))
  assert.equal(by.u1.status, 'delivered')
  assert.equal(by.u1.subject, 'Hi Ann')
  assert.equal(by.u1.body, 'gold: 20%')
  assert.equal(by.u1.campaign_id, 'winback')
  assert.equal(by.u1.variation_id, 'winback-email')
  assert.equal(by.u1.channel, 'email')
  assert.deepEqual([by.u2.reason, by.u3.reason, by.u4.reason, by.ghost.reason], ['unsubscribed', 'no_address', 'not_in_segment', 'unknown_user'])
  assert.equal(by.ghost.braze_id, null)
  // the journal counts outcomes
  const journal = json(await s.app.inject({ url: `/_fake/requests?workspace_id=${s.workspaceId}&path=/campaigns/trigger/send` }))
  assert.equal(journal.requests[0].effects.delivered, 1)
  assert.equal(journal.requests[0].effects.by_reason.unsubscribed, 1)
})

test('98/89/90: re-eligibility off → no second delivery; duplicates collapse to the last properties; per-recipient properties override', async (t) => {
  const s = await messagingSetup(t)
  const first = await call(s, '/campaigns/trigger/send', {
    campaign_id: 'winback', trigger_properties: { discount: '10%' },
    recipients: [{ external_user_id: 'u1', trigger_properties: { discount: '15%' } }, { external_user_id: 'u1', trigger_properties: { discount: '30%' } }]
  })
  const d1 = json(first).dispatch_id
  const m1 = await outbox(s, { dispatch_id: d1 })
  assert.equal(m1.length, 1)
  assert.equal(m1[0]!.body, 'gold: 30%')
  const second = await call(s, '/campaigns/trigger/send', { campaign_id: 'winback', recipients: [{ external_user_id: 'u1' }] })
  assert.equal(second.statusCode, 201)
  assert.notEqual(json(second).dispatch_id, d1)
  const m2 = await outbox(s, { dispatch_id: json(second).dispatch_id })
  assert.equal(m2[0]!.reason, 'already_received')
  // with re-eligibility on, after the window the user receives again
  await control(s, 'PUT', '/campaigns/winback', { name: 'Win-back', kind: 'api_triggered', segment_id: 'vip', re_eligibility_s: 60, messages: [{ id: 'winback-email', channel: 'email', subject: 's', body: 'b' }] })
  s.advance(61_000)
  const third = await call(s, '/campaigns/trigger/send', { campaign_id: 'winback', recipients: [{ external_user_id: 'u1' }] })
  assert.equal((await outbox(s, { dispatch_id: json(third).dispatch_id }))[0]!.status, 'delivered')
})

test('83/84/100: send_to_existing_only:false with attributes creates the user, then renders its attributes; without attributes nothing is created', async (t) => {
  const s = await messagingSetup(t)
  const res = await call(s, '/campaigns/trigger/send', {
    campaign_id: 'winback',
    recipients: [
      { external_user_id: 'new1', send_to_existing_only: false, attributes: { email: 'new1@example.com', first_name: 'Neo', vip: true } },
      { external_user_id: 'new2', send_to_existing_only: false }
    ]
  })
  const msgs = await outbox(s, { dispatch_id: json(res).dispatch_id })
  const by = Object.fromEntries(msgs.map((m) => [m.external_id, m]))
  assert.equal(by.new1.status, 'delivered')
  assert.equal(by.new1.subject, 'Hi Neo')
  assert.equal(by.new2.reason, 'unknown_user')
  const users = json(await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/user-profiles?external_id=new2` })).users
  assert.equal(users.length, 0)
})

test('92/106/127: broadcast reaches every reachable member with one dispatch_id and a generated send_id', async (t) => {
  const s = await messagingSetup(t)
  const res = await call(s, '/campaigns/trigger/send', { campaign_id: 'winback', broadcast: true, trigger_properties: { discount: '5%' } })
  assert.equal(res.statusCode, 201, res.body)
  const b = json(res)
  assert.ok(b.send_id)
  const msgs = await outbox(s, { dispatch_id: b.dispatch_id })
  assert.deepEqual(msgs.map((m) => `${m.external_id as string}:${m.reason as string ?? 'ok'}`).sort(), ['u1:ok', 'u2:unsubscribed', 'u3:no_address'])
  assert.ok(msgs.every((m) => m.send_id === b.send_id))
})

test('91/94/95/96/97/101/102: bad trigger input gets Braze\'s status and text, and nothing is sent', async (t) => {
  const s = await messagingSetup(t)
  const cases: Array<[unknown, number, string]> = [
    [{ campaign_id: 'nope', recipients: [{ external_user_id: 'u1' }] }, 400, 'Invalid Campaign ID'],
    [{ campaign_id: 'winback' }, 400, 'No Recipients'],
    [{ campaign_id: 'winback', broadcast: true, recipients: [{ external_user_id: 'u1' }] }, 400, "A 'recipients' list cannot be included when 'broadcast' is true"],
    [{ campaign_id: 'winback', recipients: Array.from({ length: 51 }, (_, i) => ({ external_user_id: `x${i}` })) }, 400, 'The max number of external_ids and aliases per request was exceeded'],
    [{ campaign_id: 'winback', broadcast: true, attachments: [{ file_name: 'a', url: 'https://x' }] }, 400, "'attachments' cannot be included when 'broadcast' is true"],
    [{ campaign_id: 'winback', trigger_properties: { big: 'x'.repeat(51 * 1024) }, recipients: [{ external_user_id: 'u1' }] }, 400, 'trigger_properties must be at most 50KB'],
    [{ campaign_id: 'winback', recipients: [{ email: 'ann@example.com' }] }, 400, "'prioritization' is required when a recipient is identified by 'email' (recipients[0]: 'prioritization' is required and must be a non-empty array when identifying users by email or phone)"]
  ]
  for (const [body, status, message] of cases) {
    const res = await call(s, '/campaigns/trigger/send', body)
    assert.equal(res.statusCode, status, res.body)
    assert.equal(json(res).message, message)
  }
  // segment_id is ignored, not an error (96)
  assert.equal((await call(s, '/campaigns/trigger/send', { campaign_id: 'winback', segment_id: 'x', recipients: [{ external_user_id: 'u1' }] })).statusCode, 201)
  // a draft campaign is not triggerable
  await control(s, 'POST', '/campaigns', { id: 'draft', name: 'd', kind: 'api_triggered', status: 'draft', messages: [{ channel: 'webhook', url: 'https://x' }] })
  assert.equal(json(await call(s, '/campaigns/trigger/send', { campaign_id: 'draft', recipients: [{ external_user_id: 'u1' }] })).message, 'Invalid Campaign ID')
  assert.equal((await outbox(s)).length, 1)
})

test('87/126: email recipients resolve through prioritization; abort_message and template errors are per-user non-deliveries', async (t) => {
  const s = await messagingSetup(t)
  await control(s, 'POST', '/campaigns', {
    id: 'guarded', name: 'Guarded', kind: 'api_triggered',
    messages: [{ id: 'e', channel: 'email', subject: '{% if ${first_name} == "Dan" %}{% abort_message("no dans") %}{% endif %}Hello', body: '{{ ${first_name} | nosuchfilter }}' }]
  })
  const res = await call(s, '/campaigns/trigger/send', { campaign_id: 'guarded', recipients: [{ email: 'dan@example.com', prioritization: ['most_recently_updated'] }, { external_user_id: 'u1' }] })
  const msgs = await outbox(s, { dispatch_id: json(res).dispatch_id })
  const by = Object.fromEntries(msgs.map((m) => [m.external_id, m.reason]))
  assert.deepEqual(by, { u4: 'aborted', u1: 'render_error' })
})

test('104/105/103/140: Canvas triggers render context and legacy canvas_entry_properties; paused and archived Canvases answer with a notice', async (t) => {
  const s = await messagingSetup(t)
  const res = await control(s, 'POST', '/canvases', { id: 'onb', name: 'Onboarding', segment_id: 'vip', steps: [{ id: 'welcome', name: 'Welcome', messages: [{ channel: 'email', subject: '{{canvas.${name}}}', body: '{{context.${plan}}}/{{canvas_entry_properties.${plan}}}' }] }] })
  assert.equal(res.statusCode, 201, res.body)
  assert.ok(json(res).steps[0].messages[0].id)
  const sent = await call(s, '/canvas/trigger/send', { canvas_id: 'onb', canvas_entry_properties: { plan: 'gold' }, recipients: [{ external_user_id: 'u1' }] })
  assert.equal(sent.statusCode, 201)
  const [m] = await outbox(s, { canvas_id: 'onb' })
  assert.equal(m!.subject, 'Onboarding')
  assert.equal(m!.body, 'gold/gold')
  assert.equal(m!.step_id, 'welcome')
  await control(s, 'PUT', '/canvases/onb', { name: 'Onboarding', status: 'stopped', steps: [] })
  assert.equal(json(await call(s, '/canvas/trigger/send', { canvas_id: 'onb', recipients: [{ external_user_id: 'u1' }] })).notice, 'The Canvas is paused. Resume the Canvas to ensure trigger requests will take effect.')
  await control(s, 'DELETE', '/canvases/onb')
  assert.equal(json(await call(s, '/canvas/trigger/send', { canvas_id: 'onb', recipients: [{ external_user_id: 'u1' }] })).notice, 'The Canvas is archived. Unarchive the Canvas to ensure trigger requests will take effect.')
  assert.equal(json(await call(s, '/canvas/trigger/send', { canvas_id: 'missing', recipients: [{ external_user_id: 'u1' }] })).message, 'Invalid Canvas ID')
})

test('107/108/109/110/111/112/115/116/117/118: /messages/send validates message objects and applies recipient_subscription_state', async (t) => {
  const s = await messagingSetup(t)
  const email = { app_id: 'a', from: 'S <s@x.com>', subject: 'Hi {{${first_name}}}', body: 'b' }
  const res = await call(s, '/messages/send', { external_user_ids: ['u1', 'u2', 'ghost'], messages: { email } })
  assert.equal(res.statusCode, 201, res.body)
  const msgs = await outbox(s, { dispatch_id: json(res).dispatch_id })
  assert.deepEqual(msgs.map((m) => m.reason ?? m.subject), ['Hi Ann', 'unsubscribed', 'unknown_user'])
  const all = await call(s, '/messages/send', { external_user_ids: ['u2'], recipient_subscription_state: 'all', messages: { email } })
  assert.equal((await outbox(s, { dispatch_id: json(all).dispatch_id }))[0]!.status, 'delivered')
  const opted = await call(s, '/messages/send', { external_user_ids: ['u1'], recipient_subscription_state: 'opted_in', messages: { email } })
  assert.equal((await outbox(s, { dispatch_id: json(opted).dispatch_id }))[0]!.reason, 'not_opted_in')
  const seg = await call(s, '/messages/send', { segment_id: 'vip', external_user_ids: ['u1', 'u4'], messages: { email } })
  assert.deepEqual((await outbox(s, { dispatch_id: json(seg).dispatch_id })).map((m) => m.reason ?? 'ok'), ['ok', 'not_in_segment'])
  await control(s, 'POST', '/campaigns', { id: 'api1', name: 'API', kind: 'api', messages: [{ id: 'v-email', channel: 'email' }, { id: 'v-sms', channel: 'sms' }] })
  const bad: Array<[unknown, string]> = [
    [{ segment_id: 'vip', messages: { email } }, 'No Recipients'],
    [{ external_user_ids: ['u1'], messages: {} }, 'No message to send'],
    [{ external_user_ids: ['u1'], messages: { email: { app_id: 'a', body: 'b' } } }, "'email' requires 'app_id', 'from' and 'body' (or 'email_template_id')"],
    [{ external_user_ids: ['u1'], campaign_id: 'api1', messages: { email } }, 'Message Variant Unspecified'],
    [{ external_user_ids: ['u1'], campaign_id: 'api1', messages: { email: { ...email, message_variation_id: 'zzz' } } }, 'Invalid Message Variant'],
    [{ external_user_ids: ['u1'], campaign_id: 'api1', messages: { email: { ...email, message_variation_id: 'v-sms' } } }, 'Mismatched Message Type'],
    [{ external_user_ids: ['u1'], messages: { apple_push: { alert: 'x', extra: 'no' } } }, 'Invalid Extra Push Payload'],
    [{ external_user_ids: ['u1'], messages: { apple_push: { alert: 'x'.repeat(2000) } } }, 'Apple Push Length Exceeded'],
    [{ external_user_ids: ['u1'], campaign_id: 'winback', messages: { email } }, 'Invalid Campaign ID']
  ]
  for (const [body, message] of bad) {
    const r = await call(s, '/messages/send', body)
    assert.equal(r.statusCode, 400, r.body)
    assert.equal(json(r).message, message)
  }
  const ok = await call(s, '/messages/send', { external_user_ids: ['u1'], campaign_id: 'api1', messages: { email: { ...email, message_variation_id: 'v-email' } } })
  assert.equal((await outbox(s, { dispatch_id: json(ok).dispatch_id }))[0]!.campaign_id, 'api1')
})

test('119/120/122: SMS needs the group, push a token; the connected audience narrows the recipients', async (t) => {
  const s = await messagingSetup(t)
  // The SMS group exists in the workspace, as the dashboard would have made it (/users/track rejects unknown group ids).
  const group = await control(s, 'POST', '/subscription-groups', { id: '3f0c6c5e-8d4a-4a43-9a4a-1f0a3c1e2b11', name: 'Marketing SMS', channel: 'sms' })
  assert.equal(group.statusCode, 201, group.body)
  const tracked = await call(s, '/users/track', { attributes: [{ external_id: 'u1', phone: '+14155550100', subscription_groups: [{ subscription_group_id: '3f0c6c5e-8d4a-4a43-9a4a-1f0a3c1e2b11', subscription_state: 'subscribed' }], favorite_foods: ['pizza'] }, { external_id: 'u4', phone: '+14155550101', favorite_foods: ['salad'] }] })
  assert.deepEqual(json(tracked).errors, undefined, tracked.body)
  const sms = { app_id: 'a', subscription_group_id: '3f0c6c5e-8d4a-4a43-9a4a-1f0a3c1e2b11', body: 'Hi' }
  const r = await call(s, '/messages/send', { external_user_ids: ['u1', 'u4'], messages: { sms, android_push: { alert: 'a', title: 't' } } })
  const msgs = await outbox(s, { dispatch_id: json(r).dispatch_id })
  assert.deepEqual(msgs.map((m) => `${m.external_id as string}:${m.channel as string}:${m.reason as string ?? 'ok'}`), ['u1:sms:ok', 'u1:push:no_push_token', 'u4:sms:not_in_group', 'u4:push:no_push_token'])
  const aud = await call(s, '/messages/send', { broadcast: true, audience: { custom_attribute: { custom_attribute_name: 'favorite_foods', comparison: 'includes_value', value: 'pizza' } }, messages: { sms } })
  assert.equal(aud.statusCode, 201, aud.body)
  assert.deepEqual((await outbox(s, { dispatch_id: json(aud).dispatch_id, status: 'delivered' })).map((m) => m.external_id), ['u1'])
})

test('74/76/79/80: read endpoints: list, details (schedule_type api_triggered), data series counting the outbox, send ids', async (t) => {
  const s = await messagingSetup(t)
  await call(s, '/campaigns/trigger/send', { campaign_id: 'winback', broadcast: true })
  const list = json(await call(s, '/campaigns/list'))
  assert.deepEqual(list.campaigns.map((c: any) => [c.id, c.is_api_campaign]), [['winback', false]])
  assert.deepEqual(json(await call(s, '/campaigns/list?page=1')).campaigns, [])
  const d = json(await call(s, '/campaigns/details?campaign_id=winback'))
  assert.equal(d.schedule_type, 'api_triggered')
  assert.equal(d.messages['winback-email'].channel, 'email')
  assert.equal(d.messages['winback-email'].subject, 'Hi {{${first_name} | default: "friend"}}')
  assert.ok(d.first_sent)
  assert.equal(json(await call(s, '/campaigns/details?campaign_id=zz')).message, 'Invalid campaign_id'.replace('campaign_id', 'Campaign ID'))
  const series = json(await call(s, '/campaigns/data_series?campaign_id=winback&length=2&ending_at=2026-11-28T23:59:59Z'))
  // the campaign was created on 2026-11-28: the day before it is left out, as in every data_series
  assert.equal(series.data.length, 1)
  assert.equal(series.data[0].time, '2026-11-28')
  assert.equal(series.data[0].unique_recipients, 1)
  assert.equal(series.data[0].messages.email[0].sent, 1)
  for (const len of ['0', '101']) assert.equal((await call(s, `/campaigns/data_series?campaign_id=winback&length=${len}`)).statusCode, 400)
  assert.equal((await call(s, '/campaigns/data_series?campaign_id=winback')).statusCode, 400)
  const sid = await call(s, '/sends/id/create', { campaign_id: 'winback' })
  assert.equal(sid.statusCode, 201)
  assert.ok(json(sid).send_id)
  assert.equal(json(await call(s, '/sends/id/create', { campaign_id: 'winback', send_id: 'x'.repeat(65) })).message, "'send_id' must be at most 64 ASCII characters")
  await control(s, 'POST', '/canvases', { id: 'cv', name: 'CV', steps: [{ id: 's1', name: 'S1', messages: [{ channel: 'webhook', url: 'https://hook/{{${user_id}}}' }] }, { id: 's2', name: 'S2', messages: [] }] })
  const cd = json(await call(s, '/canvas/details?canvas_id=cv'))
  assert.deepEqual(cd.steps[0].next_step_ids, ['s2'])
  assert.equal(cd.variants[0].first_step_id, 's1')
  assert.deepEqual(json(await call(s, '/canvas/list')).canvases.map((c: any) => c.id), ['cv'])
  const cs = await call(s, '/canvas/data_series?canvas_id=cv&ending_at=2026-11-28T23:00:00Z&length=1')
  assert.equal(cs.statusCode, 200, cs.body)
})

test('63: permissions are enforced per endpoint', async (t) => {
  const s = await messagingSetup(t)
  const { restKey } = await import('../../rest-factories.js')
  const key = await restKey(s.app, s.workspaceId, ['campaigns.list'])
  const r = await s.app.inject({ method: 'POST', url: '/messages/send', headers: { authorization: `Bearer ${key}` }, payload: { external_user_ids: ['u1'], messages: {} } })
  assert.equal(r.statusCode, 403)
  assert.equal(json(r).message, 'Access Denied')
})

test('129/130/133/134: scheduled sends fire when the fake clock passes their time, with the create call\'s dispatch_id', async (t) => {
  const s = await messagingSetup(t)
  const at = new Date(Date.UTC(2026, 10, 28, 13, 0, 0)).toISOString()
  assert.equal(json(await call(s, '/campaigns/trigger/schedule/create', { campaign_id: 'winback', broadcast: true })).message, "'schedule' with a 'time' is required")
  assert.equal(json(await call(s, '/campaigns/trigger/schedule/create', { campaign_id: 'winback', broadcast: true, schedule: { time: 'tomorrow' } })).message, 'Bad Request')
  const res = await call(s, '/campaigns/trigger/schedule/create', { campaign_id: 'winback', broadcast: true, schedule: { time: at } })
  assert.equal(res.statusCode, 201, res.body)
  const { dispatch_id: dispatchId, schedule_id: scheduleId } = json(res)
  const del = await call(s, '/messages/schedule/create', { external_user_ids: ['u1'], messages: { webhook: { url: 'https://x', request_method: 'POST' } }, schedule: { time: at } })
  assert.equal(json(await call(s, '/messages/schedule/delete', { schedule_id: json(del).schedule_id })).message, 'success')
  assert.equal(json(await call(s, '/messages/schedule/delete', { schedule_id: json(del).schedule_id })).message, 'Invalid schedule_id')
  assert.equal((await outbox(s)).length, 0)
  s.advance(3_600_000)
  const msgs = await outbox(s)
  assert.ok(msgs.length > 0)
  assert.ok(msgs.every((m) => m.dispatch_id === dispatchId))
  assert.equal(json(await call(s, '/campaigns/trigger/schedule/update', { campaign_id: 'winback', schedule_id: scheduleId, schedule: { time: at } })).message, 'Invalid schedule_id')
})

test('POST …/campaigns/{id}/send presses "Send"; outbox filters, paging and DELETE', async (t) => {
  const s = await messagingSetup(t)
  const res = await control(s, 'POST', '/campaigns/winback/send')
  assert.equal(res.statusCode, 201, res.body)
  assert.deepEqual({ delivered: json(res).delivered, skipped: json(res).skipped }, { delivered: 1, skipped: 2 })
  const page1 = json(await control(s, 'GET', '/messages?limit=2'))
  assert.equal(page1.messages.length, 2)
  const page2 = json(await control(s, 'GET', `/messages?limit=2&cursor=${page1.next_cursor as string}`))
  assert.equal(page2.messages.length, 1)
  assert.equal(page2.next_cursor, undefined)
  assert.equal((await outbox(s, { external_id: 'u1' })).length, 1)
  assert.equal((await outbox(s, { status: 'skipped' })).length, 2)
  assert.equal(json(await control(s, 'DELETE', '/messages')).deleted, 3)
  assert.equal((await outbox(s)).length, 0)
})

test('/users/export/ids shows campaigns_received and canvases_received from the outbox', async (t) => {
  const s = await messagingSetup(t)
  await call(s, '/campaigns/trigger/send', { campaign_id: 'winback', recipients: [{ external_user_id: 'u1' }, { external_user_id: 'u2' }] })
  await control(s, 'POST', '/canvases', { id: 'cv', name: 'CV', steps: [{ id: 's1', name: 'S1', messages: [{ channel: 'webhook', url: 'https://hook' }] }] })
  await call(s, '/canvas/trigger/send', { canvas_id: 'cv', recipients: [{ external_user_id: 'u1' }] })
  const res = await call(s, '/users/export/ids', { external_ids: ['u1', 'u2'], fields_to_export: ['external_id', 'campaigns_received', 'canvases_received'] })
  const [u1, u2] = json(res).users
  assert.equal(u1.campaigns_received[0].api_campaign_id, 'winback')
  assert.equal(u1.campaigns_received[0].name, 'Win-back')
  assert.equal(u1.canvases_received[0].api_canvas_id, 'cv')
  assert.equal(u2.campaigns_received, undefined) // u2 was skipped (unsubscribed): nothing received
})

test('seed files and snapshots carry campaigns and Canvases', async (t) => {
  const s = await messagingSetup(t)
  await control(s, 'POST', '/canvases', { id: 'cv', name: 'CV', segment_id: 'vip', steps: [{ id: 's1', name: 'S1', messages: [{ id: 'w', channel: 'webhook', url: 'https://hook' }] }] })
  await control(s, 'DELETE', '/campaigns/winback')
  const snap = json(await control(s, 'GET', '/snapshot'))
  assert.equal(snap.workspaces[0].campaigns[0].id, 'winback')
  assert.equal(snap.workspaces[0].campaigns[0].archived, true)
  assert.equal(snap.workspaces[0].canvases[0].steps[0].messages[0].id, 'w')
  const { buildTestApp } = await import('../../helper.js')
  const fresh = await buildTestApp(t)
  const load = await fresh.inject({ method: 'POST', url: '/_fake/seed', payload: snap })
  assert.equal(load.statusCode, 201, load.body)
  const again = json(await fresh.inject({ url: `/_fake/workspaces/${s.workspaceId}/snapshot` }))
  assert.deepEqual(again.workspaces[0].campaigns, snap.workspaces[0].campaigns)
  assert.deepEqual(again.workspaces[0].canvases, snap.workspaces[0].canvases)
  const bad = await fresh.inject({ method: 'POST', url: '/_fake/seed', payload: { workspaces: [{ id: 'w2', campaigns: [{ name: 'x', kind: 'api', segment_id: 'nope', messages: [] }] }] } })
  assert.equal(bad.statusCode, 400)
  assert.equal(json(bad).message, 'workspaces[0].campaigns[0].segment_id: no segment nope in this workspace')
})

test('70/128: /sends/id/create is idempotent per pair and allows 100 creations a day per workspace', async (t) => {
  const s = await messagingSetup(t)
  assert.equal(json(await call(s, '/sends/id/create', { campaign_id: 'winback', send_id: 'same' })).send_id, 'same')
  assert.equal((await call(s, '/sends/id/create', { campaign_id: 'winback', send_id: 'same' })).statusCode, 201)
  for (let i = 1; i < 100; i++) assert.equal((await call(s, '/sends/id/create', { campaign_id: 'winback', send_id: `s${i}` })).statusCode, 201)
  const over = await call(s, '/sends/id/create', { campaign_id: 'winback', send_id: 's100' })
  assert.equal(over.statusCode, 429)
  assert.equal((await call(s, '/sends/id/create', { campaign_id: 'winback', send_id: 'same' })).statusCode, 201) // not a new creation
  s.advance(86_400_000)
  assert.equal((await call(s, '/sends/id/create', { campaign_id: 'winback', send_id: 's100' })).statusCode, 201)
  assert.equal(json(await call(s, '/sends/id/create', { campaign_id: 'nope' })).message, 'Invalid Campaign ID')
})

test('130/131/132/135: local-time schedules, updates that replace the schedule, scheduled_broadcasts', async (t) => {
  const s = await messagingSetup(t)
  const webhook = { webhook: { url: 'https://x', request_method: 'POST' } }
  const past = await call(s, '/messages/schedule/create', { external_user_ids: ['u1'], messages: webhook, schedule: { time: '2026-11-26T09:00:00', in_local_time: true } })
  assert.equal(past.statusCode, 400)
  assert.equal(json(past).message, 'Bad Request')
  const created = json(await call(s, '/messages/schedule/create', { external_user_ids: ['u1'], messages: webhook, schedule: { time: '2026-11-29T09:00:00', in_local_time: true } }))
  const none = await call(s, '/messages/schedule/update', { schedule_id: created.schedule_id })
  assert.equal(json(none).message, "One of 'schedule' or 'messages' is required")
  assert.equal((await call(s, '/messages/schedule/update', { schedule_id: created.schedule_id, schedule: { time: '2026-11-28T12:30:00Z' } })).statusCode, 201)
  const pending = json(await control(s, 'GET', '/message-schedules')).schedules
  assert.deepEqual(pending.map((p: any) => p.send_at), ['2026-11-28T12:30:00.000Z'])
  assert.equal((await call(s, '/messages/scheduled_broadcasts')).statusCode, 400)
  await control(s, 'POST', '/campaigns', { id: 'digest', name: 'Digest', kind: 'scheduled', tags: ['weekly'], send_at: '2026-11-30T09:00:00Z', messages: [{ channel: 'email', subject: 's', body: 'b' }] })
  const list = json(await call(s, '/messages/scheduled_broadcasts?end_time=2026-12-31T00:00:00Z'))
  assert.deepEqual(list.scheduled_broadcasts.map((b: any) => [b.id, b.type, b.next_send_time]), [['digest', 'Campaign', '2026-11-30T09:00:00.000Z']])
})

test('a dashboard-scheduled campaign sends to its segment when the fake clock passes send_at, once per send_at', async (t) => {
  const s = await messagingSetup(t)
  const def = { name: 'Digest', kind: 'scheduled', segment_id: 'vip', re_eligibility_s: 0, send_at: '2026-11-28T13:00:00Z', messages: [{ channel: 'email', subject: 'Digest for {{${first_name}}}', body: 'b' }] }
  await control(s, 'POST', '/campaigns', { id: 'digest', ...def })
  assert.equal((await outbox(s, { campaign_id: 'digest' })).length, 0)
  s.advance(3_600_000)
  const sent = await outbox(s, { campaign_id: 'digest', status: 'delivered' })
  assert.deepEqual(sent.map((m) => m.subject), ['Digest for Ann'])
  s.advance(60_000)
  assert.equal((await outbox(s, { campaign_id: 'digest', status: 'delivered' })).length, 1)
  await control(s, 'PUT', '/campaigns/digest', { ...def, send_at: '2026-11-28T14:00:00Z' })
  s.advance(3_600_000)
  assert.equal((await outbox(s, { campaign_id: 'digest', status: 'delivered' })).length, 2)
})

test('Canvas data_series: step names, documented per-step fields, variant_stats when asked; every data_series leaves out days before its object existed', async (t) => {
  const s = await messagingSetup(t)
  const created = await control(s, 'POST', '/canvases', { id: 'cv', name: 'CV', steps: [{ id: 's1', name: 'Welcome hook', messages: [{ channel: 'webhook', url: 'https://hook/{{${user_id}}}' }] }, { id: 's2', name: 'Later', messages: [] }] })
  assert.equal(created.statusCode, 201, created.body)
  const sent = await call(s, '/canvas/trigger/send', { canvas_id: 'cv', recipients: [{ external_user_id: 'u1' }, { external_user_id: 'u4' }] })
  assert.equal(sent.statusCode, 201, sent.body)
  s.advance(86_400_000)
  const plain = json(await call(s, '/canvas/data_series?canvas_id=cv&ending_at=2026-11-29T23:00:00Z&length=7'))
  assert.equal(plain.data.name, 'CV')
  assert.deepEqual(plain.data.stats.map((d: any) => d.time), ['2026-11-28', '2026-11-29'])
  assert.equal(plain.data.stats[0].variant_stats, undefined)
  assert.equal(plain.data.stats[0].step_stats, undefined)
  // starting_at and ending_at read the docs' `-5:00` offsets alike (the length comes from the two)
  const ranged = await call(s, '/canvas/data_series?canvas_id=cv&starting_at=2026-11-28T00:00:00-5:00&ending_at=2026-11-29T18:00:00-5:00')
  assert.equal(ranged.statusCode, 200, ranged.body)
  assert.deepEqual(json(ranged).data.stats.map((d: any) => d.time), ['2026-11-28', '2026-11-29'])
  assert.deepEqual(plain.data.stats[0].total_stats, { revenue: 0, conversions: 0, conversions_by_entry_time: 0, entries: 2 })
  const res = await call(s, '/canvas/data_series?canvas_id=cv&ending_at=2026-11-29T23:00:00Z&length=2&include_variant_breakdown=true&include_step_breakdown=true')
  assert.equal(res.statusCode, 200, res.body)
  const day = json(res).data.stats[0]
  const variantId = json(await call(s, '/canvas/details?canvas_id=cv')).variants[0].id
  assert.deepEqual(day.variant_stats, { [variantId]: { name: 'Variant 1', revenue: 0, conversions: 0, conversions_by_entry_time: 0, entries: 2 } })
  assert.equal(day.step_stats.s1.name, 'Welcome hook')
  assert.deepEqual(Object.keys(day.step_stats.s1).sort(), ['conversions', 'conversions_by_entry_time', 'messages', 'name', 'revenue'])
  assert.equal(day.step_stats.s1.messages.webhook[0].sent, 2)
  assert.deepEqual(day.step_stats.s2, { name: 'Later', revenue: 0, conversions: 0, conversions_by_entry_time: 0, messages: {} })
  // campaigns and segments answer alike for days before they existed
  const campaign = json(await call(s, '/campaigns/data_series?campaign_id=winback&length=30'))
  assert.deepEqual(campaign.data.map((d: any) => d.time), ['2026-11-28', '2026-11-29'])
  const segment = json(await call(s, '/segments/data_series?segment_id=vip&length=30'))
  assert.deepEqual(segment.data.map((d: any) => d.time), ['2026-11-28', '2026-11-29'])
  assert.deepEqual(json(await call(s, '/campaigns/data_series?campaign_id=winback&length=3&ending_at=2026-11-01T00:00:00Z')).data, [])
})

test('list endpoints honour last_edit.time[gt] and page', async (t) => {
  const s = await messagingSetup(t)
  s.advance(3_600_000)
  await control(s, 'POST', '/segments', { id: 'later', name: 'Later', filter: { filter: 'custom_attribute', attribute: 'vip', operator: 'equals', value: false } })
  await control(s, 'POST', '/canvases', { id: 'cv2', name: 'CV2', steps: [] })
  const after = '2026-11-28T12:30:00'
  assert.deepEqual(json(await call(s, '/segments/list')).segments.map((x: any) => x.id), ['vip', 'later'])
  assert.deepEqual(json(await call(s, `/segments/list?last_edit.time[gt]=${after}`)).segments.map((x: any) => x.id), ['later'])
  assert.deepEqual(json(await call(s, `/segments/list?last_edit.time[gt]=${after}&page=1`)).segments, [])
  assert.deepEqual(json(await call(s, `/campaigns/list?last_edit.time[gt]=${after}`)).campaigns, [])
  assert.deepEqual(json(await call(s, '/campaigns/list?last_edit.time[gt]=2026-11-28T11:00:00')).campaigns.map((x: any) => x.id), ['winback'])
  assert.deepEqual(json(await call(s, `/canvas/list?last_edit.time[gt]=${after}`)).canvases.map((x: any) => x.id), ['cv2'])
  assert.equal((await call(s, '/canvas/list?last_edit.time[gt]=not-a-time')).statusCode, 400)
})
