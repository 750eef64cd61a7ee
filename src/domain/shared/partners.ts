/**
 * The cohort-import partners fake-braze knows. Braze provisions each partner by hand
 * (braze-docs `_docs/_partners/isv_partners/best_practices.md`); the slugs below are the
 * `{partner_name}` path segment. Only `segment` is observed in public client code
 * (segmentio/action-destinations braze-cohorts); the others are inferred from the partner's
 * business name, as Braze's cohort_import.md says they "typically" are.
 * Filter names come from `_docs/_user_guide/engagement_tools/segments/segmentation_filters.md`.
 */
/** The partner slugs as a literal union, for typed clients; PARTNERS must list exactly these. */
export type PartnerName = 'hightouch' | 'census' | 'segment' | 'amplitude' | 'mixpanel' | 'heap' | 'treasuredata' | 'kubit' | 'tinyclues'

export interface PartnerDefinition {
  readonly name: PartnerName
  readonly displayName: string
  /**
   * Whether its cohort assignments are billed as data points: braze-docs data_points.md lists
   * "cohort assignments" of Amplitude, Mixpanel and Hightouch (and AppsFlyer, not a partner here)
   * among the billable fields; no other partner's assignments are listed, so they are free.
   */
  readonly billsCohortAssignments?: true
}

export const PARTNERS: readonly PartnerDefinition[] = [
  { name: 'hightouch', displayName: 'Hightouch', billsCohortAssignments: true },
  { name: 'census', displayName: 'Census' },
  { name: 'segment', displayName: 'Segment' },
  { name: 'amplitude', displayName: 'Amplitude', billsCohortAssignments: true },
  { name: 'mixpanel', displayName: 'Mixpanel', billsCohortAssignments: true },
  { name: 'heap', displayName: 'Heap' },
  { name: 'treasuredata', displayName: 'Treasure Data' },
  { name: 'kubit', displayName: 'Kubit' },
  { name: 'tinyclues', displayName: 'Tinyclues' }
]

export const PARTNER_NAMES: string[] = PARTNERS.map((p) => p.name)

export function findPartner (name: string): PartnerDefinition | undefined {
  return PARTNERS.find((p) => p.name === name)
}

/** "Hightouch Cohorts": the segment filter Braze adds for a partner's cohorts. */
export function filterName (partner: PartnerDefinition): string {
  return `${partner.displayName} Cohorts`
}

/** `hightouch_cohorts`: the filter id seen in Braze screenshots (`amplitude_cohorts`). */
export function filterId (partner: PartnerDefinition): string {
  return `${partner.name}_cohorts`
}

/** Deterministic default partner API key, so CI can hard-code it; overridable by config. */
export function defaultPartnerApiKey (partner: string, region: 'us' | 'eu'): string {
  return `fake-${partner}-${region}-partner-api-key`
}

export interface PartnerView {
  name: string
  display_name: string
  filter_name: string
  filter_id: string
  api_keys: { us: string, eu: string }
}

/** The control plane's list of partners, with the partner API keys this fake accepts. */
export function partnerViews (apiKeys: Readonly<Record<string, { readonly us: string, readonly eu: string }>>): PartnerView[] {
  return PARTNERS.map((p) => ({
    name: p.name,
    display_name: p.displayName,
    filter_name: filterName(p),
    filter_id: filterId(p),
    api_keys: { us: apiKeys[p.name]?.us ?? defaultPartnerApiKey(p.name, 'us'), eu: apiKeys[p.name]?.eu ?? defaultPartnerApiKey(p.name, 'eu') }
  }))
}
