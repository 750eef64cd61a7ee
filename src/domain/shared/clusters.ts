/**
 * Braze instances and their REST hosts, from braze-docs `_includes/data_centers.md` and
 * `_docs/_partners/isv_partners/cohort_import.md`. A workspace lives on exactly one cluster.
 * Partner API keys come in a US and an EU flavour (cohort_import.md: "one key for all US
 * clusters and another for the EU cluster"); which one AU-01 takes is undocumented, so AU
 * takes the US key as Segment's braze-cohorts destination assumes ([inferred]).
 */
export type PartnerKeyRegion = 'us' | 'eu'

/** The cluster ids as a literal union, for typed clients; CLUSTERS must list exactly these. */
export type ClusterId = `iad-0${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}` | 'us-10' | 'fra-01' | 'fra-02' | 'au-01'

export interface ClusterDefinition {
  readonly id: ClusterId
  readonly restHost: string
  readonly partnerKeyRegion: PartnerKeyRegion
}

const us = (n: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8): ClusterDefinition => ({ id: `iad-0${n}`, restHost: `rest.iad-0${n}.braze.com`, partnerKeyRegion: 'us' })

export const CLUSTERS: readonly ClusterDefinition[] = [
  us(1), us(2), us(3), us(4), us(5), us(6), us(7), us(8),
  { id: 'us-10', restHost: 'rest.us-10.braze.com', partnerKeyRegion: 'us' },
  { id: 'fra-01', restHost: 'rest.fra-01.braze.eu', partnerKeyRegion: 'eu' },
  { id: 'fra-02', restHost: 'rest.fra-02.braze.eu', partnerKeyRegion: 'eu' },
  { id: 'au-01', restHost: 'rest.au-01.braze.com', partnerKeyRegion: 'us' }
]

export const CLUSTER_IDS: string[] = CLUSTERS.map((c) => c.id)

export function findCluster (id: string): ClusterDefinition | undefined {
  return CLUSTERS.find((c) => c.id === id)
}

/** Maps a Host header or path prefix such as `rest.fra-01.braze.eu` (port allowed) to its cluster. */
export function clusterForRestHost (host: string): ClusterDefinition | undefined {
  const bare = host.toLowerCase().replace(/:\d+$/, '')
  return CLUSTERS.find((c) => c.restHost === bare)
}

/** True for anything shaped like a Braze REST host, known or not, so unknown ones can be refused. */
export function looksLikeRestHost (segment: string): boolean {
  return /^rest\.[a-z0-9-]+\.braze\.(com|eu)(:\d+)?$/i.test(segment)
}
