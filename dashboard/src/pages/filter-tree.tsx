/**
 * The segment filter builder: AND/OR groups, NOT, and leaves for every filter the segment API
 * takes (POST /_fake/workspaces/{id}/segments `filter`). The JSON it builds is shown and editable,
 * so filters this form has no widget for can still be written by hand.
 */
import { useState } from 'preact/hooks'

export type Tree = { and: Tree[] } | { or: Tree[] } | { not: Tree } | Leaf
export interface Leaf { filter: string, operator: string, value?: unknown, attribute?: string, channel?: string, send_to?: string, subscription_group_id?: string }
export interface GroupOption { id: string, name: string, channel: string }
export interface FilterOption { filter: string, name: string, partner: string, cohorts: Array<{ cohort_id: string, name: string }> }

const ATTRIBUTE_OPS = ['equals', 'not_equals', 'exists', 'does_not_exist', 'greater_than', 'less_than', 'includes_value', 'does_not_include_value']
const SUBSCRIPTION_STATES = ['opted_in', 'subscribed', 'unsubscribed']

export function newLeaf (options: FilterOption[]): Leaf {
  const first = options[0]
  if (first !== undefined) return { filter: first.filter, operator: 'includes_value', value: first.cohorts[0]?.cohort_id ?? '' }
  return { filter: 'custom_attribute', attribute: '', operator: 'equals', value: '' }
}

function isGroup (t: Tree): t is { and: Tree[] } | { or: Tree[] } { return 'and' in t || 'or' in t }

export function TreeEditor ({ tree, onChange, options, groups = [], depth = 0 }: { tree: Tree, onChange: (t: Tree) => void, options: FilterOption[], groups?: GroupOption[], depth?: number }) {
  if (isGroup(tree)) {
    const op = 'and' in tree ? 'and' : 'or'
    const children = 'and' in tree ? tree.and : tree.or
    const set = (next: Tree[]): void => onChange(op === 'and' ? { and: next } : { or: next })
    return (
      <div class='tree' role='group' aria-label={`${op.toUpperCase()} group`}>
        <div class='node'>
          <label>Match <select aria-label='Group operator' value={op} onChange={(e) => onChange(e.currentTarget.value === 'and' ? { and: children } : { or: children })}>
            <option value='and'>all of (AND)</option><option value='or'>any of (OR)</option>
          </select></label>
        </div>
        {children.map((c, i) => (
          <div key={i} class='node'>
            <TreeEditor tree={c} options={options} groups={groups} depth={depth + 1} onChange={(t) => set(children.map((x, j) => (j === i ? t : x)))} />
            <button type='button' class='small danger' aria-label='Remove this filter' onClick={() => set(children.filter((_, j) => j !== i))}>Remove</button>
          </div>
        ))}
        <div class='node'>
          <button type='button' class='small' onClick={() => set([...children, newLeaf(options)])}>+ Filter</button>
          {depth < 3 && <button type='button' class='small ghost' onClick={() => set([...children, { or: [newLeaf(options)] }])}>+ Group</button>}
        </div>
      </div>
    )
  }
  if ('not' in tree) {
    return (
      <div class='node'>
        <strong>NOT</strong>
        <TreeEditor tree={tree.not} options={options} groups={groups} depth={depth + 1} onChange={(t) => onChange({ not: t })} />
        <button type='button' class='small ghost' onClick={() => onChange(tree.not)}>Drop NOT</button>
      </div>
    )
  }
  return <LeafEditor leaf={tree} options={options} groups={groups} onChange={onChange} />
}

function LeafEditor ({ leaf, onChange, options, groups }: { leaf: Leaf, onChange: (t: Tree) => void, options: FilterOption[], groups: GroupOption[] }) {
  const cohortOption = options.find((o) => o.filter === leaf.filter)
  const kinds = [
    ...options.map((o) => [o.filter, o.name] as const),
    ['custom_attribute', 'Custom attribute'] as const,
    ['email_subscribe', 'Email subscription status'] as const,
    ['push_subscribe', 'Push subscription status'] as const,
    ['external_id', 'External user ID'] as const,
    ['email', 'Email address'] as const,
    ['phone', 'Phone number'] as const,
    ['subscription_group', 'Subscription group'] as const,
    ['reachable', 'Reachable on a channel'] as const
  ]
  const known = kinds.some(([k]) => k === leaf.filter)
  const changeKind = (k: string): void => {
    const o = options.find((x) => x.filter === k)
    if (o !== undefined) onChange({ filter: k, operator: 'includes_value', value: o.cohorts[0]?.cohort_id ?? '' })
    else if (k === 'custom_attribute') onChange({ filter: k, attribute: '', operator: 'equals', value: '' })
    else if (k === 'email_subscribe' || k === 'push_subscribe') onChange({ filter: k, operator: 'equals', value: 'subscribed' })
    else if (k === 'subscription_group') onChange({ filter: k, operator: 'includes_value', value: groups[0]?.id ?? '' })
    else if (k === 'reachable') onChange({ filter: k, operator: 'is_reachable', channel: 'email', send_to: 'subscribed_or_opted_in' })
    else onChange({ filter: k, operator: 'exists' })
  }
  return (
    <span class='node' role='group' aria-label='Condition'>
      <select aria-label='Filter' value={leaf.filter} onChange={(e) => changeKind(e.currentTarget.value)}>
        {kinds.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        {!known && <option value={leaf.filter}>{leaf.filter}</option>}
      </select>
      {cohortOption !== undefined && (
        <>
          <select aria-label='Operator' value={leaf.operator} onChange={(e) => onChange({ ...leaf, operator: e.currentTarget.value })}>
            <option value='includes_value'>includes</option><option value='excludes_value'>excludes</option>
          </select>
          <select aria-label='Cohort' value={String(leaf.value ?? '')} onChange={(e) => onChange({ ...leaf, value: e.currentTarget.value })}>
            {cohortOption.cohorts.map((c) => <option key={c.cohort_id} value={c.cohort_id}>{c.name}</option>)}
            {cohortOption.cohorts.length === 0 && <option value=''>(no cohorts yet)</option>}
          </select>
        </>
      )}
      {leaf.filter === 'custom_attribute' && <AttributeEditor leaf={leaf} onChange={onChange} />}
      {(leaf.filter === 'email_subscribe' || leaf.filter === 'push_subscribe') && (
        <>
          <select aria-label='Operator' value={leaf.operator} onChange={(e) => onChange({ ...leaf, operator: e.currentTarget.value })}>
            <option value='equals'>is</option><option value='not_equals'>is not</option>
          </select>
          <select aria-label='State' value={String(leaf.value)} onChange={(e) => onChange({ ...leaf, value: e.currentTarget.value })}>
            {SUBSCRIPTION_STATES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </>
      )}
      {['external_id', 'email', 'phone'].includes(leaf.filter) && (
        <select aria-label='Operator' value={leaf.operator} onChange={(e) => onChange({ ...leaf, operator: e.currentTarget.value })}>
          <option value='exists'>is not blank</option><option value='does_not_exist'>is blank</option>
        </select>
      )}
      {leaf.filter === 'subscription_group' && (
        <>
          <select aria-label='Operator' value={leaf.operator} onChange={(e) => onChange({ ...leaf, operator: e.currentTarget.value })}>
            <option value='includes_value'>subscribed to</option><option value='excludes_value'>not subscribed to</option>
          </select>
          <GroupSelect groups={groups} value={String(leaf.value ?? '')} onChange={(id) => onChange({ ...leaf, value: id })} />
        </>
      )}
      {leaf.filter === 'reachable' && <ReachableEditor leaf={leaf} groups={groups} onChange={onChange} />}
      <button type='button' class='small ghost' onClick={() => onChange({ not: leaf })}>NOT</button>
    </span>
  )
}

function AttributeEditor ({ leaf, onChange }: { leaf: Leaf, onChange: (t: Tree) => void }) {
  const [type, setType] = useState<'string' | 'number' | 'boolean'>(typeof leaf.value === 'number' ? 'number' : typeof leaf.value === 'boolean' ? 'boolean' : 'string')
  const needsValue = leaf.operator !== 'exists' && leaf.operator !== 'does_not_exist'
  const typed = (raw: string, t = type): unknown => (t === 'number' ? Number(raw) : t === 'boolean' ? raw === 'true' : raw)
  const { value: _v, ...withoutValue } = leaf
  return (
    <>
      <input aria-label='Attribute name' placeholder='attribute' value={leaf.attribute ?? ''} onInput={(e) => onChange({ ...leaf, attribute: e.currentTarget.value })} />
      <select aria-label='Operator' value={leaf.operator} onChange={(e) => {
        const op = e.currentTarget.value
        onChange(op === 'exists' || op === 'does_not_exist' ? { ...withoutValue, operator: op } : { ...leaf, operator: op, value: leaf.value ?? '' })
      }}>
        {ATTRIBUTE_OPS.map((o) => <option key={o} value={o}>{o.replace(/_/g, ' ')}</option>)}
      </select>
      {needsValue && (
        <>
          <select aria-label='Value type' value={type} onChange={(e) => { const t = e.currentTarget.value as typeof type; setType(t); onChange({ ...leaf, value: typed(String(leaf.value ?? ''), t) }) }}>
            <option value='string'>text</option><option value='number'>number</option><option value='boolean'>boolean</option>
          </select>
          {type === 'boolean'
            ? <select aria-label='Value' value={String(leaf.value)} onChange={(e) => onChange({ ...leaf, value: e.currentTarget.value === 'true' })}><option value='true'>true</option><option value='false'>false</option></select>
            : <input aria-label='Value' value={String(leaf.value ?? '')} inputMode={type === 'number' ? 'decimal' : undefined} onInput={(e) => onChange({ ...leaf, value: typed(e.currentTarget.value) })} />}
        </>
      )}
    </>
  )
}

function GroupSelect ({ groups, value, onChange, channel, optional = false }: { groups: GroupOption[], value: string, onChange: (id: string) => void, channel?: string, optional?: boolean }) {
  const shown = groups.filter((g) => channel === undefined || g.channel === channel)
  return (
    <select aria-label='Subscription group' value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {optional && <option value=''>any group</option>}
      {shown.map((g) => <option key={g.id} value={g.id}>{g.name} ({g.channel})</option>)}
      {!optional && shown.length === 0 && <option value=''>(no subscription groups yet)</option>}
    </select>
  )
}

/** Who a send on a channel would reach now (the reachability rules of the subscriptions surface). */
function ReachableEditor ({ leaf, groups, onChange }: { leaf: Leaf, groups: GroupOption[], onChange: (t: Tree) => void }) {
  const { subscription_group_id: _g, ...withoutGroup } = leaf
  return (
    <>
      <select aria-label='Operator' value={leaf.operator} onChange={(e) => onChange({ ...leaf, operator: e.currentTarget.value })}>
        <option value='is_reachable'>is reachable by</option><option value='is_not_reachable'>is not reachable by</option>
      </select>
      <select aria-label='Channel' value={leaf.channel ?? 'email'} onChange={(e) => {
        const channel = e.currentTarget.value
        const first = groups.find((g) => g.channel === channel)?.id
        onChange(channel === 'sms' ? { ...leaf, channel, subscription_group_id: first ?? '' } : { ...withoutGroup, channel })
      }}>
        <option value='email'>email</option><option value='push'>push</option><option value='sms'>SMS</option>
      </select>
      <select aria-label='Send to' value={leaf.send_to ?? 'subscribed_or_opted_in'} onChange={(e) => onChange({ ...leaf, send_to: e.currentTarget.value })}>
        <option value='subscribed_or_opted_in'>subscribed or opted in</option><option value='opted_in'>opted in</option><option value='all'>all users</option>
      </select>
      {leaf.channel !== 'push' && (
        <GroupSelect groups={groups} channel={leaf.channel ?? 'email'} optional={leaf.channel !== 'sms'} value={leaf.subscription_group_id ?? ''}
          onChange={(id) => onChange(id === '' ? withoutGroup : { ...leaf, subscription_group_id: id })} />
      )}
    </>
  )
}
