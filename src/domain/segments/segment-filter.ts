/**
 * A segment's filter tree: its validation, its resolution into a user-set expression, and its
 * description in words. The tree is the control plane's contract (issue 4):
 *   {"and":[…]} | {"or":[…]} | {"not": …}
 *   {"filter":"hightouch_cohorts","operator":"includes_value"|"excludes_value","value":"<cohort_id>"}
 *   {"filter":"custom_attribute","attribute":"plan","operator":"equals",…,"value":…}
 *   {"filter":"email_subscribe"|"push_subscribe","operator":"equals"|"not_equals","value":"opted_in"|"subscribed"|"unsubscribed"}
 *   {"filter":"external_id"|"email"|"phone","operator":"exists"|"does_not_exist"}
 *   {"filter":"subscription_group","operator":"includes_value"|"excludes_value","value":"<group id>"}   subscribed to the group (or not)
 *   {"filter":"reachable","operator":"is_reachable"|"is_not_reachable","channel":"email"|"push"|"sms",
 *    "send_to"?:"subscribed_or_opted_in"|"opted_in"|"all","subscription_group_id"?:"<group id>"}
 *     who a send on the channel would reach now, by the rules of domain/subscriptions/reachability.ts
 * Partner filter ids and names follow braze-docs segmentation_filters.md ("Hightouch Cohorts");
 * operator ids follow partner screenshots (`includes_value`). Other operator ids are ours [inferred].
 */
import { InvalidSegmentFilter } from '../shared/errors.js'
import { PARTNERS, filterId, filterName, type PartnerDefinition } from '../shared/partners.js'
import type { AttributeTest, UserColumn, UserSetExpr } from '../../repositories/segments/user-set.js'

export interface CohortRef { pk: number, name: string }
/** The cohorts a workspace holds, by partner and partner cohort_id. */
export type CohortLookup = (partner: string, cohortId: string) => CohortRef | undefined
/** The subscription groups a workspace holds, by group id. */
export type GroupLookup = (id: string) => { pk: number, name: string, channel: string } | undefined
const noGroups: GroupLookup = () => undefined
const SEND_TO = ['subscribed_or_opted_in', 'opted_in', 'all']
const CHANNELS = ['email', 'push', 'sms']

const MAX_DEPTH = 16
const MAX_NODES = 200
const SUBSCRIPTION_STATES = ['opted_in', 'subscribed', 'unsubscribed']
const ATTRIBUTE_OPERATORS = ['equals', 'not_equals', 'exists', 'does_not_exist', 'greater_than', 'less_than', 'includes_value', 'does_not_include_value'] as const
type AttributeOperator = typeof ATTRIBUTE_OPERATORS[number]
const COLUMN_FILTERS: Record<string, { column: UserColumn, label: string }> = {
  email_subscribe: { column: 'email_subscribe', label: 'Email Subscription Status' },
  push_subscribe: { column: 'push_subscribe', label: 'Push Subscription Status' },
  external_id: { column: 'external_id', label: 'External User ID' },
  email: { column: 'email', label: 'Email Address' },
  phone: { column: 'phone', label: 'Phone Number' }
}

function partnerOfFilter (filter: string): PartnerDefinition | undefined {
  return PARTNERS.find((p) => filterId(p) === filter)
}

function isObject (v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Checks the whole tree and returns it resolved against the workspace's cohorts. Throws
 * InvalidSegmentFilter (400) naming the first bad node by its path, e.g. `filter.and[1].value`.
 */
export function resolveFilter (tree: unknown, cohorts: CohortLookup, groups: GroupLookup = noGroups): UserSetExpr {
  let nodes = 0
  const fail = (path: string, why: string): never => { throw new InvalidSegmentFilter(`${path}: ${why}`) }

  function walk (node: unknown, path: string, depth: number): UserSetExpr {
    if (++nodes > MAX_NODES) fail(path, `a filter tree has at most ${MAX_NODES} nodes`)
    if (depth > MAX_DEPTH) fail(path, `a filter tree nests at most ${MAX_DEPTH} levels`)
    if (!isObject(node)) return fail(path, 'must be an object: {"and":[…]}, {"or":[…]}, {"not":…} or a filter {"filter":…,"operator":…}')
    const keys = Object.keys(node)
    for (const group of ['and', 'or'] as const) {
      if (!(group in node)) continue
      if (keys.length !== 1) fail(path, `a "${group}" group has no other keys (found ${keys.join(', ')})`)
      const list = node[group]
      if (!Array.isArray(list) || list.length === 0) return fail(`${path}.${group}`, 'must be a non-empty array of filters')
      return { kind: group, children: list.map((c, i) => walk(c, `${path}.${group}[${i}]`, depth + 1)) }
    }
    if ('not' in node) {
      if (keys.length !== 1) fail(path, `a "not" group has no other keys (found ${keys.join(', ')})`)
      return { kind: 'not', child: walk(node.not, `${path}.not`, depth + 1) }
    }
    if (typeof node.filter !== 'string') return fail(path, 'must hold "and", "or", "not" or a string "filter"')
    return leaf(node, path)
  }

  function leaf (node: Record<string, unknown>, path: string): UserSetExpr {
    const filter = node.filter as string
    const op = node.operator
    const allow = (...extra: string[]): void => {
      const bad = Object.keys(node).filter((k) => !['filter', 'operator', ...extra].includes(k))
      if (bad.length > 0) fail(path, `unknown key ${bad.map((k) => `"${k}"`).join(', ')} for filter "${filter}"`)
    }
    const partner = partnerOfFilter(filter)
    if (partner !== undefined) {
      allow('value')
      if (op !== 'includes_value' && op !== 'excludes_value') return fail(`${path}.operator`, `must be "includes_value" or "excludes_value" for ${filterName(partner)}`)
      if (typeof node.value !== 'string' || node.value === '') return fail(`${path}.value`, 'must be the cohort_id of a cohort, as a string')
      const cohort = cohorts(partner.name, node.value)
      if (cohort === undefined) return fail(`${path}.value`, `no ${partner.displayName} cohort "${node.value}" in this workspace`)
      const member: UserSetExpr = { kind: 'cohort', cohortPk: cohort.pk }
      return op === 'includes_value' ? member : { kind: 'not', child: member }
    }
    if (filter === 'custom_attribute') return attributeLeaf(node, path, allow)
    if (filter === 'subscription_group') {
      allow('value')
      if (op !== 'includes_value' && op !== 'excludes_value') return fail(`${path}.operator`, 'must be "includes_value" or "excludes_value" for a subscription group')
      const group = typeof node.value === 'string' ? groups(node.value) : undefined
      if (group === undefined) return fail(`${path}.value`, 'must be the id of a subscription group of this workspace')
      const member: UserSetExpr = { kind: 'group', groupPk: group.pk }
      return op === 'includes_value' ? member : { kind: 'not', child: member }
    }
    if (filter === 'reachable') return reachableLeaf(node, path, allow)
    const column = COLUMN_FILTERS[filter]
    if (column === undefined) {
      return fail(`${path}.filter`, `unknown filter "${filter}"; expected <partner>_cohorts (${PARTNERS.map(filterId).join(', ')}), custom_attribute, ${Object.keys(COLUMN_FILTERS).join(', ')}, subscription_group, reachable`)
    }
    if (column.column === 'email_subscribe' || column.column === 'push_subscribe') {
      allow('value')
      if (op !== 'equals' && op !== 'not_equals') return fail(`${path}.operator`, 'must be "equals" or "not_equals"')
      if (typeof node.value !== 'string' || !SUBSCRIPTION_STATES.includes(node.value)) return fail(`${path}.value`, `must be one of ${SUBSCRIPTION_STATES.join(', ')}`)
      const test: UserSetExpr = { kind: 'column', column: column.column, test: 'equals', value: node.value }
      return op === 'equals' ? test : { kind: 'not', child: test }
    }
    allow()
    if (op !== 'exists' && op !== 'does_not_exist') return fail(`${path}.operator`, 'must be "exists" or "does_not_exist"')
    const test: UserSetExpr = { kind: 'column', column: column.column, test: 'exists' }
    return op === 'exists' ? test : { kind: 'not', child: test }
  }

  function reachableLeaf (node: Record<string, unknown>, path: string, allow: (...k: string[]) => void): UserSetExpr {
    allow('channel', 'send_to', 'subscription_group_id')
    const op = node.operator
    if (op !== 'is_reachable' && op !== 'is_not_reachable') return fail(`${path}.operator`, 'must be "is_reachable" or "is_not_reachable"')
    const channel = node.channel
    if (typeof channel !== 'string' || !CHANNELS.includes(channel)) return fail(`${path}.channel`, `must be one of ${CHANNELS.join(', ')}`)
    const sendTo = node.send_to ?? 'subscribed_or_opted_in'
    if (typeof sendTo !== 'string' || !SEND_TO.includes(sendTo)) return fail(`${path}.send_to`, `must be one of ${SEND_TO.join(', ')}`)
    let groupPk: number | undefined
    if (node.subscription_group_id !== undefined) {
      const group = typeof node.subscription_group_id === 'string' ? groups(node.subscription_group_id) : undefined
      if (group === undefined) return fail(`${path}.subscription_group_id`, 'must be the id of a subscription group of this workspace')
      groupPk = group.pk
    } else if (channel === 'sms') {
      return fail(`${path}.subscription_group_id`, 'an SMS send needs its subscription group')
    }
    const test: UserSetExpr = { kind: 'reachable', channel: channel as 'email' | 'push' | 'sms', sendTo: sendTo as 'subscribed_or_opted_in' | 'opted_in' | 'all', ...(groupPk !== undefined && { groupPk }) }
    return op === 'is_reachable' ? test : { kind: 'not', child: test }
  }

  function attributeLeaf (node: Record<string, unknown>, path: string, allow: (...k: string[]) => void): UserSetExpr {
    allow('attribute', 'value')
    const attribute = node.attribute
    if (typeof attribute !== 'string' || attribute === '' || attribute.includes('"')) {
      return fail(`${path}.attribute`, 'must be a custom attribute name (a non-empty string without ")')
    }
    const op = node.operator
    if (typeof op !== 'string' || !(ATTRIBUTE_OPERATORS as readonly string[]).includes(op)) {
      return fail(`${path}.operator`, `must be one of ${ATTRIBUTE_OPERATORS.join(', ')}`)
    }
    const v = node.value
    const negate = (e: UserSetExpr): UserSetExpr => ({ kind: 'not', child: e })
    const make = (test: AttributeTest, value?: string | number | boolean): UserSetExpr =>
      value === undefined ? { kind: 'attribute', attribute, test } : { kind: 'attribute', attribute, test, value }
    switch (op as AttributeOperator) {
      case 'exists': case 'does_not_exist':
        if (v !== undefined) fail(`${path}.value`, `"${op}" takes no value`)
        return op === 'exists' ? make('exists') : negate(make('exists'))
      case 'equals': case 'not_equals':
        if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) {
          return fail(`${path}.value`, `"${op}" compares with a string, number or boolean`)
        }
        return op === 'equals' ? make('equals', v) : negate(make('equals', v))
      case 'greater_than': case 'less_than':
        if (typeof v !== 'number' || !Number.isFinite(v)) return fail(`${path}.value`, `"${op}" compares with a number`)
        return make(op as AttributeTest, v)
      case 'includes_value': case 'does_not_include_value':
        if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) return fail(`${path}.value`, `"${op}" looks for a string or number in an array attribute`)
        return op === 'includes_value' ? make('includes_value', v) : negate(make('includes_value', v))
    }
  }

  return walk(tree, 'filter', 0)
}

const OPERATOR_WORDS: Record<string, string> = {
  includes_value: 'includes',
  excludes_value: 'excludes',
  equals: 'equals',
  not_equals: 'does not equal',
  exists: 'exists',
  does_not_exist: 'does not exist',
  greater_than: 'is greater than',
  less_than: 'is less than',
  does_not_include_value: 'does not include',
  is_reachable: 'is reachable',
  is_not_reachable: 'is not reachable'
}

/**
 * The tree in words for /segments/details `description`, with each cohort's current name:
 * `Hightouch Cohorts includes "VIP buyers" AND (Custom Attribute "plan" equals "gold" OR NOT (…))`.
 * Expects a tree that resolveFilter accepted; a cohort that has since vanished shows its id.
 */
export function describeFilter (tree: unknown, cohorts: CohortLookup, groups: GroupLookup = noGroups): string {
  function words (node: unknown, nested: boolean): string {
    if (!isObject(node)) return '?'
    if (Array.isArray(node.and) || Array.isArray(node.or)) {
      const group = Array.isArray(node.and) ? 'and' : 'or'
      const list = node[group] as unknown[]
      if (list.length === 1) return words(list[0], nested)
      const text = list.map((c) => words(c, true)).join(group === 'and' ? ' AND ' : ' OR ')
      return nested ? `(${text})` : text
    }
    if ('not' in node) return `NOT (${words(node.not, false)})`
    const filter = String(node.filter)
    const op = OPERATOR_WORDS[String(node.operator)] ?? String(node.operator)
    const partner = partnerOfFilter(filter)
    if (partner !== undefined) {
      const id = String(node.value)
      return `${filterName(partner)} ${op} ${JSON.stringify(cohorts(partner.name, id)?.name ?? id)}`
    }
    const value = node.value === undefined ? '' : ` ${JSON.stringify(node.value)}`
    if (filter === 'custom_attribute') return `Custom Attribute ${JSON.stringify(node.attribute)} ${op}${value}`
    if (filter === 'subscription_group') return `Subscription Group ${op} ${JSON.stringify(groups(String(node.value))?.name ?? String(node.value))}`
    if (filter === 'reachable') {
      const group = node.subscription_group_id === undefined ? '' : ` in ${JSON.stringify(groups(String(node.subscription_group_id))?.name ?? String(node.subscription_group_id))}`
      return `${String(node.channel)} ${op} (${String(node.send_to ?? 'subscribed_or_opted_in')})${group}`
    }
    return `${COLUMN_FILTERS[filter]?.label ?? filter} ${op}${value}`
  }
  return words(tree, false)
}
