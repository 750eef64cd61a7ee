/**
 * A tiny backend that triggers Braze's "win-back" campaign after a Hightouch sync — the code
 * under test in the campaign example. It calls POST /campaigns/trigger/send as real clients do
 * (braze-docs post_send_triggered_campaigns.md): `broadcast: true` sends to the campaign's target
 * segment (the one built on the "Hightouch Cohorts" filter); `trigger_properties` personalise it.
 */
export interface BrazeRestTarget {
  /** the workspace's REST endpoint */
  restEndpoint: string
  /** a REST API key with campaigns.trigger.send */
  apiKey: string
}

export async function triggerWinback (target: BrazeRestTarget, campaignId: string, discount: string): Promise<{ dispatch_id: string, send_id?: string }> {
  const res = await fetch(`${target.restEndpoint}/campaigns/trigger/send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ campaign_id: campaignId, broadcast: true, trigger_properties: { discount } })
  })
  const body = await res.json() as { dispatch_id?: string, send_id?: string, message: string }
  if (res.status !== 201 || body.dispatch_id === undefined) throw new Error(`Braze answered ${res.status}: ${body.message}`)
  return { dispatch_id: body.dispatch_id, ...(body.send_id !== undefined && { send_id: body.send_id }) }
}
