/**
 * OpenAPI 3.1 generated from the zod route schemas (committed as openapi/openapi.json and
 * checked for drift by a test) and Swagger UI at /docs.
 *
 * The document is finished here, the same way for every route, so routes added later get it too:
 * - a Bearer security scheme on every route guarded by requireRestKey (Swagger UI's "Authorize");
 * - a description per response status instead of "Default Response", and an example answer for
 *   each (the recorded answer of the operation's example, from openapi/example-responses.json, or a
 *   Braze error envelope);
 * - the example request of openapi-examples.ts as request body and parameter examples (ids taken
 *   from earlier answers filled in; a parameter the example does not send takes its schema's first
 *   `examples`), and enums for partner and cluster parameters.
 * test/openapi.test.ts fails when an operation lacks a description or an example.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'
import { CLUSTER_IDS } from '../domain/shared/clusters.js'
import { PARTNER_NAMES } from '../domain/shared/partners.js'
import { restPermissionOf } from '../routes/shared/rest-authenticate.js'
import { EXAMPLE_BY_OP, EXAMPLE_REST_API_KEY, OPERATION_EXAMPLES, resolveRefs } from './openapi-examples.js'
import { FAVICON_SVG } from './favicon.js'

export const TAGS = [
  { name: 'fake', description: '**Start here.** The fake-braze control plane (not part of Braze) plays Braze\'s dashboard: create workspace `acme`, a Hightouch data import key and a REST API key, seed users; then inspect cohorts, segments, the request journal and data points, inject faults, move the clock, reset. The examples chain in order: run each with "Try it out", then click **Authorize** and enter the REST API key `' + EXAMPLE_REST_API_KEY + '` for the `users`, `segments`, `subscriptions`, `messaging`, `analytics` and `catalogs` endpoints. `POST /_fake/reset` clears everything so the chain can run again.' },
  { name: 'partners', description: 'Braze partner cohort import (`/partners/{partner}/cohorts…`), authenticated by partner API key + data import key in the body. Prefix any path with a REST host (e.g. `/rest.fra-01.braze.eu`) to call another cluster.' },
  { name: 'users', description: 'Braze REST user-data endpoints (`/users/track` and its `bulk` and `sync` variants, `/users/export/ids`, `/users/export/segment`, identity and external id migration endpoints, and the `/custom_attributes`, `/events` and `/purchases/product_list` exports), authenticated by `Authorization: Bearer <REST API key>` with the endpoint\'s permission.' },
  { name: 'segments', description: 'Braze segment endpoints (`/segments/list`, `/segments/details`, `/segments/data_series`) over segments built from partner cohort filters and user data; REST API key with `segments.*` permissions.' },
  { name: 'subscriptions', description: 'Braze subscription endpoints: subscription group states (`/subscription/*`, `/v2/subscription/status/set`), global email state and the unsubscribe, hard bounce, spam and blocklist lists (`/email/*`), invalid phone numbers (`/sms/*`). Groups are created through the control plane; REST API key with the endpoint\'s permission.' },
  { name: 'messaging', description: 'Braze campaign, Canvas and send endpoints: API-triggered and API-only sends (`/campaigns/trigger/*`, `/canvas/trigger/*`, `/messages/*`), their schedules, send ids, and the campaign and Canvas exports. Campaigns and Canvases are defined through the control plane; deliveries land in its outbox. REST API key with the endpoint\'s permission.' },
  { name: 'analytics', description: 'Braze\'s Export analytics: custom event (`/events/data_series`), KPI (`/kpi/*/data_series`), session and purchase series, computed from what the workspace recorded through `/users/track`, and the deprecated News Feed card exports (`/feed/*`, no cards). REST API key with the endpoint\'s permission.' },
  { name: 'catalogs', description: 'Braze catalog endpoints (`/catalogs`, bulk and single items, fields): the product or content tables Census and Hightouch sync and messages look up with `{% catalog_items %}`. Errors use the catalog envelope `{"errors":[{"id","message","parameters","parameter_values"}],"message":"Invalid Request"}`. REST API key with the endpoint\'s `catalogs.*` permission.' }
]

export const REST_SECURITY_SCHEME = 'RestApiKey'

/** Response descriptions by status, for responses whose schema names none. */
export const STATUS_DESCRIPTIONS: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content: done, nothing to return',
  400: 'Bad request: the message names the bad field',
  401: 'Authentication failed: the message says which credential is wrong',
  403: 'The REST API key lacks this endpoint\'s permission',
  404: 'Not found: the message names what is unknown',
  409: 'Conflict: the id or key is already taken',
  413: 'The body is larger than the body limit (--body-limit)',
  415: 'The Content-Type is not application/json',
  423: 'Resource locked: the cohort was locked through the control plane',
  429: 'Rate limit exceeded (rate limits on, or an injected fault); Retry-After and x-ratelimit-* headers say when to retry',
  500: 'Internal Server Error: only when injected through /_fake/faults',
  502: 'Bad Gateway: only when injected through /_fake/faults',
  503: 'Service Unavailable: only when injected through /_fake/faults',
  504: 'Gateway Timeout: only when injected through /_fake/faults'
}

/** Error answers by status, in Braze's envelope, for statuses the operation's example does not produce. */
function errorExample (status: string, tag: string | undefined, hasBody: boolean): Record<string, unknown> {
  // catalog rule errors use their own envelope (braze-reference-messaging §4.2)
  if (tag === 'catalogs' && (status === '400' || status === '404')) {
    const e = status === '404'
      ? { id: 'catalog-not-found', message: 'Could not find catalog', parameters: ['catalog_name'], parameter_values: ['restaurants'] }
      : { id: 'invalid-ids', message: 'Item IDs can only include letters, numbers, hyphens, and underscores', parameters: ['id'], parameter_values: ['bad id'] }
    return { errors: [e], message: 'Invalid Request' }
  }
  const messages: Record<string, string> = {
    400: hasBody ? 'Invalid JSON in request body: Body is not valid JSON but content-type is set to \'application/json\'' : 'querystring.limit: must be a number',
    401: tag === 'partners' ? 'Invalid client secret' : 'Invalid API key: not-a-key',
    403: 'Access Denied',
    404: tag === 'fake' ? 'Workspace nope not found' : 'Invalid URL',
    409: 'workspace acme already exists',
    413: 'Request body is larger than 1048576 bytes',
    415: 'Content-Type must be application/json, got text/plain',
    423: 'Resource locked',
    429: 'API rate limit exceeded',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout'
  }
  return { message: messages[status] ?? STATUS_DESCRIPTIONS[status] ?? 'error' }
}

interface Media { schema?: Record<string, unknown>, example?: unknown, examples?: unknown }
interface Operation {
  tags?: string[]
  description?: string
  parameters?: Array<{ name: string, in: string, example?: unknown, schema?: Record<string, unknown> }>
  requestBody?: { content?: Record<string, Media> }
  responses?: Record<string, { description?: string, content?: Record<string, Media> }>
}
interface OpenApiDocument { paths?: Record<string, Record<string, Operation>> }

/**
 * The recorded answer of each documented example, generated by scripts/write-openapi-examples.ts
 * (`npm run openapi`). Two folders up from this module whether it runs from src/plugins/ (tsx) or
 * from dist/bundle/ or dist/cjs/ (the package ships openapi/*.json), like the migrations.
 */
export const EXAMPLE_RESPONSES_PATH = fileURLToPath(new URL('../../openapi/example-responses.json', import.meta.url))
export type ExampleResponses = Record<string, { status: number, body?: unknown }>

/** Read when the document is first built (docs on), not when the module loads. */
let exampleResponses: ExampleResponses | undefined
function recordedResponses (): ExampleResponses {
  exampleResponses ??= JSON.parse(readFileSync(EXAMPLE_RESPONSES_PATH, 'utf8')) as ExampleResponses
  return exampleResponses
}

/** An example value with the ids generated by earlier examples filled in from their recorded answers. */
function exampleValue (value: unknown): unknown {
  return resolveRefs(value, (op) => recordedResponses()[op]?.body)
}

/** Adds what the route schemas cannot say: security scheme, examples, enums, status descriptions. */
export function finishOpenApi<T> (doc: T): T {
  const d = doc as OpenApiDocument
  for (const [path, ops] of Object.entries(d.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const key = `${method.toUpperCase()} ${path}`
      const example = EXAMPLE_BY_OP.get(key)
      const recorded = recordedResponses()[key]
      for (const param of op.parameters ?? []) {
        if (param.name === 'partner' && param.schema !== undefined) param.schema.enum = [...PARTNER_NAMES]
        if (param.name === 'cluster' && param.schema !== undefined) param.schema.enum = [...CLUSTER_IDS]
        const value = exampleValue(example?.params?.[param.name] ?? example?.query?.[param.name]) ?? (param.schema?.examples as unknown[] | undefined)?.[0]
        if (value !== undefined && param.example === undefined) param.example = value
      }
      const requestMedia = op.requestBody?.content?.['application/json']
      if (requestMedia !== undefined && example?.body !== undefined) {
        delete requestMedia.examples
        requestMedia.example = exampleValue(example.body)
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (response.description === undefined || response.description === 'Default Response') response.description = STATUS_DESCRIPTIONS[status] ?? 'Response'
        const media = response.content?.['application/json']
        if (media === undefined) continue
        const mediaType = media.schema?.contentMediaType
        if (typeof mediaType === 'string') {
          response.content = { [mediaType]: { schema: { type: 'string', format: 'binary' } } }
          continue
        }
        if (media.example !== undefined || media.examples !== undefined) continue
        if (recorded !== undefined && String(recorded.status) === status && recorded.body !== undefined) media.example = recorded.body
        else if (Number(status) >= 400) media.example = errorExample(status, op.tags?.[0], op.requestBody !== undefined)
      }
    }
  }
  return doc
}

/**
 * Swagger UI's order within each tag: the examples' order (the chain first, deletions last). Swagger UI
 * gets the function as source text (@fastify/swagger-ui serialises functions), so it carries its list.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval, no-new-func
const operationsSorter = new Function('a', 'b', `var order = ${JSON.stringify(OPERATION_EXAMPLES.map((e) => e.op))};
  function rank (o) { var i = order.indexOf(String(o.get('method')).toUpperCase() + ' ' + o.get('path')); return i < 0 ? order.length : i }
  return rank(a) - rank(b)`) as (a: unknown, b: unknown) => number

/**
 * Swagger UI's own files, found through the installed package rather than the plugin's
 * __dirname, so the CLI bundle can inline the plugin (scripts/bundle.mjs).
 */
const SWAGGER_UI_STATIC = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')), 'static')

export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'fake-braze',
        description: 'A stateful, high-fidelity fake of Braze\'s partner cohort import and REST user-data APIs, plus a `/_fake` control plane for tests. Start with the `fake` section: its examples chain into the Braze endpoints below.',
        version: '0.1.0'
      },
      tags: TAGS,
      components: {
        securitySchemes: {
          [REST_SECURITY_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description: `A REST API key of the workspace (\`POST /_fake/workspaces/{workspace_id}/rest-api-keys\`; the examples use \`${EXAMPLE_REST_API_KEY}\`).`
          }
        }
      }
    },
    hideUntagged: true,
    transform: (input) => {
      const out = jsonSchemaTransform(input)
      const permission = restPermissionOf(input.route as RouteOptions)
      if (permission === undefined) return out
      const schema = out.schema as Record<string, unknown>
      return {
        ...out,
        schema: {
          ...schema,
          security: [{ [REST_SECURITY_SCHEME]: [] }],
          ...(typeof schema.description === 'string' && {
            description: `${schema.description}\n\nAuthorization: \`Bearer\` REST API key with the \`${permission}\` permission (click **Authorize**).`
          })
        }
      }
    },
    transformObject: (input) => finishOpenApi(jsonSchemaTransformObject(input))
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    baseDir: SWAGGER_UI_STATIC,
    logo: { type: 'image/svg+xml', content: readFileSync(join(SWAGGER_UI_STATIC, 'logo.svg')) },
    // the fake's own icon (plugins/favicon.ts), as on the dashboard
    theme: { favicon: [{ filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: FAVICON_SVG }] },
    uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true, persistAuthorization: false, displayRequestDuration: true, operationsSorter }
  })
}, { name: 'swagger' })
