/** Braze's Liquid subset on liquidjs (braze-reference-messaging §2.20), without HTTP. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { render, toLiquidSource } from '../../src/domain/messaging/liquid.js'

const scope = {
  first_name: 'Ann', last_name: null, space: ' ', empty_list: [],
  custom_attribute: { tier: 'gold', address: { city: 'Paris' }, empty: {} },
  api_trigger_properties: { details: { color: 'red' }, related_skus: ['a1', 'b2'] },
  context: { plan: 'pro' }
}
const text = (t: string): string => {
  const r = render(t, scope)
  assert.ok(r.ok, JSON.stringify(r))
  return r.text
}

test('136: default replaces nil, false, "" and empty arrays / objects, but not a whitespace-only string', () => {
  assert.equal(text('{{${last_name} | default: \'there\'}}'), 'there')
  assert.equal(text('{{${missing} | default: \'there\'}}'), 'there')
  assert.equal(text('[{{space | default: "x"}}]'), '[ ]')
  assert.equal(text('{{empty_list | default: "none"}}'), 'none')
  assert.equal(text('{{custom_attribute.${empty} | default: "E"}}'), 'E')
  assert.equal(text('{{${first_name} | default: "x"}}'), 'Ann')
})

test('137/138/139/140: ${} attribute spelling, custom attributes (nested), trigger properties (nested, arrays), context', () => {
  assert.equal(text('Hi {{${first_name}}}!'), 'Hi Ann!')
  assert.equal(text('{{ ${first_name} }}'), 'Ann')
  assert.equal(text('{{custom_attribute.${tier}}} {{custom_attribute.${address.city}}}'), 'gold Paris')
  assert.equal(text('{{custom_attribute.${nope}}}'), '')
  assert.equal(text('{{api_trigger_properties.${details}.${color}}} {{api_trigger_properties.${related_skus}[0]}}'), 'red a1')
  assert.equal(text('{{context.${plan}}}'), 'pro')
  assert.equal(text('{{custom_attribute.${address}}}'), '{"city":"Paris"}')
})

test('if / for / assign work; ${} outside Liquid markup is left alone', () => {
  assert.equal(text('{% if custom_attribute.${tier} == "gold" %}VIP{% else %}no{% endif %}'), 'VIP')
  assert.equal(text('{% assign n = ${first_name} %}{{n}}{% for s in api_trigger_properties.${related_skus} %}-{{s}}{% endfor %}'), 'Ann-a1-b2')
  assert.equal(text('costs ${5}'), 'costs ${5}')
  assert.equal(toLiquidSource('{{${a}}} ${b}'), '{{a}} ${b}')
})

test('126: abort_message stops the message, with or without a reason; template errors are returned, never thrown', () => {
  assert.deepEqual(render('{% if true %}{% abort_message("no stock") %}{% endif %}', scope), { ok: false, reason: 'aborted', detail: 'no stock' })
  assert.deepEqual(render('{% abort_message() %}', scope), { ok: false, reason: 'aborted', detail: '' })
  const bad = render('{{ x | nosuchfilter }}', scope)
  assert.equal(bad.ok, false)
  assert.equal(!bad.ok && bad.reason, 'render_error')
  assert.equal(render('{% if %}', scope).ok, false)
  assert.deepEqual(render('plain text', {}), { ok: true, text: 'plain text' })
})

test('137: profile tags map to the export fields; subscription links and subscribed_state render', async () => {
  const { userScope } = await import('../../src/domain/messaging/render-scope.js')
  const s = userScope({ pk: 1, brazeId: 'b1', externalId: 'u1', email: 'a@x.com', phone: '+1415', profile: { first_name: 'A', dob: '1990-01-02', home_city: 'Lyon' }, customAttributes: {}, emailSubscribe: 'opted_in', pushSubscribe: null, randomBucket: 5, updatedAt: 0 })
  const r = render('{{${email_address}}}|{{${user_id}}}|{{${date_of_birth}}}|{{${city}}}|{{${phone_number}}}|{{subscribed_state.${email_global}}}|{{${set_user_to_unsubscribed_url}}}', s)
  assert.deepEqual(r, { ok: true, text: 'a@x.com|u1|1990-01-02|Lyon|+1415|opted_in|https://fake-braze.invalid/subscription/unsubscribed?braze_id=b1' })
})
