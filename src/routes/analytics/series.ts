/**
 * Braze's Export analytics series, computed from what the workspace recorded:
 * @see https://www.braze.com/docs/api/endpoints/export/custom_events/get_custom_events_analytics/ (GET /events/data_series)
 * @see https://www.braze.com/docs/api/endpoints/export/kpi/ (GET /kpi/{new_users,dau,mau,uninstalls}/data_series)
 * @see https://www.braze.com/docs/api/endpoints/export/sessions/get_sessions_analytics/ (GET /sessions/data_series)
 * @see https://www.braze.com/docs/api/endpoints/export/purchases/get_number_of_purchases/ (GET /purchases/quantity_series)
 * @see https://www.braze.com/docs/api/endpoints/export/purchases/get_revenue_series/ (GET /purchases/revenue_series)
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import {
  DauSeriesResponseSchema, EventSeriesQuerySchema, EventSeriesResponseSchema, KpiSeriesQuerySchema, MauSeriesResponseSchema, NewUsersSeriesResponseSchema,
  PurchaseQuantitySeriesResponseSchema, PurchaseRevenueSeriesResponseSchema, PurchaseSeriesQuerySchema, SessionSeriesQuerySchema, SessionSeriesResponseSchema,
  UninstallsSeriesResponseSchema
} from '../../schemas/analytics/analytics.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const WINDOW = 'Buckets before the workspace\'s records begin and after the current one are left out (`length` is a maximum).'

const routes: FastifyPluginAsyncZod = async (app) => {
  const analytics = app.services.analytics

  app.get('/events/data_series', {
    schema: {
      tags: ['analytics'],
      summary: 'Export custom event analytics',
      description: `Occurrences of one custom event per day or hour, as /users/track recorded them (at each event's \`time\`); \`app_id\` keeps events sent with that \`app_id\`. ${WINDOW}`,
      querystring: EventSeriesQuerySchema,
      response: { 200: EventSeriesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('events.data_series')
  }, async (request) => ({ message: 'success' as const, data: analytics.eventSeries(request.restContext, request.query) }))

  const kpis = [
    ['new_users', NewUsersSeriesResponseSchema, 'Export daily new users', 'Users created per day (through any endpoint, the control plane or a seed).'],
    ['dau', DauSeriesResponseSchema, 'Export daily active users', 'Users with tracked activity per day: an attribute update, an event or a purchase (at its `time`) through /users/track.'],
    ['mau', MauSeriesResponseSchema, 'Export monthly active users', 'Distinct users with tracked activity over the 30 days ending with each day.'],
    ['uninstalls', UninstallsSeriesResponseSchema, 'Export daily app uninstalls', 'Always 0: uninstalls are detected from SDK installs, which fake-braze does not emulate.']
  ] as const
  for (const [kpi, response, summary, description] of kpis) {
    app.get(`/kpi/${kpi}/data_series`, {
      schema: { tags: ['analytics'], summary, description: `${description} ${WINDOW}`, querystring: KpiSeriesQuerySchema, response: { 200: response, ...brazeErrorResponses(400, 401, 403) } },
      preValidation: requireRestKey(`kpi.${kpi}.data_series`)
      // `data` carries the KPI's own key (new_users, dau, …), which TypeScript cannot tie to this iteration's schema.
    }, async (request) => ({ message: 'success' as const, data: analytics.kpiSeries(request.restContext, kpi, request.query) }) as never)
  }

  app.get('/sessions/data_series', {
    schema: {
      tags: ['analytics'],
      summary: 'Export app sessions by time',
      description: `Always 0 per day or hour: sessions are started by SDKs, which fake-braze does not emulate. A \`segment_id\` must name a segment of the workspace. ${WINDOW}`,
      querystring: SessionSeriesQuerySchema,
      response: { 200: SessionSeriesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('sessions.data_series')
  }, async (request) => ({ message: 'success' as const, data: analytics.sessionSeries(request.restContext, request.query) }))

  app.get('/purchases/quantity_series', {
    schema: {
      tags: ['analytics'],
      summary: 'Export number of purchases',
      description: `Purchases per day or hour (a purchase object of \`quantity\` N counts N), of one \`product\` or all. ${WINDOW}`,
      querystring: PurchaseSeriesQuerySchema,
      response: { 200: PurchaseQuantitySeriesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('purchases.quantity_series')
  }, async (request) => ({ message: 'success' as const, data: analytics.purchaseQuantitySeries(request.restContext, request.query) }))

  app.get('/purchases/revenue_series', {
    schema: {
      tags: ['analytics'],
      summary: 'Export revenue data by time',
      description: `Revenue per day or hour: price × quantity of each purchase, summed in the currencies sent (fake-braze converts none). ${WINDOW}`,
      querystring: PurchaseSeriesQuerySchema,
      response: { 200: PurchaseRevenueSeriesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('purchases.revenue_series')
  }, async (request) => ({ message: 'success' as const, data: analytics.purchaseRevenueSeries(request.restContext, request.query) }))
}

export default routes
