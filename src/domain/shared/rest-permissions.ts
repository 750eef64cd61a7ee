/**
 * REST API key permissions, named as in the Braze dashboard (braze-docs `_docs/_api/basics.md`,
 * "REST API key permissions"). Permissions are fixed when a key is created.
 */
export const REST_PERMISSIONS = [
  'users.track', 'users.track.sync', 'users.track.bulk', 'users.delete', 'users.alias.new', 'users.identify',
  'users.export.ids', 'users.export.segment', 'users.merge', 'users.external_ids.rename',
  'users.external_ids.remove', 'users.alias.update', 'users.export.global_control_group',
  'segments.list', 'segments.data_series', 'segments.details', 'subscription.status.set',
  'custom_attributes.get', 'events.list', 'events.get', 'purchases.product_list',
  // subscriptions and email/SMS lists (braze-reference-messaging §1.1): note the singular
  // `email.unsubscribe`, `subscription.groups.get` for /subscription/user/status and `email.blacklist` for both blocklist paths
  'subscription.status.get', 'subscription.groups.get', 'email.status', 'email.unsubscribe', 'email.hard_bounces',
  'email.bounce.remove', 'email.spam.remove', 'email.blacklist', 'sms.invalid_phone_numbers', 'sms.invalid_phone_numbers.remove',
  // messaging (braze-reference-messaging §1.1)
  'campaigns.list', 'campaigns.details', 'campaigns.data_series', 'canvas.list', 'canvas.details', 'canvas.data_series',
  'campaigns.trigger.send', 'canvas.trigger.send', 'messages.send', 'sends.id.create',
  'campaigns.trigger.schedule.create', 'campaigns.trigger.schedule.update', 'campaigns.trigger.schedule.delete',
  'canvas.trigger.schedule.create', 'canvas.trigger.schedule.update', 'canvas.trigger.schedule.delete',
  'messages.schedule.create', 'messages.schedule.update', 'messages.schedule.delete', 'messages.schedule_broadcasts',
  // Export analytics (basics.md "REST API key permissions": Custom events, KPIs, Sessions, Purchases, News Feed tabs)
  'events.data_series', 'kpi.new_users.data_series', 'kpi.dau.data_series', 'kpi.mau.data_series', 'kpi.uninstalls.data_series',
  'sessions.data_series', 'purchases.quantity_series', 'purchases.revenue_series', 'feed.list', 'feed.data_series', 'feed.details'
] as const

export type RestPermission = typeof REST_PERMISSIONS[number]

export function isRestPermission (value: string): value is RestPermission {
  return (REST_PERMISSIONS as readonly string[]).includes(value)
}
