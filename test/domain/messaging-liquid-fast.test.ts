/**
 * The send renderer evaluates text + `{{ path | default: "…" }}` templates without liquidjs
 * (liquid.ts simpleTemplate): every template × value type here must render exactly as liquidjs does.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CATALOG_LOOKUP, createSendRenderer, render, simpleTemplate } from '../../src/domain/messaging/liquid.js'

/** Scope values are JSON data (profiles, custom attributes, trigger properties) and the strings and numbers userScope builds. */
const values: Record<string, unknown> = {
  string: 'Ann', empty: '', space: ' ', html: '<b>&amp;"\'</b>', unicode: 'Zoë 🎉', braces: '{{x}} {% y %}',
  int: 42, zero: 0, negZero: -0, float: 3.25, neg: -7, big: 1e21, tiny: 1e-7,
  yes: true, no: false, nil: null, undef: undefined,
  emptyList: [], list: ['a', 'b'], listOfObjects: [{ a: 1 }], nested: [['x', 1], null],
  emptyObject: {}, object: { city: 'Paris', n: 1 }, withSize: { size: 'S', first: 'F', last: 'L' },
  protoKey: JSON.parse('{"__proto__": "p", "constructor": "c"}') as unknown,
  nullProto: Object.assign(Object.create(null) as object, { k: 'v' }),
  // not JSON, but never mistaken for a plain object
  date: new Date(0)
}

const templates = [
  '{{v}}', 'Hi {{ v }}!', '{{v | default: "friend"}}', "{{ v | default: 'x' }}", '{{v|default:""}}',
  '{{v.city}}', '{{v.size}}', '{{v.first}}', '{{v.last}}', '{{v.length}}', '{{v["city"]}}', "{{v['n']}}",
  '{{v.__proto__}}', '{{v.constructor}}', '{{v.toString}}', '{{v.k}}', '{{v.city | default: "none"}}',
  '{{v[0]}}', '{{v.a.b | default: "deep"}}', '{{v | upcase}}', '{{- v -}}', '{{v}}{{v}} and {{ v | default: "d" }}',
  '{{v | default: "a\\"b"}}', '{{v | default: "}"}}', 'x }} y {{v}}', '{{ nil }}', '{{true}}', '{{empty}}', '{{ v }',
  '{{${first_name} | default: "friend"}}', '{{custom_attribute.${plan}}}', '{{custom_attribute.${a.b}}}',
  '{{constructor}}', '{{toString}}', '{{__proto__}}', '{{missing | default: "m"}}', '{% if v %}y{% endif %}{{v}}',
  '{{v[1]}}', '{{v[0].a}}', '{{v[0][1]}}', '{{v[-1]}}', '{{items}}',
  // catalog_items: ids from words and paths of every value type; items[…] paths into what the lookup returns
  '{% catalog_items shop {{v}} %}<p>{{ items[0].title }} for {{ items[0].price }}</p>',
  '{% catalog_items shop {{custom_attribute.${plan}}} %}{{items[0].title | default: "none"}}|{{items[1].title}}|{{items[0]}}',
  '{% catalog_items shop p1 {{v}} p2 %}{{items[0].title}},{{items[1].title}},{{items[2].title}},{{items[0].tags[0]}},{{items[0].flag}}',
  '{{items[0].title}}{% catalog_items shop p1 %}{{items[0].title}}{% catalog_items shop p2 %}{{items[0].title}}',
  '{% catalog_items {{v}} p1 %}{{items[0].title}}', '{% catalog_items shop {{v | default: "p1"}} %}{{items[0].title}}',
  '{%- catalog_items shop p1 %}{{items[0].title}}', '{% catalog_items shop {{items[0].title}} %}{{items[0].title}}'
]
const catalog: Record<string, Record<string, unknown>> = {
  p1: { id: 'p1', title: 'Tee', price: 79.19, tags: ['a', 'b'], flag: false },
  p2: { id: 'p2', title: '', price: 0, nested: { x: 1 } },
  Ann: { id: 'Ann', title: 'Ann\'s', price: -1 },
  42: { id: '42', title: 'Answer' },
  true: { id: 'true', title: 'Yes' }
}
const lookup = (name: string, ids: readonly string[]) => (name === 'shop' ? ids.flatMap((id) => (catalog[id] === undefined ? [] : [catalog[id]!])) : [])

test('the send renderer renders every simple template as liquidjs does, for every value type', () => {
  const send = createSendRenderer()
  for (const [name, v] of Object.entries(values)) {
    const scope: Record<string | symbol, unknown> = { v, first_name: v, custom_attribute: { plan: v, a: { b: v } }, items: v, [CATALOG_LOOKUP]: lookup }
    for (const t of templates) {
      assert.deepEqual(send(t, scope), render(t, scope), `${t} with ${name}`)
      // and again (the renderer's per-template caches)
      assert.deepEqual(send(t, scope), render(t, scope), `${t} with ${name}, second render`)
    }
  }
})

test('the fast path takes text and path outputs with default, and leaves everything else to liquidjs', () => {
  assert.deepEqual(simpleTemplate('We miss you, {{${first_name} | default: "friend"}}'), ['We miss you, ', { path: ['first_name'], fallback: 'friend' }])
  assert.deepEqual(simpleTemplate('<p>{{custom_attribute.${plan}}}: {{ api_trigger_properties.${discount} }} off</p>'),
    ['<p>', { path: ['custom_attribute', 'plan'], fallback: undefined }, ': ', { path: ['api_trigger_properties', 'discount'], fallback: undefined }, ' off</p>'])
  assert.deepEqual(simpleTemplate('{% catalog_items shop {{custom_attribute.${fav}}} p2 %}{{ items[0].title }}'),
    [{ catalog: 'shop', ids: [['custom_attribute', 'fav'], 'p2'] }, { path: ['items', 0, 'title'], fallback: undefined }])
  for (const t of ['{{v | upcase}}', '{{- v }}', '{{v[-1]}}', '{{v.size}}', '{% catalog_items shop {{v | default: "p1"}} %}', '{% catalog_items {{v}} p1 %}', '{{nil}}', '{% if v %}{% endif %}', '{{v | default: "a\\"b"}}', '{{ v }', '{{v.first}}']) {
    assert.equal(simpleTemplate(t), null, t)
  }
})

test('a render through the fast path is the same object shape as liquidjs (abort and errors are liquidjs)', () => {
  const send = createSendRenderer()
  assert.deepEqual(send('Hi {{ v }}', { v: 'Ann' }), { ok: true, text: 'Hi Ann' })
  assert.equal(send('{% abort_message("no") %}', {}).ok, false)
  assert.deepEqual(send('{{ v | nope }}', { v: 1 }), render('{{ v | nope }}', { v: 1 }))
})

test('a scope of only the keys a send reads has each value exactly as the whole user scope', async () => {
  const { scopeNeeds, userScope, userScopeOf } = await import('../../src/domain/messaging/render-scope.js')
  const u = {
    pk: 1, brazeId: 'b1', externalId: 'u1', email: 'a@x.com', phone: '+1415', customAttributes: { plan: 'gold' }, emailSubscribe: 'opted_in', pushSubscribe: null, randomBucket: 5, updatedAt: 0,
    profile: { first_name: 'A', last_name: 'B', dob: '1990-01-02', home_city: 'Lyon', country: 'FR', language: 'fr', time_zone: 'Europe/Paris', gender: 'F', subscription_groups: { g1: 'subscribed' } }
  }
  const whole = userScope(u)
  for (const k of Object.keys(whole)) assert.deepEqual(userScopeOf(u, [k]), { [k]: whole[k] }, k)
  assert.deepEqual(userScopeOf(u, Object.keys(whole)), whole)
  assert.deepEqual(userScopeOf(u, ['api_trigger_properties', 'nope']), {})
  assert.deepEqual(scopeNeeds(['first_name', 'user_id']), { profile: true, customAttributes: false })
  assert.deepEqual(scopeNeeds(['custom_attribute', 'email_address']), { profile: false, customAttributes: true })
  // every key that reads the profile is known as one
  const bare = userScope({ ...u, profile: {} })
  for (const k of Object.keys(whole)) {
    if (JSON.stringify(bare[k]) !== JSON.stringify(whole[k]) && k !== 'custom_attribute') assert.equal(scopeNeeds([k]).profile, true, k)
  }
})
