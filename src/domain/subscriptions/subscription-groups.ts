/**
 * Subscription group definitions: the control plane creates and archives groups as Braze's
 * dashboard does; other surfaces (segment filters) look them up by id.
 */
import { FakeBadRequest, FakeConflict, FakeNotFound } from '../shared/errors.js'
import { newKey } from '../shared/ids.js'
import { MAX_GROUPS, isUuid, type GroupChannel } from './subscription-rules.js'
import type { SubscriptionCore, SubscriptionGroupView } from './subscription-core.js'

export function createSubscriptionGroups (core: SubscriptionCore) {
  const { subs, transaction, clock } = core.deps
  const { workspacePk, view } = core

  return {
    createGroup (workspaceId: string, input: { id?: string | undefined, name: string, channel: GroupChannel }): SubscriptionGroupView {
      return transaction(() => {
        const ws = workspacePk(workspaceId)
        const id = input.id ?? newKey()
        if (!isUuid(id)) throw new FakeBadRequest('body.id: a subscription group id is a UUID, as Braze generates them')
        if (subs.findGroup(ws, id) !== undefined) throw new FakeConflict(`Subscription group ${id} already exists`)
        if (subs.listGroups(ws).length >= MAX_GROUPS) throw new FakeBadRequest(`a workspace has at most ${MAX_GROUPS} subscription groups`)
        return view(subs.insertGroup({ workspacePk: ws, id, name: input.name, channel: input.channel, createdAt: clock.now(), archivedAt: null }))
      })
    },
    listGroups: (workspaceId: string): SubscriptionGroupView[] => subs.listGroups(workspacePk(workspaceId)).map(view),
    getGroup (workspaceId: string, id: string): SubscriptionGroupView {
      const g = subs.findGroup(workspacePk(workspaceId), id)
      if (g === undefined) throw new FakeNotFound('Subscription group', id)
      return view(g)
    },
    /** DELETE archives: members keep their states, changes are no longer processed [D UG-EM]. */
    archiveGroup (workspaceId: string, id: string): SubscriptionGroupView {
      return transaction(() => {
        const g = subs.findGroup(workspacePk(workspaceId), id)
        if (g === undefined) throw new FakeNotFound('Subscription group', id)
        if (g.archivedAt === null) { g.archivedAt = clock.now(); subs.setArchived(g.pk, g.archivedAt) }
        return view(g)
      })
    },
    /** Group lookup for segment filters: id → pk and channel. */
    groupLookup (workspacePk: number): (id: string) => { pk: number, name: string, channel: string } | undefined {
      const byId = new Map(subs.listGroups(workspacePk).map((g) => [g.id, { pk: g.pk, name: g.name, channel: g.channel }]))
      return (id) => byId.get(id)
    }
  }
}
