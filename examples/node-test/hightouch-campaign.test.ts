/**
 * Example: the whole Hightouch flow, to its last step (braze-docs partners/…/hightouch, step 4):
 * a data import key, the cohort sync, a segment with the "Hightouch Cohorts" filter, a campaign
 * targeting it, and a trigger. The outbox shows who got which rendered email, and who was
 * skipped and why.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startFakeBraze, type FakeBraze } from 'fake-braze'
import { syncCohort } from '../hightouch-sync.js'
import { triggerWinback } from '../winback-trigger.js'

let braze: FakeBraze
before(async () => { braze = await startFakeBraze() })
after(async () => { await braze.close() })

test('after last night\'s sync, the win-back campaign reaches exactly the reachable cohort members', async () => {
  // 1. a workspace with a Hightouch data import key and a REST key
  const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
  await braze.control.seedUsers(ws.id, [
    { external_id: 'alice', email: 'alice@example.com', profile: { first_name: 'Alice' } },
    { external_id: 'bob', email: 'bob@example.com', email_subscribe: 'unsubscribed' },
    { external_id: 'carol' }, // no email address
    { external_id: 'dave', email: 'dave@example.com', profile: { first_name: 'Dave' } } // not in the cohort
  ])
  // 2. the cohort sync (Hightouch's side)
  await syncCohort(
    { restEndpoint: ws.rest_endpoint, partner: 'hightouch', partnerApiKey: ws.partner_api_keys.hightouch!.current, clientSecret: ws.data_import_keys.hightouch! },
    { cohortId: 'lapsed', name: 'Lapsed buyers', createdAt: '2026-11-28T00:00:00Z', add: ['alice', 'bob', 'carol'], remove: [] }
  )
  // 3. the marketer's segment with the "Hightouch Cohorts" filter, and 4. the campaign targeting it
  await braze.control.createSegment(ws.id, { id: 'lapsed', name: 'Lapsed buyers', filter: { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'lapsed' } })
  await braze.control.createCampaign(ws.id, {
    id: 'winback', name: 'Win-back', kind: 'api_triggered', segment_id: 'lapsed',
    messages: [{ id: 'winback-email', channel: 'email', from: 'Shop <shop@example.com>', subject: 'We miss you, {{${first_name} | default: "friend"}}', body: '{{api_trigger_properties.${discount}}} off, {{${email_address}}}' }]
  })
  // 5. the backend triggers it
  const { dispatch_id: dispatchId } = await triggerWinback({ restEndpoint: ws.rest_endpoint, apiKey: ws.rest_api_key }, 'winback', '20%')

  const outbox = await braze.control.messages(ws.id, { campaign_id: 'winback' })
  assert.ok(outbox.every((m) => m.dispatch_id === dispatchId))
  const delivered = outbox.filter((m) => m.status === 'delivered').map((m) => ({ to: m.external_id, subject: m.subject, body: m.body }))
  assert.deepEqual(delivered, [{ to: 'alice', subject: 'We miss you, Alice', body: '20% off, alice@example.com' }])
  const skipped = outbox.filter((m) => m.status === 'skipped').map((m) => [m.external_id, m.reason])
  assert.deepEqual(skipped, [['bob', 'unsubscribed'], ['carol', 'no_address']])

  // A second trigger reaches nobody new: re-eligibility is off by default.
  await triggerWinback({ restEndpoint: ws.rest_endpoint, apiKey: ws.rest_api_key }, 'winback', '30%')
  assert.equal((await braze.control.messages(ws.id, { campaign_id: 'winback', status: 'delivered' })).length, 1)
  // The journal shows each send's effects.
  const [entry] = await braze.control.requests({ workspace_id: ws.id, path: '/campaigns/trigger/send' })
  assert.equal(entry!.effects.delivered, 1)
})
