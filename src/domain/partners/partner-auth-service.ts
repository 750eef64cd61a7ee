/**
 * Authenticates partner cohort calls the way braze-docs cohort_import.md describes: a partner
 * API key per partner and region (US or EU) plus the customer's data import key
 * (`client_secret`), both in the JSON body. The order of checks decides which documented 401 a
 * caller sees when several things are wrong; it is [inferred].
 */
import { findCluster, type ClusterDefinition } from '../shared/clusters.js'
import { InvalidClientSecret, InvalidPartnerApiKey, NotFoundUrl, PartnerNotEnabled, UnauthorizedAccess } from '../shared/errors.js'
import { findPartner, type PartnerDefinition } from '../shared/partners.js'
import type { DataImportKeyRepository } from '../../repositories/partners/data-import-key-repository.js'

export interface PartnerContext {
  readonly partner: PartnerDefinition
  readonly cluster: ClusterDefinition
  readonly workspacePk: number
  readonly workspaceId: string
}

export interface PartnerCredentials {
  partnerName: string
  partnerApiKey: unknown
  clientSecret: unknown
  /** the cluster the request named, or the default cluster when `clusterNamed` is false */
  cluster: ClusterDefinition
  /**
   * false: the request named no cluster (no path prefix, no Braze Host). It is then served on
   * the cluster of the data import key's workspace, as Braze's bare REST host would serve it.
   */
  clusterNamed?: boolean | undefined
}

export type PartnerAuthService = ReturnType<typeof createPartnerAuthService>

export function createPartnerAuthService (deps: {
  keys: DataImportKeyRepository
  partnerApiKeys: Readonly<Record<string, { readonly us: string, readonly eu: string }>>
}) {
  const owners = new Map<string, { partner: string, region: 'us' | 'eu' }>()
  for (const [partner, k] of Object.entries(deps.partnerApiKeys)) {
    owners.set(k.us, { partner, region: 'us' })
    owners.set(k.eu, { partner, region: 'eu' })
  }

  return {
    /** The partner path segment alone: unknown partners have no provisioned endpoint (404). */
    partner (partnerName: string): PartnerDefinition {
      const partner = findPartner(partnerName)
      if (partner === undefined) throw new NotFoundUrl()
      return partner
    },

    authenticate (c: PartnerCredentials): PartnerContext {
      const partner = this.partner(c.partnerName)
      const secret = typeof c.clientSecret === 'string' && c.clientSecret !== '' ? c.clientSecret : undefined
      const found = secret === undefined ? undefined : deps.keys.findGrant(secret)
      const cluster = c.clusterNamed === false && found !== undefined ? findCluster(found.cluster) ?? c.cluster : c.cluster
      const owner = typeof c.partnerApiKey === 'string' ? owners.get(c.partnerApiKey) : undefined
      // A US key on an EU cluster (or the reverse) is simply not a key that cluster knows.
      if (owner === undefined || owner.region !== cluster.partnerKeyRegion) throw new InvalidPartnerApiKey()
      if (owner.partner !== partner.name) throw new UnauthorizedAccess()

      if (found === undefined || found.status !== 'active' || found.cluster !== cluster.id) {
        throw new InvalidClientSecret()
      }
      if (found.partner !== partner.name) throw new PartnerNotEnabled(secret!)
      return { partner, cluster, workspacePk: found.workspacePk, workspaceId: found.workspaceId }
    }
  }
}
