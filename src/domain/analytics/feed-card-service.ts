/**
 * News Feed cards (braze-docs news_feed/*.md; deprecated by Braze in favour of Content Cards, still
 * read by ETL connectors). Braze makes cards only in its dashboard, so the control plane records them,
 * as it does campaigns; the REST exports read them:
 * - GET /feed/list: `{id, type, title, tags}`, 100 a page, oldest created first (or `desc`), archived only when asked;
 * - GET /feed/details: the card's fields (get_news_feed_card_details.md);
 * - GET /feed/data_series: daily or hourly clicks and impressions. Nothing displays a card here: all 0 [inferred].
 * An unknown card_id is 400 "Invalid Card ID" [inferred text].
 */
import { toIso, type Clock } from '../shared/clock.js'
import { FakeConflict, FakeNotFound, InvalidCardId } from '../shared/errors.js'
import { newKey } from '../shared/ids.js'
import { bucketTime, parseEndingAt, seriesBuckets, type SeriesUnit } from '../shared/series-window.js'
import type { RestContext } from '../workspaces/rest-api-key-service.js'
import type { AnalyticsRepository } from '../../repositories/analytics/analytics-repository.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { FeedCardRow } from '../../db/schema/analytics.js'

export const FEED_PAGE_SIZE = 100
export const FEED_CARD_TYPES = ['NewsItem', 'CaptionedImage', 'Banner', 'DevPick'] as const
export type FeedCardType = typeof FEED_CARD_TYPES[number]

export interface FeedCardInput {
  id?: string | undefined
  name: string
  type?: FeedCardType | undefined
  title?: string | undefined
  description?: string | undefined
  image_url?: string | undefined
  extras?: Record<string, unknown> | undefined
  tags?: string[] | undefined
  publish_at?: string | undefined
  end_at?: string | null | undefined
  draft?: boolean | undefined
}

/** The card as /feed/details shows it, plus its id. */
export interface FeedCardView {
  id: string
  created_at: string
  updated_at: string
  name: string
  type: FeedCardType
  publish_at: string
  end_at: string | null
  tags: string[]
  title: string
  image_url: string | null
  extras: Record<string, unknown>
  description: string
  archived: boolean
  draft: boolean
}

export type FeedCardService = ReturnType<typeof createFeedCardService>

export function createFeedCardService (deps: {
  analytics: AnalyticsRepository
  clock: Clock
  transaction: RunInTransaction
  workspacePkOf: (workspaceId: string) => number | undefined
}) {
  const { analytics, clock, transaction } = deps
  const wsPk = (workspaceId: string): number => {
    const pk = deps.workspacePkOf(workspaceId)
    if (pk === undefined) throw new FakeNotFound('Workspace', workspaceId)
    return pk
  }
  const restCard = (ctx: RestContext, cardId: string): FeedCardRow => {
    const row = analytics.findCard(ctx.workspacePk, cardId)
    if (row === undefined) throw new InvalidCardId()
    return row
  }

  return {
    // --- control plane -----------------------------------------------------------------------------
    create (workspaceId: string, input: FeedCardInput): FeedCardView {
      return transaction(() => {
        const pk = wsPk(workspaceId)
        const id = input.id ?? newKey()
        if (analytics.findCard(pk, id) !== undefined) throw new FakeConflict(`Card ${id} already exists`)
        const now = clock.now()
        const { id: _id, ...fields } = input
        return view(analytics.insertCard({ workspacePk: pk, id, card: fields, archivedAt: null, createdAt: now, updatedAt: now }))
      })
    },
    list: (workspaceId: string): FeedCardView[] => analytics.listCards(wsPk(workspaceId), { includeArchived: true, direction: 'asc' }).map(view),
    archive (workspaceId: string, cardId: string): FeedCardView {
      return transaction(() => {
        const row = analytics.archiveCard(wsPk(workspaceId), cardId, clock.now())
        if (row === undefined) throw new FakeNotFound('Card', cardId)
        return view(row)
      })
    },

    // --- Braze's exports ---------------------------------------------------------------------------
    feedList (ctx: RestContext, q: { page: number, include_archived: boolean, sort_direction: 'asc' | 'desc' }): Array<{ id: string, type: FeedCardType, title: string, tags: string[] }> {
      return analytics.listCards(ctx.workspacePk, { includeArchived: q.include_archived, direction: q.sort_direction, offset: q.page * FEED_PAGE_SIZE, limit: FEED_PAGE_SIZE })
        .map((r) => { const v = view(r); return { id: v.id, type: v.type, title: v.title, tags: v.tags } })
    },
    details (ctx: RestContext, cardId: string): Omit<FeedCardView, 'id'> & { message: 'success' } {
      const { id: _id, ...v } = view(restCard(ctx, cardId))
      return { message: 'success', ...v }
    },
    /** Days (hours) since the card was created, as every data_series (shared/series-window.ts). */
    series (ctx: RestContext, q: { card_id: string, length: number, unit?: SeriesUnit | undefined, ending_at?: string | undefined }): Array<{ time: string, clicks: number, impressions: number, unique_clicks: number, unique_impressions: number }> {
      const row = restCard(ctx, q.card_id)
      const now = clock.now()
      const unit = q.unit ?? 'day'
      return seriesBuckets({ endingAt: parseEndingAt(q.ending_at, now), length: q.length, unit, since: row.createdAt, now })
        .map((s) => ({ time: bucketTime(s, unit), clicks: 0, impressions: 0, unique_clicks: 0, unique_impressions: 0 }))
    }
  }
}

function view (row: FeedCardRow): FeedCardView {
  const c = row.card as unknown as FeedCardInput
  return {
    id: row.id,
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
    name: c.name,
    type: c.type ?? 'NewsItem',
    // A card without its own publish time is published when recorded [inferred].
    publish_at: c.publish_at ?? toIso(row.createdAt),
    end_at: c.end_at ?? null,
    tags: c.tags ?? [],
    title: c.title ?? c.name,
    image_url: c.image_url ?? null,
    extras: c.extras ?? {},
    description: c.description ?? '',
    archived: row.archivedAt !== null,
    draft: c.draft ?? false
  }
}
