import type { DatabaseHandle } from '../../db/client.js'
import { lazyStatements } from '../shared/lazy-statements.js'

export type ExportListsRepository = ReturnType<typeof createExportListsRepository>

/**
 * Reads behind Braze's schema lists (GET /custom_attributes, /events/list, /events,
 * /purchases/product_list): the names a workspace has ingested, in alphabetical order.
 */
export function createExportListsRepository ({ sqlite }: DatabaseHandle) {
  // One row per attribute name: the JSON type of its value on the most recently updated user.
  const prepare = lazyStatements(sqlite)
  const attributes = prepare<[number], { name: string, type: string, value: string | null }>(
    `SELECT name, type, value FROM (
       SELECT j.key AS name, j.type AS type, CASE WHEN j.type IN ('text', 'array') THEN j.value END AS value,
              ROW_NUMBER() OVER (PARTITION BY j.key ORDER BY u.updated_at DESC, u.pk DESC) AS rn
       FROM users u, json_each(u.custom_attributes) j WHERE u.workspace_pk = ?)
     WHERE rn = 1 ORDER BY name`)
  const events = prepare<[number], { name: string }>(
    'SELECT DISTINCT e.name AS name FROM users u JOIN user_event_summaries e ON e.user_pk = u.pk WHERE u.workspace_pk = ? ORDER BY e.name')
  const products = prepare<[number], { name: string }>(
    'SELECT DISTINCT p.product_id AS name FROM users u JOIN user_purchase_summaries p ON p.user_pk = u.pk WHERE u.workspace_pk = ? ORDER BY p.product_id')
  return {
    customAttributes: (workspacePk: number) => attributes.all(workspacePk),
    eventNames: (workspacePk: number) => events.all(workspacePk).map((r) => r.name),
    productIds: (workspacePk: number) => products.all(workspacePk).map((r) => r.name)
  }
}
