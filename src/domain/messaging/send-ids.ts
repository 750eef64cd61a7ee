/** send_ids (§2.8): made by POST /sends/id/create (100 a UTC day per workspace) or registered on first use by a send. */
import { InvalidCampaignId, SendIdLimit } from '../shared/errors.js'
import { newKey } from '../shared/ids.js'
import { UNIT_MS } from '../shared/series-window.js'
import type { RestContext } from '../workspaces/rest-api-key-service.js'
import { SEND_IDS_PER_DAY, type MessagingDeps } from './messaging-types.js'
import { checkSendId } from './send-checks.js'

const DAY = UNIT_MS.day

export function createSendIds (deps: Pick<MessagingDeps, 'repo' | 'transaction' | 'clock'>) {
  const { repo, transaction, clock } = deps
  function register (pk: number, campaignId: string | null, sendId: string | undefined, broadcast: boolean): string | null {
    if (sendId !== undefined) {
      if (campaignId !== null) repo.insertSendId(pk, campaignId, sendId, clock.now()) // unknown custom ids are registered [inferred, lenient]
      return sendId
    }
    return broadcast && campaignId !== null ? newKey() : null
  }

  return {
    register,
    /** POST /sends/id/create: 201 {send_id}; the same pair twice is one creation; 100 a day [D RL; I status]. */
    createSendId (ctx: RestContext, input: { campaign_id: string, send_id?: string | undefined }): { message: 'success', send_id: string } {
      return transaction(() => {
        checkSendId(input.send_id)
        const row = repo.findDefinition(ctx.workspacePk, 'campaign', input.campaign_id)
        if (row === undefined || row.archivedAt !== null) throw new InvalidCampaignId()
        const now = clock.now()
        const sendId = input.send_id ?? newKey()
        // The same pair twice is one creation [inferred]; the 101st creation of the UTC day is a 429 (rolled back).
        const created = repo.insertSendId(ctx.workspacePk, row.id, sendId, now)
        if (created && repo.sendIdsCreatedSince(ctx.workspacePk, Math.floor(now / DAY) * DAY) > SEND_IDS_PER_DAY) throw new SendIdLimit()
        return { message: 'success', send_id: sendId }
      })
    },

  }
}
