/** The leniency model's rules and Braze-style texts, without HTTP. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { z } from 'zod'
import { isIdentifierKey, lenientBoolean, lenientId, refusesNumericIds } from '../../src/domain/shared/leniency.js'
import { brazeIssueText, controlIssueText, relax } from '../../src/schemas/shared/leniency.js'

test('identifier keys, integer ids and boolean strings', () => {
  for (const k of ['external_id', 'external_user_ids', 'campaign_id', 'alias_name', 'alias_label', 'new_alias_name']) assert.ok(isIdentifierKey(k), k)
  for (const k of ['email', 'name', 'time', 'subject', undefined]) assert.equal(isIdentifierKey(k), false, String(k))
  assert.equal(lenientId(42), '42')
  assert.equal(lenientId(1.5), 1.5)
  assert.equal(lenientId(2 ** 60), 2 ** 60)
  assert.equal(lenientId(true), true)
  assert.equal(lenientBoolean('true'), true)
  assert.equal(lenientBoolean('false'), false)
  assert.equal(lenientBoolean('yes'), 'yes')
  assert.ok(refusesNumericIds('/partners/:partner/cohorts'))
  assert.ok(refusesNumericIds('/users/merge'))
  assert.equal(refusesNumericIds('/users/identify'), false)
})

test('relax changes only what the schema refuses', () => {
  const schema = z.object({
    campaign_id: z.string().optional(),
    nickname: z.string().optional(),
    broadcast: z.boolean().optional(),
    props: z.record(z.string(), z.unknown()).optional(),
    free: z.unknown().optional(),
    maybe: z.string().nullable().optional(),
    external_ids: z.array(z.string()).optional(),
    recipients: z.array(z.object({ external_user_id: z.string().optional(), user_alias: z.object({ alias_name: z.string(), alias_label: z.string() }).optional() })).optional(),
    ids: z.union([z.string(), z.array(z.string())]).optional()
  })
  const body = {
    campaign_id: null, nickname: 7, broadcast: 'false', props: null, free: null, maybe: null, external_ids: [1, 'b'],
    recipients: [{ external_user_id: 3, user_alias: { alias_name: 4, alias_label: 'crm' } }], extra: null
  }
  assert.deepEqual(relax(schema, body), {
    // nickname is no identifier: the number stays (and stays a 400); free and maybe take null
    nickname: 7, broadcast: false, free: null, maybe: null, external_ids: ['1', 'b'],
    recipients: [{ external_user_id: '3', user_alias: { alias_name: '4', alias_label: 'crm' } }], extra: null
  })
  assert.deepEqual(relax(schema, { campaign_id: 5 }, { numericIds: false }), { campaign_id: 5 })
  assert.equal(schema.safeParse(relax(schema, { campaign_id: 12, broadcast: 'true', props: null })).success, true)
})

test('texts name the field in Braze\'s spelling, never zod\'s words', () => {
  assert.equal(brazeIssueText({ code: 'invalid_type', expected: 'string', input: 5, path: ['recipients', 0, 'external_user_id'] }), "'recipients[0].external_user_id' must be a string")
  assert.equal(brazeIssueText({ code: 'invalid_type', expected: 'string', input: undefined, path: ['campaign_id'] }), "'campaign_id' is required")
  assert.equal(brazeIssueText({ code: 'invalid_type', expected: 'object', input: [], path: [] }), 'Request body must be a JSON object')
  assert.equal(brazeIssueText({ code: 'invalid_value', values: ['none', 'merge'], path: ['merge_behavior'] }), "'merge_behavior' must be one of 'none', 'merge'")
  assert.equal(brazeIssueText({ code: 'too_big', origin: 'array', maximum: 50, path: ['external_ids'] }), "'external_ids' must be at most 50 items")
  assert.equal(brazeIssueText({ code: 'unrecognized_keys', keys: ['x'], path: ['merge_updates', 0] }), "'merge_updates[0]' does not take the key 'x'")
  assert.equal(controlIssueText({ code: 'invalid_type', expected: 'string', input: null, path: ['id'] }), 'expected a string, got null')
})
