/** The fatal checks of a send request, before anything is looked up (M-TCAMP, M-TCANV, M-SEND, O-RCPT). Pure. */
import { MESSAGING_MESSAGES as M, MessagingBadRequest, NoRecipients, TooManyExternalIdsAndAliases } from '../shared/errors.js'
import { validateAudience } from './audience.js'
import { MAX_PROPERTIES_BYTES, MAX_RECIPIENTS, type RecipientInput } from './messaging-types.js'

export function checkProperties (name: string, value: unknown): void {
  if (value !== undefined && Buffer.byteLength(JSON.stringify(value)) > MAX_PROPERTIES_BYTES) throw new MessagingBadRequest(M.propertiesTooLarge.replace('%s', name))
}
export function checkSendId (sendId: string | undefined): void {
  // eslint-disable-next-line no-control-regex
  if (sendId !== undefined && (sendId.length > 64 || !/^[\x00-\x7F]*$/.test(sendId) || sendId === '')) throw new MessagingBadRequest(M.sendId)
}
export function checkTargets (input: { broadcast?: boolean | undefined, recipients?: RecipientInput[] | undefined, audience?: unknown }, prioritizationError: (value: unknown) => string | undefined): void {
  const recipients = input.recipients ?? []
  if (input.broadcast === true && recipients.length > 0) throw new MessagingBadRequest(M.broadcastWithRecipients)
  if (recipients.length > MAX_RECIPIENTS) throw new TooManyExternalIdsAndAliases()
  if (input.broadcast !== true && recipients.length === 0 && input.audience === undefined) throw new NoRecipients()
  if (input.audience !== undefined) validateAudience(input.audience)
  recipients.forEach((r, i) => {
    if (r.external_user_id === undefined && r.user_alias === undefined && r.braze_id === undefined && r.email === undefined) throw new MessagingBadRequest(M.recipientIdentifier)
    if (r.external_user_id === undefined && r.user_alias === undefined && r.braze_id === undefined && r.email !== undefined) {
      const err = prioritizationError(r.prioritization)
      if (err !== undefined) throw new MessagingBadRequest(`${M.emailNeedsPrioritization} (recipients[${i}]: ${err})`)
    }
  })
}
