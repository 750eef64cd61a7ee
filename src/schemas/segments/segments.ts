/** Braze's segment endpoints and /users/export/segment, spelled as braze-docs spells them. */
import { z } from 'zod'
import { SEGMENT_MESSAGES as M } from '../../domain/shared/errors.js'

const segmentId = z.string({ error: M.segmentId }).min(1, { error: M.segmentId }).meta({ description: 'Segment API identifier' })

export const SegmentListQuerySchema = z.object({
  page: z.coerce.number({ error: M.page }).int({ error: M.page }).min(0, { error: M.page }).default(0).meta({ description: 'Page to return, 0-based, 100 segments a page' }),
  sort_direction: z.enum(['asc', 'desc'], { error: M.sortDirection }).default('asc').meta({ description: '`asc` oldest first (default), `desc` newest first' }),
  'last_edit.time[gt]': z.string().optional().meta({ description: 'Only segments edited after this time (yyyy-MM-DDTHH:mm:ss, UTC unless it names a zone)' })
})

export const SegmentListResponseSchema = z.object({
  message: z.literal('success'),
  segments: z.array(z.object({ id: z.string(), name: z.string(), analytics_tracking_enabled: z.boolean(), tags: z.array(z.string()) }))
}).meta({ id: 'SegmentListResponse' })

export const SegmentDetailsQuerySchema = z.object({ segment_id: segmentId })

export const SegmentDetailsResponseSchema = z.object({
  message: z.literal('success'),
  created_at: z.string(),
  updated_at: z.string(),
  name: z.string(),
  description: z.string().meta({ description: 'Human-readable description of the filters' }),
  text_description: z.string().nullable().meta({ description: 'The segment description' }),
  tags: z.array(z.string()),
  teams: z.array(z.string())
}).meta({ id: 'SegmentDetailsResponse' })

export const SegmentDataSeriesQuerySchema = z.object({
  segment_id: segmentId,
  length: z.coerce.number({ error: M.length }).int({ error: M.length }).min(1, { error: M.length }).max(100, { error: M.length }).meta({ description: 'Days before ending_at to include, 1–100' }),
  ending_at: z.string().optional().meta({ description: 'ISO-8601 date-time; defaults to now' })
})

export const SegmentDataSeriesResponseSchema = z.object({
  message: z.literal('success'),
  data: z.array(z.object({ time: z.string().meta({ description: 'Date, YYYY-MM-DD' }), size: z.number().int() }))
}).meta({ id: 'SegmentDataSeriesResponse' })

export const UsersExportSegmentRequestSchema = z.object({
  segment_id: segmentId,
  fields_to_export: z.array(z.string({ error: M.fieldsToExport }), { error: M.fieldsToExport }).min(1, { error: M.fieldsToExport }).meta({ description: 'Required: the user fields to include' }),
  custom_attributes_to_export: z.array(z.string({ error: M.customAttributesToExport }), { error: M.customAttributesToExport }).optional().meta({ description: 'Up to 500; ignored when custom_attributes is in fields_to_export' }),
  callback_endpoint: z.url({ error: M.callbackEndpoint }).optional().meta({ description: 'POSTed `{"success":true,"url":…}` when the export is ready' }),
  output_format: z.enum(['zip', 'gzip'], { error: M.outputFormat }).optional()
}).meta({
  id: 'UsersExportSegmentRequest',
  examples: [{ segment_id: 'vip-on-gold', fields_to_export: ['braze_id', 'external_id', 'email', 'custom_attributes'], callback_endpoint: 'http://127.0.0.1:9999/export-ready' }]
})

export const UsersExportSegmentResponseSchema = z.object({
  message: z.literal('success'),
  object_prefix: z.string(),
  url: z.string().meta({ description: 'Download URL, served by fake-braze (GET /_fake/exports/{object_prefix}.zip) once the export is ready' })
}).meta({ id: 'UsersExportSegmentResponse' })
