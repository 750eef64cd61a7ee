/**
 * Data Settings → Catalogs: the workspace's catalogs (what a warehouse sync keeps in step), their
 * fields, and one catalog's items, 50 a page as the API pages them. Live while a sync runs.
 */
import { api, enc, query } from '../api.js'
import { href } from '../router.js'
import { Empty, ErrorText, Pager, fmtTime, useLoad, usePager } from '../ui.js'

interface CatalogField { name: string, type: string }
interface Catalog { name: string, description: string, fields: CatalogField[], num_items: number, updated_at: string }
interface CatalogList { catalogs: Catalog[], storage: { used_bytes: number, limit_bytes: number } }
interface CatalogPage extends Catalog { items: Array<Record<string, unknown>>, next_cursor?: string, prev_cursor?: string }

const LIVE_MS = 2000

function bytes (n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

function cell (v: unknown): string {
  if (v === undefined) return ''
  return typeof v === 'string' ? v : JSON.stringify(v)
}

export function CatalogsPage ({ ws }: { ws: string }) {
  const path = `/_fake/workspaces/${enc(ws)}/catalogs`
  const list = useLoad(async () => await api<CatalogList>('GET', path, { quiet: true }), [path], LIVE_MS)
  return (
    <section>
      <h1>Catalogs</h1>
      <p class='lede'>Created with <code>POST /catalogs</code> and filled by <code>POST/PATCH/PUT/DELETE /catalogs/&#123;name&#125;/items</code>; messages read them with <code>{'{% catalog_items <name> <id> %}'}</code>. Live: refreshes every two seconds.</p>
      <ErrorText error={list.error} />
      {list.data !== undefined && <p class='storage'>Storage: {bytes(list.data.storage.used_bytes)} of {bytes(list.data.storage.limit_bytes)}</p>}
      {list.data?.catalogs.length === 0 && <Empty>No catalogs yet. Create one with <code>POST /catalogs</code> (a REST key with <code>catalogs.create</code>).</Empty>}
      {(list.data?.catalogs.length ?? 0) > 0 && (
        <table aria-live='polite'>
          <thead><tr><th scope='col'>Catalog</th><th scope='col'>Description</th><th scope='col'>Fields</th><th scope='col'>Items</th><th scope='col'>Updated</th></tr></thead>
          <tbody>
            {list.data!.catalogs.map((c) => (
              <tr key={c.name} data-catalog={c.name}>
                <td><a href={href('w', ws, 'catalogs', c.name)}>{c.name}</a></td>
                <td>{c.description}</td>
                <td>{c.fields.map((f) => `${f.name} (${f.type})`).join(', ')}</td>
                <td class='item-count'>{c.num_items.toLocaleString()}</td>
                <td>{fmtTime(c.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export function CatalogPage ({ ws, name }: { ws: string, name: string }) {
  const pager = usePager()
  const path = `/_fake/workspaces/${enc(ws)}/catalogs/${enc(name)}${query({ cursor: pager.cursor })}`
  const page = useLoad(async () => await api<CatalogPage>('GET', path, { quiet: true }), [path], LIVE_MS)
  const c = page.data
  return (
    <section>
      <p><a href={href('w', ws, 'catalogs')}>← Catalogs</a></p>
      <h1>{name}</h1>
      <ErrorText error={page.error} />
      {c !== undefined && (
        <>
          <p class='lede'>{c.description} · {c.num_items.toLocaleString()} items · updated {fmtTime(c.updated_at)}</p>
          <h2>Fields</h2>
          <table class='fields'>
            <thead><tr><th scope='col'>Field</th><th scope='col'>Type</th></tr></thead>
            <tbody>{c.fields.map((f) => <tr key={f.name}><td><code>{f.name}</code></td><td>{f.type}</td></tr>)}</tbody>
          </table>
          <h2>Items</h2>
          {c.items.length === 0 && <Empty>No items on this page.</Empty>}
          {c.items.length > 0 && (
            <table class='items'>
              <thead><tr>{c.fields.map((f) => <th key={f.name} scope='col'>{f.name}</th>)}</tr></thead>
              <tbody>
                {c.items.map((item) => (
                  <tr key={String(item.id)} data-item={String(item.id)}>
                    {c.fields.map((f) => <td key={f.name}>{cell(item[f.name])}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager pager={pager} nextCursor={c.next_cursor} />
        </>
      )}
    </section>
  )
}
